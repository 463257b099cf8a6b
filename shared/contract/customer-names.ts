// The customer screen's own small contract, zod-free names: the only calls its page can make and the only events it
// gets. The counter's methods (names.ts) are never reachable from it; the bridge and the IPC router refuse them.

export const customerMethodNames = ['getCustomerView', 'typeCustomerPhone', 'chooseConsent'] as const
export type CustomerMethodName = (typeof customerMethodNames)[number]

/** main -> customer screen */
export const customerEventNames = ['customerViewChanged'] as const
export type CustomerEventName = (typeof customerEventNames)[number]

export const customerChannelFor = (m: CustomerMethodName) => `customer:${m}`
export const customerEventChannelFor = (e: CustomerEventName) => `customer:event:${e}`

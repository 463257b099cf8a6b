// The contract's method and event names without their schemas (no zod here): the preload builds window.counter from
// these lists and the renderer's client wraps exactly them, so neither bundles zod. methods.ts must name the same
// methods and events; the typecheck and a unit test (test/unit/shared/contract-names.test.ts) both hold it to that.

export const methodNames = [
  'getStatus',
  'dismissDatabaseNotice',
  'checkIn',
  'checkInFromDirectory',
  'searchCustomers',
  'getRewards',
  'getVisits',
  'getTimeline',
  'getRecommendations',
  'getTraits',
  'saveTraits',
  'getOverrides',
  'saveOverrides',
  'awardPoints',
  'signUp',
  'requestSmsOptIn',
  'listStores',
  'recentAwards',
  'shiftReport',
  'listOutbox',
  'retryOutboxEntry',
  'fixOutboxCustomer',
  'discardOutboxEntry',
  'testConnection',
  'saveAccount',
  'signOut',
  'useTrainingMode',
  'refreshDirectory',
  'clearDirectory',
  'setDirectoryEnabled',
  'redeemReward',
  'retryRedemption',
  'redemptionReport',
  'checkCompatibility',
  'getCounter',
  'saveCounter',
  'getStaff',
  'setUpManager',
  'signInBudtender',
  'signOutBudtender',
  'stillHere',
  'addStaff',
  'removeStaff',
  'saveRules',
  'unlockSettings',
  'changeMyPin',
  'resetStaffPin',
  'unlockStaff',
  'recoverManagerPin',
  'checkId',
  'overrideIdCheck',
  'getCustomerScreen',
  'openCustomerScreen',
  'askCustomerConsent',
  'cancelCustomerConsent',
  'clearCustomerScreen',
  'getConsentSettings',
  'saveConsentSettings',
  'listConsents',
  'exportConsents',
] as const
export type MethodName = (typeof methodNames)[number]

/** main -> renderer */
export const eventNames = ['statusChanged', 'outboxChanged', 'directoryProgress', 'staffChanged', 'customerScreenChanged'] as const
export type EventName = (typeof eventNames)[number]

/** `statusChanged` -> `onStatusChanged` */
export type ListenerName<E extends EventName> = `on${Capitalize<E>}`
export const listenerName = <E extends EventName>(e: E): ListenerName<E> =>
  `on${e[0]!.toUpperCase()}${e.slice(1)}` as ListenerName<E>

export const channelFor = (m: MethodName) => `counter:${m}`
export const eventChannelFor = (e: EventName) => `counter:event:${e}`

// The customer window's IPC: only the customer screen's contract, only from the customer window's own frame.
import { customerChannelFor, customerEventChannelFor, customerEventNames, customerMethodNames } from '../shared/contract'
import { dispatchCustomer } from './customer-dispatch'
import type { EventTarget, IpcMainLike, SenderFrame } from './ipc'
import { UNTRUSTED_SENDER } from './ipc'
import type { Services } from './services'

export function bindCustomerIpc(o: { ipcMain: IpcMainLike; services: Services; isTrustedSender(frame: SenderFrame): boolean; eventTarget(): EventTarget | null }): () => void {
  const trusted = (frame: SenderFrame) => {
    try {
      return o.isTrustedSender(frame)
    } catch {
      return false
    }
  }
  for (const method of customerMethodNames) {
    o.ipcMain.handle(customerChannelFor(method), async (event, raw) => (trusted(event.senderFrame) ? dispatchCustomer(o.services, method, raw) : UNTRUSTED_SENDER))
  }
  const offs = customerEventNames.map((name) =>
    o.services.customer!.events.on(name, (payload) => {
      const target = o.eventTarget()
      if (target && !target.isDestroyed()) target.send(customerEventChannelFor(name), payload)
    }),
  )
  return () => {
    for (const method of customerMethodNames) o.ipcMain.removeHandler(customerChannelFor(method))
    offs.forEach((off) => off())
  }
}

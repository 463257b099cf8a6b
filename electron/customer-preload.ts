// window.customerScreen for the customer window: the customer screen's own three calls and one event, nothing else.
// The counter's methods are not here, and main refuses them from this window anyway (ipc.ts trusts only the counter's).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { customerChannelFor, customerEventChannelFor, customerMethodNames } from '../shared/contract/customer-names'

const api: Record<string, unknown> = {}
for (const method of customerMethodNames) api[method] = (input: unknown) => ipcRenderer.invoke(customerChannelFor(method), input)
api.onCustomerViewChanged = (listener: (payload: unknown) => void) => {
  const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
  ipcRenderer.on(customerEventChannelFor('customerViewChanged'), forward)
  return () => void ipcRenderer.removeListener(customerEventChannelFor('customerViewChanged'), forward)
}
contextBridge.exposeInMainWorld('customerScreen', Object.freeze(api))

// window.counter, built from the contract: one named function per method and one named listener per event.
// Nothing else crosses the bridge — no generic invoke/send/on, no ipcRenderer, no Node. Only the contract's zod-free
// names are loaded here (the main process checks every input), so zod is not bundled into the preload.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { CounterApi } from '../shared/contract'
import { channelFor, eventChannelFor, eventNames, listenerName, methodNames } from '../shared/contract/names'

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown
}

export function buildCounterApi(ipc: IpcRendererLike): CounterApi {
  const api: Record<string, unknown> = {}
  for (const method of methodNames) {
    const channel = channelFor(method)
    api[method] = (input: unknown) => ipc.invoke(channel, input)
  }
  for (const name of eventNames) {
    const channel = eventChannelFor(name)
    api[listenerName(name)] = (listener: (payload: unknown) => void) => {
      // the IPC event object (with its sender) never reaches the page: only the payload does
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
      ipc.on(channel, forward)
      return () => void ipc.removeListener(channel, forward)
    }
  }
  return Object.freeze(api) as CounterApi
}

const counter = buildCounterApi(ipcRenderer) satisfies CounterApi
contextBridge.exposeInMainWorld('counter', counter)

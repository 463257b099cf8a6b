// Binds every contract method to the services over Electron IPC, and forwards contract events to our window.
// Each call is checked: it must come from our window's main frame showing our app, and its input must fit the contract.
import type { IpcMainInvokeEvent } from 'electron'
import { channelFor, eventChannelFor, eventNames, events, methodNames, type Result } from '../shared/contract'
import { dispatch } from './dispatch'
import type { Logger } from './log'
import type { Services } from './services'

export type SenderFrame = IpcMainInvokeEvent['senderFrame']
type InvokeEvent = { senderFrame: SenderFrame }

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}
export interface EventTarget {
  isDestroyed(): boolean
  send(channel: string, payload: unknown): void
}

export type BindIpcOptions = {
  ipcMain: IpcMainLike
  services: Services
  /** true only for our window's main frame showing our app (see security.isTrustedFrame) */
  isTrustedSender(frame: SenderFrame): boolean
  /** our window's webContents, once it exists: events go there and nowhere else */
  eventTarget(): EventTarget | null
  log?: Logger
}

export const UNTRUSTED_SENDER: Result<never> = {
  ok: false,
  error: { code: 'internal', message: 'This request did not come from the AIQ Counter window, so it was refused.' },
}

/** Returns a function that removes every handler and event forwarder it installed. */
export function bindIpc(options: BindIpcOptions): () => void {
  const { ipcMain, services, isTrustedSender, eventTarget, log } = options

  for (const method of methodNames) {
    ipcMain.handle(channelFor(method), async (event, raw) => {
      if (!trusted(event.senderFrame)) {
        log?.warn({ method, from: safeUrl(event.senderFrame) }, 'refused a request from outside the app window')
        return UNTRUSTED_SENDER
      }
      return dispatch(services, method, raw)
    })
  }

  const unsubscribes = eventNames.map((name) =>
    services.events.on(name, (payload) => {
      // Only what the contract describes reaches the renderer: unknown fields are dropped.
      const parsed = events[name].safeParse(payload)
      if (!parsed.success) {
        log?.error({ event: name }, 'an event did not match the contract and was not sent')
        return
      }
      const target = eventTarget()
      if (target && !target.isDestroyed()) target.send(eventChannelFor(name), parsed.data)
    }),
  )

  function trusted(frame: SenderFrame): boolean {
    try {
      return isTrustedSender(frame)
    } catch {
      return false // a frame that is gone or being torn down
    }
  }

  return () => {
    for (const method of methodNames) ipcMain.removeHandler(channelFor(method))
    for (const off of unsubscribes) off()
  }
}

function safeUrl(frame: SenderFrame): string {
  try {
    return frame?.url ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

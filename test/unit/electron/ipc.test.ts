// IPC as main.ts binds it: every contract method, answered only for our window's main frame, with typed errors.
import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it } from 'vitest'
import { bindIpc, UNTRUSTED_SENDER } from '../../../electron/ipc'
import { CounterError } from '../../../electron/errors'
import { isTrustedFrame } from '../../../electron/security'
import type { Services } from '../../../electron/services'
import { channelFor, eventChannelFor, eventNames, methodNames, type AppStatus, type EventName } from '../../../shared/contract'
import { FakeWebContents, type FakeFrame } from '../../support/fake-electron'

const status: AppStatus = {
  mode: 'training',
  clockOffsetMs: null,
  uid: '1234',
  baseUrl: null,
  lastConnectionTest: null,
  online: true,
  lastOnlineAt: 1,
  outbox: { pending: 0, sending: 0, failed: 0, pendingPoints: 0, otherAccounts: [] },
  syncPaused: null,
  databaseRecovered: null,
  directory: { enabled: false, size: 0, lastFullRefreshAt: null, refresh: { state: 'idle', loaded: 0, total: null, error: null } },
}

function fakeServices() {
  const calls: { method: string; args: unknown }[] = []
  const bus = new EventEmitter()
  const api = Object.fromEntries(
    methodNames.map((m) => [
      m,
      async (args: unknown) => {
        calls.push({ method: m, args })
        if (m === 'getStatus') return status
        if (m === 'getTimeline') return { events: [{ at: 1, type: 'adjustment', value: 25, note: (args as { contactID: string }).contactID, balance: 125 }] }
        if (m === 'listStores') throw new Error('SQLITE_CORRUPT at /home/budtender/.config/x.db\n    at Database.prepare')
        if (m === 'testConnection') throw new CounterError('offline', "Can't reach AIQ.")
        return { echoed: args }
      },
    ]),
  )
  const services: Services = {
    api: api as unknown as Services['api'],
    // who may call what is dispatch's own test (access.test.ts): the IPC plumbing is tested with everyone allowed
    access: { check: async () => {}, checkRead: async () => {} },
    events: {
      on: (name, listener) => {
        bus.on(name, listener)
        return () => void bus.off(name, listener)
      },
    },
    close: async () => {},
  }
  return { services, calls, emit: (name: EventName, payload: unknown) => bus.emit(name, payload), bus }
}

let handlers: Map<string, (event: { senderFrame: unknown }, raw?: unknown) => Promise<unknown>>
let window: FakeWebContents
let svc: ReturnType<typeof fakeServices>
let unbind: () => void
const ipcMain = {
  handle: (channel: string, fn: never) => {
    if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    handlers.set(channel, fn)
  },
  removeHandler: (channel: string) => void handlers.delete(channel),
}

beforeEach(() => {
  handlers = new Map()
  window = new FakeWebContents()
  window.mainFrame = { url: 'app://counter/', parent: null }
  svc = fakeServices()
  unbind = bindIpc({
    ipcMain,
    services: svc.services,
    isTrustedSender: (frame) => isTrustedFrame(frame as FakeFrame | null, window.mainFrame),
    eventTarget: () => window,
  })
})

const call = (method: string, raw: unknown, senderFrame: unknown = window.mainFrame) =>
  handlers.get(channelFor(method as never))!({ senderFrame }, raw)

describe('IPC methods', () => {
  it('handles every contract method on its counter:* channel, and nothing else', () => {
    expect([...handlers.keys()].sort()).toEqual(methodNames.map(channelFor).sort())
  })

  it("answers our window's main frame", async () => {
    expect(await call('getStatus', {})).toEqual({ ok: true, value: status })
    expect(await call('getTimeline', { contactID: 'c-1' })).toEqual({
      ok: true,
      value: { events: [{ at: 1, type: 'adjustment', value: 25, note: 'c-1', balance: 125, from: null }] },
    })
    expect(svc.calls).toEqual([
      { method: 'getStatus', args: {} },
      { method: 'getTimeline', args: { contactID: 'c-1' } },
    ])
  })

  it('refuses a subframe of our window, without calling the services', async () => {
    const subframe = { url: 'app://counter/embedded.html', parent: window.mainFrame }
    expect(await call('getStatus', {}, subframe)).toEqual(UNTRUSTED_SENDER)
    expect(svc.calls).toEqual([])
  })

  it('refuses our main frame once it shows a foreign origin', async () => {
    window.mainFrame.url = 'https://evil.example/'
    expect(await call('saveAccount', { uid: '1', apiKey: 'x' })).toEqual(UNTRUSTED_SENDER)
    expect(svc.calls).toEqual([])
  })

  it("refuses another window's main frame and a missing frame", async () => {
    expect(await call('getStatus', {}, { url: 'app://counter/', parent: null })).toEqual(UNTRUSTED_SENDER)
    expect(await call('getStatus', {}, null)).toEqual(UNTRUSTED_SENDER)
    expect(svc.calls).toEqual([])
  })

  it('refuses when the sender check itself throws (a frame being torn down)', async () => {
    const dying = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed')
      },
      parent: null,
    }
    window.mainFrame = dying as never
    expect(await call('getStatus', {}, dying)).toEqual(UNTRUSTED_SENDER)
  })

  it('returns invalid_input for input that breaks the contract, without calling the services', async () => {
    const r = (await call('awardPoints', { customer: { phone: '555' }, value: 0, reason: '', budtender: 'Sam' })) as {
      ok: false
      error: { code: string; message: string }
    }
    expect(r.ok).toBe(false)
    expect(r.error.code).toBe('invalid_input')
    expect(r.error.message).toMatch(/check the input/i)
    expect(await call('getTimeline', { contactID: 'c-1', extra: 'field' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(svc.calls).toEqual([])
  })

  it('turns a service crash into code + message, with no stack or internals', async () => {
    const r = await call('listStores', {})
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } })
    const text = JSON.stringify(r)
    expect(text).not.toMatch(/SQLITE|\.db|at Database|stack/)
  })

  it("passes a service's typed error through", async () => {
    expect(await call('testConnection', { uid: '1234' })).toEqual({ ok: false, error: { code: 'offline', message: "Can't reach AIQ." } })
  })

  it('removes every handler when unbound', () => {
    unbind()
    expect(handlers.size).toBe(0)
  })
})

describe('IPC events', () => {
  it('forwards each contract event to our window on its counter:event:* channel', () => {
    svc.emit('statusChanged', status)
    svc.emit('outboxChanged', { entries: [] })
    svc.emit('directoryProgress', status.directory)
    expect(window.sent).toEqual([
      { channel: eventChannelFor('statusChanged'), payload: status },
      { channel: eventChannelFor('outboxChanged'), payload: { entries: [] } },
      { channel: eventChannelFor('directoryProgress'), payload: status.directory },
    ])
    expect(eventNames.every((e) => svc.bus.listenerCount(e) === 1)).toBe(true)
  })

  it('sends only the fields the contract describes', () => {
    svc.emit('statusChanged', { ...status, apiKey: 'sk_live_should_never_leave_main' })
    expect(JSON.stringify(window.sent)).not.toContain('sk_live')
  })

  it('drops a payload that does not match the contract', () => {
    svc.emit('statusChanged', { mode: 'nonsense' })
    expect(window.sent).toEqual([])
  })

  it('sends nothing when the window is gone, and stops listening when unbound', () => {
    window.destroyed = true
    svc.emit('statusChanged', status)
    expect(window.sent).toEqual([])
    unbind()
    expect(eventNames.every((e) => svc.bus.listenerCount(e) === 0)).toBe(true)
  })
})

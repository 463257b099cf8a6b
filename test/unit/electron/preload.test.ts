// The preload exposes window.counter built from the contract — exactly its methods and listeners, nothing generic.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import * as electron from 'electron'
import { channelFor, eventChannelFor, eventNames, listenerName, methodNames } from '../../../shared/contract'
import type { FakeElectron } from '../../support/fake-electron'

vi.mock('electron', async () => (await import('../../support/fake-electron')).createFakeElectron())
const fake = electron as unknown as FakeElectron

let counter: Record<string, (arg: unknown) => unknown>
beforeAll(async () => {
  await import('../../../electron/preload')
  expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
  const [name, api] = fake.contextBridge.exposeInMainWorld.mock.calls[0] as [string, typeof counter]
  expect(name).toBe('counter')
  counter = api
})

describe('preload', () => {
  it('exposes exactly the contract: one function per method and one listener per event', () => {
    const expected = [...methodNames, ...eventNames.map(listenerName)].sort()
    expect(Object.keys(counter).sort()).toEqual(expected)
    for (const key of expected) expect(typeof counter[key]).toBe('function')
    for (const generic of ['invoke', 'send', 'on', 'ipcRenderer', 'sendSync', 'postMessage']) expect(counter).not.toHaveProperty(generic)
  })

  it('cannot be extended or rewired by the page', () => {
    expect(Object.isFrozen(counter)).toBe(true)
  })

  it('calls each method on its own counter:* channel with the input, and returns the result', async () => {
    fake.ipcRenderer.invoke.mockClear()
    for (const m of methodNames) await counter[m]!({ probe: m })
    expect(fake.ipcRenderer.invoke.mock.calls).toEqual(methodNames.map((m) => [channelFor(m), { probe: m }]))
    for (const [channel] of fake.ipcRenderer.invoke.mock.calls as unknown as [string][]) expect(channel).toMatch(/^counter:[a-zA-Z]+$/)

    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'offline', message: 'AIQ is offline' } })
    await expect(counter.getStatus!({})).resolves.toEqual({ ok: false, error: { code: 'offline', message: 'AIQ is offline' } })
  })

  it('listens on counter:event:* channels, passes only the payload, and unsubscribes', () => {
    for (const e of eventNames) {
      fake.ipcRenderer.on.mockClear()
      fake.ipcRenderer.removeListener.mockClear()
      const received: unknown[] = []
      const off = counter[listenerName(e)]!((payload: unknown) => received.push(payload)) as () => void

      expect(fake.ipcRenderer.on).toHaveBeenCalledTimes(1)
      const [channel, forward] = fake.ipcRenderer.on.mock.calls[0] as unknown as [string, (ev: unknown, p: unknown) => void]
      expect(channel).toBe(eventChannelFor(e))
      forward({ sender: 'the IPC event must not reach the page' }, { some: 'payload' })
      expect(received).toEqual([{ some: 'payload' }])

      off()
      expect(fake.ipcRenderer.removeListener).toHaveBeenCalledWith(channel, forward)
    }
  })
})

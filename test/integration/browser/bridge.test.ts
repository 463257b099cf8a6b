// The loopback bridge exposes the services: only our own page, holding this run's token, may use it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { methodNames } from '../../../shared/contract'
import { startBridge, type Bridge } from '../../../electron/browser/bridge'
import { createEventHub } from '../../../electron/services/events'
import type { Services } from '../../../electron/services'

const status = {
  clockOffsetMs: null,
  mode: 'training', uid: '1000', baseUrl: null, lastConnectionTest: null, online: true, lastOnlineAt: 1,
  outbox: { pending: 0, sending: 0, failed: 0, pendingPoints: 0, otherAccounts: [] as { account: string; label: string; waiting: number }[] }, syncPaused: null, databaseRecovered: null,
  directory: { enabled: true, size: 0, lastFullRefreshAt: null, refresh: { state: 'idle', loaded: 0, total: null, error: null } },
} as const

let bridge: Bridge
let dir: string
const hub = createEventHub()
const services = {
  api: {
    getStatus: async () => status,
    checkIn: async () => { throw new Error('boom at /secret/path.ts:12') },
    getTraits: async () => ({ traits: [{ key: 'k', value: 'v' }], apiKey: 'leaked-by-mistake' }),
  },
  // who may call what is dispatch's own test (test/unit/electron/access.test.ts): here everyone may
  access: { check: async () => {} },
  events: hub,
  close: async () => {},
} as unknown as Services

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aiqc-bridge-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<html><head></head><body>app</body></html>')
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(tmpdir(), 'outside.txt'), 'secret')
  bridge = await startBridge({ services, rendererDir: dir, injectClient: true })
})
afterAll(async () => {
  await bridge.close()
  rmSync(dir, { recursive: true, force: true })
})

const rpc = (method: string, body: unknown, headers: Record<string, string> = { 'x-counter-token': bridge.token }) =>
  fetch(`${bridge.origin}/__bridge/rpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

function rawGet(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(bridge.origin)
    request({ host: '127.0.0.1', port, path, headers }, (res) => { res.resume(); resolve(res.statusCode ?? 0) }).on('error', reject).end()
  })
}

describe('test bridge', () => {
  it('binds 127.0.0.1 and prints a link with the token', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/)
  })

  it('serves the page only with the token, with the CSP header and the client script', async () => {
    expect((await fetch(bridge.origin + '/')).status).toBe(403)
    const res = await fetch(bridge.url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'")
    expect(await res.text()).toContain(`/__bridge/client.js?token=${bridge.token}`)
  })

  it('refuses calls without the token or from another origin or host', async () => {
    expect((await rpc('getStatus', {}, {})).status).toBe(403)
    expect((await rpc('getStatus', {}, { 'x-counter-token': 'nope' })).status).toBe(403)
    expect((await rpc('getStatus', {}, { 'x-counter-token': bridge.token, origin: 'http://evil.example' })).status).toBe(403)
    expect(await rawGet('/?token=' + bridge.token, { host: 'evil.example' })).toBe(421)
    expect((await fetch(`${bridge.origin}/__bridge/events`)).status).toBe(403)
  })

  it('answers contract methods with the Result envelope', async () => {
    expect(await (await rpc('getStatus', {})).json()).toEqual({ ok: true, value: status })
  })

  it('rejects bad input and unknown methods with a typed error', async () => {
    expect(await (await rpc('checkIn', { input: '' })).json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await (await rpc('runShell', {})).json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('never returns a stack trace, and strips fields the contract does not have', async () => {
    const failed = await (await rpc('checkIn', { input: '3035550100' })).json()
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(JSON.stringify(failed)).not.toMatch(/boom|secret|\.ts:/)
    const traits = await (await rpc('getTraits', { contactID: 'c1' })).json()
    expect(traits).toEqual({ ok: true, value: { traits: [{ key: 'k', value: 'v' }] } })
  })

  it('does not serve files outside the renderer folder', async () => {
    expect(await rawGet('/../outside.txt', {host: new URL(bridge.origin).host})).toBe(404)
    expect((await fetch(`${bridge.origin}/assets/app.js`)).status).toBe(200)
  })

  it('streams events to the page', async () => {
    const ctrl = new AbortController()
    const res = await fetch(`${bridge.origin}/__bridge/events?token=${bridge.token}`, { signal: ctrl.signal })
    const reader = res.body!.getReader()
    await reader.read() // ": connected"
    hub.emit('statusChanged', { ...status, online: false })
    const { value } = await reader.read()
    ctrl.abort()
    expect(new TextDecoder().decode(value)).toContain('event: statusChanged\ndata: {"mode":"training"')
  })

  it('the client script defines exactly the contract methods and listeners', () => {
    for (const m of methodNames) expect(bridge.clientScript).toContain(`"${m}"`)
    expect(bridge.clientScript).not.toMatch(/\binvoke\b|ipcRenderer/)
  })
})

// The directory filled from the real sandbox through the real AIQ client, into a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DirectoryStatus } from '../../../../shared/contract'
import { createAiqClient } from '../../../../electron/aiq/client'
import { toCustomer } from '../../../../electron/aiq/customer'
import { PERSONAS, startSandbox, type Sandbox } from '../../../../electron/sandbox'
import { createDirectoryService, PAGE_OVERLAP, type DirectoryServiceDeps } from '../../../../electron/services/directory'
import { createSettings } from '../../../../electron/store/settings'
import { tempDb, type TempDb } from '../../../support/directory'

let sandbox: Sandbox
let t: TempDb
const running: Array<{ stop(): Promise<void> }> = []

beforeEach(async () => {
  sandbox = await startSandbox({ port: 0 })
  t = tempDb()
})
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()))
  await sandbox.close()
  t.dispose()
})

function directory(over: Partial<DirectoryServiceDeps> = {}) {
  const client = createAiqClient({ baseUrl: sandbox.url, uid: sandbox.uid, apiKey: sandbox.apiKey, timeoutMs: 1000, limiter: null })
  const events: DirectoryStatus[] = []
  const s = createDirectoryService({
    db: t.db,
    settings: createSettings(t.db),
    client: () => client,
    clock: { now: () => Date.now() },
    pageSize: 40,
    retry: { firstMs: 60_000, maxMs: 60_000, maxAttempts: 5 },
    ...over,
    onProgress: (e) => {
      events.push(e)
      over.onProgress?.(e)
    },
  })
  running.push(s)
  return { s, events }
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

const visible = () => sandbox.data.all().filter((p) => !sandbox.data.isBlocklisted(p.contactID)).length
const listRequests = () => sandbox.requests.filter((r) => /\/piis\/[^/]+$/.test(r.path))
const startOf = (url: string) => Number(new URL(url, 'http://x').searchParams.get('start'))

describe('customer directory against the sandbox', () => {
  it('pulls every customer AIQ lists, with progress, and finds them offline exactly as AIQ shows them', async () => {
    const { s, events } = directory()
    s.start()
    await until(() => s.status().refresh.state !== 'running', 'the pull')

    const expected = visible()
    expect(sandbox.data.size).toBe(240)
    expect(expected).toBeLessThan(240)
    expect(s.status()).toMatchObject({ size: expected, refresh: { state: 'idle', loaded: expected, total: expected, error: null } })
    expect(s.status().lastFullRefreshAt).toBeGreaterThan(0)
    const loaded = events.filter((e) => e.refresh.state === 'running').map((e) => e.refresh.loaded)
    expect(loaded.length).toBeGreaterThanOrEqual(5)
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b))

    const maya = s.lookup()!.find({ phone: PERSONAS.member.phone })!
    const live = sandbox.data.byContactID(PERSONAS.member.contactID)!
    expect(toCustomer(maya.persona, 0)).toEqual(toCustomer(live, 0))
    expect(toCustomer(maya.persona, 0)).toMatchObject({ points: 1250, member: true, sms: 'opted_in', emailOptIn: true })
    expect(s.lookup()!.find({ phone: PERSONAS.optedOut.phone! })?.persona.contactID).toBe(PERSONAS.optedOut.contactID)
    expect(s.lookup()!.find({ srcID: PERSONAS.pending.srcID })?.persona.contactID).toBe(PERSONAS.pending.contactID)
    expect(s.lookup()!.find({ phone: PERSONAS.blocklisted.phone! })).toBeNull()
    expect(s.lookup()!.find({ contactID: PERSONAS.blocklisted.contactID })).toBeNull()
  })

  it('a pull cut off by AIQ errors resumes after a restart from where it stopped, not from 0', async () => {
    const first = directory({
      onProgress: (e) => {
        if (e.refresh.loaded >= 80 && sandbox.faults.rules.length === 0) sandbox.faults.add({ kind: 'status', status: 503 })
      },
    })
    first.s.start()
    await until(() => first.s.status().refresh.state === 'failed', 'the failure')
    const failed = first.s.status()
    expect(failed.refresh.error).toMatch(/will try again/)
    expect(failed.refresh.loaded).toBe(80)
    expect(failed.size).toBe(80)
    await first.s.stop()
    sandbox.faults.clear()
    sandbox.requests.length = 0

    const second = directory()
    second.s.start()
    await until(() => second.s.status().refresh.state === 'idle', 'the resumed pull')
    const starts = listRequests().map((r) => startOf(r.url))
    expect(starts[0]).toBe(80 - PAGE_OVERLAP)
    expect(Math.min(...starts)).toBeGreaterThan(0)
    expect(second.s.status()).toMatchObject({ size: visible(), refresh: { state: 'idle', loaded: visible(), error: null } })
  })

  it('when AIQ goes away mid-pull it says it cannot reach AIQ, then finishes by itself once AIQ is back', async () => {
    let stopped = false
    const { s } = directory({
      retry: { firstMs: 100, maxMs: 200, maxAttempts: 20 },
      onProgress: (e) => {
        if (e.refresh.loaded >= 40 && !stopped) {
          stopped = true
          void sandbox.stop()
        }
      },
    })
    s.start()
    await until(() => s.status().refresh.state === 'failed', 'the failure')
    expect(s.status().refresh.error).toBe("Can't reach AIQ — will try again.")
    const sizeWhileDown = s.status().size
    expect(sizeWhileDown).toBeGreaterThan(0)
    expect(sizeWhileDown).toBeLessThan(visible())

    await sandbox.restart()
    await until(() => s.status().refresh.state === 'idle', 'the retry')
    expect(s.status()).toMatchObject({ size: visible(), refresh: { error: null } })
  })

  it('a customer blocklisted at AIQ disappears at the next refresh', async () => {
    const { s } = directory()
    s.refresh()
    await until(() => s.status().refresh.state === 'idle', 'the first pull')
    sandbox.data.setBlocklisted(PERSONAS.member.contactID, true)
    s.refresh()
    await until(() => s.status().refresh.state === 'idle', 'the second pull')
    expect(s.lookup()!.find({ contactID: PERSONAS.member.contactID })).toBeNull()
    expect(s.status().size).toBe(visible())
  })

  it('switched off it refuses to refresh and keeps nothing; clear empties it', async () => {
    const { s } = directory()
    s.refresh()
    await until(() => s.status().refresh.state === 'idle', 'the pull')
    expect(s.clear().size).toBe(0)
    expect(s.lookup()!.find({ phone: PERSONAS.member.phone })).toBeNull()

    s.refresh()
    await until(() => s.status().refresh.state === 'idle', 'the pull')
    expect(s.setEnabled(false)).toMatchObject({ enabled: false, size: 0, lastFullRefreshAt: null })
    sandbox.requests.length = 0
    expect(() => s.refresh()).toThrowError(expect.objectContaining({ code: 'invalid_input' }))
    expect(sandbox.requests).toHaveLength(0)
    expect(t.db.prepare('SELECT count(*) AS n FROM customer_directory').get()).toEqual({ n: 0 })
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DirectoryStatus } from '../../../../shared/contract'
import { AiqError } from '../../../../electron/aiq/errors'
import type { AiqClient, ListQuery, Persona } from '../../../../electron/aiq/types'
import { CounterError } from '../../../../electron/errors'
import { createDirectoryService, PAGE_OVERLAP, type DirectoryServiceDeps } from '../../../../electron/services/directory'
import { createSettings } from '../../../../electron/store/settings'
import { persona, tempDb, type TempDb } from '../../../support/directory'

/** AIQ's list endpoint over an array; `plan` says what the next calls do instead of answering. */
function fakeAiq(uid: string, people: Persona[]) {
  const calls: ListQuery[] = []
  const plan: Array<'offline' | 'unauthorized' | 'hang' | undefined> = []
  const client = {
    uid,
    async listPersonas(q: ListQuery = {}) {
      calls.push(q)
      const step = plan.shift()
      if (step === 'hang') return new Promise<never>(() => {})
      if (step) throw new AiqError(step)
      const start = q.start ?? 0
      const limit = q.limit ?? 100
      const results = people.slice(start, start + limit)
      return { results, start, limit, size: results.length, total: people.length }
    },
  }
  return { client: client as unknown as AiqClient, calls, plan, people }
}

const PEOPLE = Array.from({ length: 240 }, (_, i) => persona(i))

let t: TempDb
let now = 1_000_000
const clock = { now: () => now }
const services: Array<{ stop(): Promise<void> }> = []

function service(client: () => AiqClient, over: Partial<DirectoryServiceDeps> = {}) {
  const events: DirectoryStatus[] = []
  const s = createDirectoryService({
    db: t.db,
    settings: createSettings(t.db),
    client,
    clock,
    onProgress: (e) => events.push(e),
    pageSize: 50,
    retry: { firstMs: 5, maxMs: 20, maxAttempts: 3 },
    ...over,
  })
  services.push(s)
  return { s, events }
}

async function settled(s: { status(): DirectoryStatus }, timeoutMs = 3000): Promise<DirectoryStatus> {
  const until = Date.now() + timeoutMs
  while (s.status().refresh.state === 'running') {
    if (Date.now() > until) throw new Error('the pull did not finish')
    await new Promise((r) => setTimeout(r, 2))
  }
  return s.status()
}

beforeEach(() => {
  t = tempDb()
  now = 1_000_000
})
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop()))
  t.dispose()
})

describe('directory service', () => {
  it('pulls the whole customer list in pages with rising progress, then finds customers offline', async () => {
    const aiq = fakeAiq('acct-1', PEOPLE)
    const { s, events } = service(() => aiq.client)
    expect(s.status()).toMatchObject({ enabled: true, size: 0, lastFullRefreshAt: null })

    expect(s.refresh().refresh.state).toBe('running')
    const done = await settled(s)

    expect(done).toMatchObject({ enabled: true, size: 240, lastFullRefreshAt: now, refresh: { state: 'idle', error: null } })
    const loaded = events.filter((e) => e.refresh.state === 'running').map((e) => e.refresh.loaded)
    expect(loaded.length).toBeGreaterThanOrEqual(4)
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b))
    expect(events.at(-1)).toMatchObject({ size: 240, refresh: { state: 'idle', loaded: 240, total: 240 } })
    expect(aiq.calls.every((q) => q.limit === 50 && q.sort === 'id' && q.search === ' ')).toBe(true)
    expect(s.lookup()!.find({ phone: '5552010123' })?.persona.contactID).toBe('c0123')
    expect(s.lookup()!.find({ srcID: 'pos-0007' })?.persona.contactID).toBe('c0007')
  })

  it('an AIQ that sends no total and a row it cannot read on every page: the pull still reads every page to the end', async () => {
    const aiq = fakeAiq('acct-1', PEOPLE)
    const real = aiq.client.listPersonas.bind(aiq.client)
    // as the tolerant client reports such an answer: one row per page skipped, no total
    const client = {
      ...aiq.client,
      listPersonas: async (q?: ListQuery) => {
        const page = await real(q)
        return { ...page, results: page.results.slice(1), received: page.results.length, hasTotal: false, total: (q?.start ?? 0) + page.results.length }
      },
    } as AiqClient
    const { s } = service(() => client)
    s.refresh()
    const done = await settled(s)
    // (pages overlap a little, so most skipped rows are read on the next page; the last page was reached)
    expect(done.size).toBeGreaterThanOrEqual(240 - Math.ceil(240 / 50))
    expect(s.lookup()!.find({ contactID: 'c0239' })).not.toBeNull()
    expect(done.refresh).toMatchObject({ state: 'idle', error: null })
  })

  it('a refresh removes customers who left AIQ but keeps those looked up during it', async () => {
    const aiq = fakeAiq('acct-1', PEOPLE.slice(0, 100))
    const { s } = service(() => aiq.client)
    s.refresh()
    await settled(s)
    aiq.people.splice(10, 1) // c0010 was blocklisted
    now += 60_000
    s.refresh()
    s.lookup()!.remember(persona(500))
    await settled(s)
    expect(s.lookup()!.find({ contactID: 'c0010' })).toBeNull()
    expect(s.lookup()!.find({ contactID: 'c0500' })).not.toBeNull()
    expect(s.status().size).toBe(100)
  })

  it('after losing the network mid-pull it says so, and on the next start resumes where it stopped', async () => {
    const aiq = fakeAiq('acct-1', PEOPLE)
    aiq.plan.push(undefined, undefined, 'offline')
    const first = service(() => aiq.client, { retry: { firstMs: 5, maxMs: 5, maxAttempts: 1 } }).s
    first.refresh()
    const failed = await settled(first)
    // pages of 50, each starting PAGE_OVERLAP rows back: 0–50, 30–80, then the network went
    expect(failed.refresh).toMatchObject({ state: 'failed', loaded: 80, total: 240 })
    expect(failed.refresh.error).toMatch(/Can't reach AIQ/)
    expect(failed.size).toBe(80)
    await first.stop()

    aiq.calls.length = 0
    const second = service(() => aiq.client).s
    second.start()
    expect(second.status().refresh).toMatchObject({ state: 'running', loaded: 80 })
    const done = await settled(second)
    expect(aiq.calls[0]?.start).toBe(80 - PAGE_OVERLAP)
    expect(done).toMatchObject({ size: 240, refresh: { state: 'idle', loaded: 240 } })
    expect(done.lastFullRefreshAt).toBe(now)
  })

  it('retries by itself with backoff while AIQ is unreachable, and gives up after a bounded number of tries', async () => {
    const aiq = fakeAiq('acct-1', PEOPLE)
    aiq.plan.push('offline', 'offline')
    const { s, events } = service(() => aiq.client)
    s.start()
    expect((await settled(s)).refresh.state).toBe('failed')
    const until = Date.now() + 3000
    while (s.status().size < 240 && Date.now() < until) await new Promise((r) => setTimeout(r, 5))
    expect(s.status()).toMatchObject({ size: 240, refresh: { state: 'idle', error: null } })
    expect(events.filter((e) => e.refresh.error?.includes('will try again'))).toHaveLength(2)

    const down = fakeAiq('acct-1', PEOPLE)
    down.plan.push('offline', 'offline', 'offline', 'offline', 'offline')
    const other = service(() => down.client)
    other.s.start()
    other.s.refresh()
    await new Promise((r) => setTimeout(r, 300))
    expect(down.calls).toHaveLength(3)
    expect(other.s.status().refresh.error).toMatch(/Refresh now/)
  })

  it('once retries ran out it tries again at most once per longest wait, and picks up an account set up later', async () => {
    const aiq = fakeAiq('acct-1', PEOPLE)
    let account: AiqClient | null = null
    const client = () => {
      if (!account) throw new CounterError('not_configured', 'No AIQ account is set up.')
      return account
    }
    const { s } = service(client, { checkEveryMs: 5, retry: { firstMs: 5, maxMs: 1000, maxAttempts: 1 } })
    s.start()
    account = aiq.client
    aiq.plan.push('offline')
    await new Promise((r) => setTimeout(r, 60))
    expect(aiq.calls).toHaveLength(1)
    expect(s.status().refresh.state).toBe('failed')
    now += 1000
    const done = await (async () => {
      const end = Date.now() + 3000
      while (s.status().refresh.state !== 'idle' && Date.now() < end) await new Promise((r) => setTimeout(r, 5))
      return s.status()
    })()
    expect(done.size).toBe(240)
  })

  it('a rejected API key fails with the reason and does not retry', async () => {
    const aiq = fakeAiq('acct-1', PEOPLE)
    aiq.plan.push('unauthorized')
    const { s } = service(() => aiq.client)
    s.start()
    const st = await settled(s)
    await new Promise((r) => setTimeout(r, 50))
    expect(st.refresh.error).toMatch(/API key/)
    expect(aiq.calls).toHaveLength(1)
  })

  it('switched off keeps nothing, refuses to refresh, and stays off after a restart', async () => {
    const aiq = fakeAiq('acct-1', PEOPLE)
    const { s } = service(() => aiq.client)
    s.refresh()
    await settled(s)
    expect(s.setEnabled(false)).toMatchObject({ enabled: false, size: 0, lastFullRefreshAt: null })
    expect(s.lookup()).toBeNull()
    expect(() => s.refresh()).toThrowError(expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(/switched off/) }))
    expect(t.db.prepare('SELECT count(*) AS n FROM customer_directory').get()).toEqual({ n: 0 })

    const again = service(() => aiq.client).s
    again.start()
    expect(again.status()).toMatchObject({ enabled: false, size: 0, refresh: { state: 'idle' } })
    expect(again.lookup()).toBeNull()
    expect(again.setEnabled(true).enabled).toBe(true)
    expect((await settled(again)).size).toBe(240)
  })

  it('switching off during a pull stops it and nothing from it is written afterwards', async () => {
    const aiq = fakeAiq('acct-1', PEOPLE)
    aiq.plan.push(undefined, 'hang')
    const { s } = service(() => aiq.client)
    s.refresh()
    await new Promise((r) => setTimeout(r, 20))
    s.setEnabled(false)
    await new Promise((r) => setTimeout(r, 20))
    expect(t.db.prepare('SELECT count(*) AS n FROM customer_directory').get()).toEqual({ n: 0 })
    expect(t.db.prepare('SELECT count(*) AS n FROM customer_directory_pull').get()).toEqual({ n: 0 })
  })

  it('with no account it waits quietly at start, and "refresh now" says an account is needed', () => {
    const noAccount = () => {
      throw new CounterError('not_configured', 'No AIQ account is set up.')
    }
    const { s } = service(noAccount)
    expect(() => s.start()).not.toThrow()
    expect(s.status().refresh).toEqual({ state: 'idle', loaded: 0, total: null, error: null })
    expect(() => s.refresh()).toThrowError(expect.objectContaining({ code: 'not_configured' }))
  })

  it("another account's customers are never shown, and are dropped when the new account's pull starts", async () => {
    let aiq = fakeAiq('training', PEOPLE.slice(0, 10))
    const { s } = service(() => aiq.client)
    s.refresh()
    await settled(s)
    aiq = fakeAiq('live-account', [persona(900)])
    expect(s.lookup()!.find({ contactID: 'c0001' })).toBeNull()
    s.refresh()
    expect((await settled(s)).size).toBe(1)
    expect(s.lookup()!.find({ contactID: 'c0900' })).not.toBeNull()
  })

  it('stop() returns promptly even while AIQ is not answering', async () => {
    const aiq = fakeAiq('acct-1', PEOPLE)
    aiq.plan.push('hang')
    const { s } = service(() => aiq.client)
    s.start()
    const began = Date.now()
    await s.stop()
    expect(Date.now() - began).toBeLessThan(100)
  })

  it('clear empties the directory and it stays empty until "refresh now" or a day later', async () => {
    const aiq = fakeAiq('acct-1', PEOPLE)
    const { s } = service(() => aiq.client)
    s.refresh()
    await settled(s)
    expect(s.clear()).toMatchObject({ size: 0, lastFullRefreshAt: null, refresh: { state: 'idle', loaded: 0 } })
    expect(s.lookup()!.find({ contactID: 'c0001' })).toBeNull()
    s.start()
    expect(s.status().refresh.state).toBe('idle')
    await s.lookup()!.remember(persona(1))
    expect(s.status().size).toBe(1)
    s.refresh()
    expect((await settled(s)).size).toBe(240)

    s.clear()
    await s.stop()
    now += 24 * 60 * 60_000
    const later = service(() => aiq.client).s
    later.start()
    expect((await settled(later)).size).toBe(240)
  })

  it('does not pull again at start when the last full refresh is recent, but does once it is a day old', async () => {
    const aiq = fakeAiq('acct-1', PEOPLE.slice(0, 10))
    const first = service(() => aiq.client).s
    first.refresh()
    await settled(first)
    await first.stop()
    aiq.calls.length = 0
    now += 60 * 60_000
    const second = service(() => aiq.client).s
    second.start()
    expect(second.status().refresh.state).toBe('idle')
    await second.stop()
    now += 24 * 60 * 60_000
    const third = service(() => aiq.client).s
    third.start()
    expect(third.status().refresh.state).toBe('running')
    await settled(third)
    expect(aiq.calls.length).toBeGreaterThan(0)
  })
})

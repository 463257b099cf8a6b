// A directory pull's writes run in the background worker, not on the thread that answers the counter: with the
// database's write lock held elsewhere, a page of the pull waits for it while the services still answer at once.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PERSONAS } from '../../../../electron/sandbox'
import { eventually, PRACTICE_MANAGER_PIN, startHarness, type Harness } from '../../../support/counter'

let h: Harness
let blocker: Database.Database | null = null
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => {
  if (blocker?.inTransaction) blocker.exec('ROLLBACK')
  blocker?.close()
  blocker = null
  await h.close()
})

const visible = () => h.sandbox.data.all().filter((p) => !h.sandbox.data.isBlocklisted(p.contactID)).length
const pageAnswered = () => h.sandbox.requests.some((r) => r.status === 200 && /\/piis\//.test(r.path) && /[?&]limit=500\b/.test(r.url))

describe('the directory pull off the counter thread', () => {
  it('while a page waits for the database, the counter still answers; then the page lands whole', async () => {
    // another connection (another app, a backup) holds the write lock: whoever writes the page must wait for it
    // the pull the counter started by itself is stopped (and no other starts by itself): this test starts its own
    await h.services.api.clearDirectory({ approval: PRACTICE_MANAGER_PIN })
    h.sandbox.requests.length = 0
    await h.services.api.refreshDirectory({})
    // taken before AIQ's answer can arrive (that takes a turn of the event loop; only promises ran since)
    blocker = new Database(join(h.dataDir, 'counter.db'))
    blocker.exec('BEGIN IMMEDIATE')
    await eventually(async () => {
      if (!pageAnswered()) throw new Error('the first page has not been answered yet')
      return true
    })
    // the page is in and being written: a write on this thread would hold it until SQLite gives up on the lock
    await new Promise((r) => setTimeout(r, 200))
    const mid = await h.services.api.getStatus({})
    expect(mid.directory).toMatchObject({ size: 0, refresh: { state: 'running', loaded: 0, error: null } })

    blocker.exec('COMMIT')
    const done = await eventually(async () => {
      const s = await h.services.api.getStatus({})
      if (s.directory.refresh.state !== 'idle') throw new Error(`the pull is ${s.directory.refresh.state}`)
      return s
    })
    expect(done.directory).toMatchObject({ size: visible(), refresh: { state: 'idle', error: null } })
    expect(done.directory.lastFullRefreshAt).toBeGreaterThan(0)
  })

  it('a check-in while the write lock is held elsewhere answers at once; the customer is kept for offline use once the lock is free', async () => {
    await h.services.api.clearDirectory({ approval: PRACTICE_MANAGER_PIN })
    const maya = PERSONAS.member
    blocker = new Database(join(h.dataDir, 'counter.db'))
    blocker.exec('BEGIN IMMEDIATE') // a pull's page being written, another app, a backup
    const t0 = performance.now()
    const r = await h.services.api.checkIn({ input: maya.phone })
    const ms = performance.now() - t0
    expect(r).toMatchObject({ kind: 'customer', source: 'live' })
    // keeping the customer waits for the lock in the background, not in the check-in (the lock is held 2 s here)
    await new Promise((r) => setTimeout(r, 2_000))
    expect(ms).toBeLessThan(1_500)
    expect((await h.services.api.checkInFromDirectory({ input: maya.phone })).hit).toBeNull()
    blocker.exec('COMMIT')
    const kept = await eventually(async () => (await h.services.api.checkInFromDirectory({ input: maya.phone })).hit)
    expect(kept?.customer.contactID).toBe(maya.contactID)
  })
})

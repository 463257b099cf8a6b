import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AiqError } from '../../../../electron/aiq/errors'
import type { AiqClient } from '../../../../electron/aiq/types'
import { systemClock } from '../../../../electron/clock'
import { openDatabase, type Db } from '../../../../electron/store/db'
import { createOutbox, type Outbox } from '../../../../electron/store/outbox'
import { createSyncEngine, type SyncChange, type SyncEngine, type SyncEngineOptions } from '../../../../electron/sync/engine'
import { maxUnreadable } from '../../../../electron/sync/reconcile'
import { readTag } from '../../../../electron/sync/tag'
import { newAward as award, tempDir } from '../../../support/temp-db'
import { adjustment, createFakeAiq } from '../../../support/fake-aiq'

const tmp = tempDir('aiqc-engine-')
let db: Db
let outbox: Outbox
let engines: SyncEngine[] = []
const fast = { baseMs: 5, capMs: 40 }


function engine(client: AiqClient | (() => AiqClient | null), over: Partial<SyncEngineOptions> = {}) {
  const changes: SyncChange[] = []
  const e = createSyncEngine({
    outbox,
    getClient: typeof client === 'function' ? client : () => client,
    clock: systemClock,
    sendPolicy: fast,
    probePolicy: fast,
    settleMs: 20,
    onChange: (c) => changes.push(c),
    // these tests are of one counter on its account (the several-counter rule has its own)
    onlyCounter: () => true,
    ...over,
  })
  engines.push(e)
  return { e, changes }
}

async function until(what: string, ok: () => boolean, ms = 5000) {
  const end = Date.now() + ms
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}
const settled = () => {
  const c = outbox.counts()
  return c.pending === 0 && c.sending === 0
}
/** every award's tag appears in the ledger exactly once */
function exactlyOnce(ledger: { note?: string | null }[], ids: string[]) {
  const seen = new Map<string, number>()
  for (const a of ledger) {
    const t = readTag(a.note)
    if (t) seen.set(t, (seen.get(t) ?? 0) + 1)
  }
  expect(ids.map((id) => [id, seen.get(id) ?? 0])).toEqual(ids.map((id) => [id, 1]))
  expect(ledger.length).toBe(ids.length)
}

beforeEach(() => {
  db = openDatabase(tmp.file('e.db'))
  outbox = createOutbox(db, systemClock)
})
afterEach(async () => {
  await Promise.all(engines.map((e) => e.stop()))
  engines = []
  db.close()
  tmp.cleanup()
})

describe('sync engine against an in-memory AIQ', () => {
  it('drains oldest first, one at a time, each award once with its tag in the note', async () => {
    const aiq = createFakeAiq()
    const ids = [1, 2, 3, 4, 5].map((v) => outbox.add(award({ value: v, contactID: `c-${v}` })).id)
    const { e, changes } = engine(aiq.client)
    e.start()
    await until('drained', settled)
    exactlyOnce(aiq.ledger, ids)
    expect(aiq.ledger.map((a) => a.value)).toEqual([1, 2, 3, 4, 5])
    expect(aiq.ledger[0]).toMatchObject({ contactID: 'c-1', note: `[aiqc:${ids[0]};;Sam] visit` })
    expect(outbox.list(['synced']).length).toBe(5)
    expect(e.online).toBe(true)
    expect(changes.filter((c) => c.kind === 'outbox').length).toBeGreaterThanOrEqual(10)
  })

  it('an award added while running is sent after kick()', async () => {
    const aiq = createFakeAiq()
    const { e } = engine(aiq.client)
    e.start()
    await until('online', () => e.online)
    const id = outbox.add(award()).id
    e.kick()
    await until('sent', () => outbox.get(id)?.state === 'synced', 1000)
  })

  it('AIQ applied it but the answer was lost: found by its tag, not sent again', async () => {
    const aiq = createFakeAiq()
    aiq.fail('adjustPoints', new AiqError('server_error', undefined, { status: 502 }), 1, true)
    const id = outbox.add(award()).id
    engine(aiq.client).e.start()
    await until('drained', settled)
    exactlyOnce(aiq.ledger, [id])
    expect(aiq.count('adjustPoints')).toBe(1)
    expect(outbox.events(id).map((x) => x.what)).toEqual(['created', 'sending', 'retry_scheduled', 'found_in_aiq'])
  })

  it('a timeout before AIQ applied it: checked, then sent once', async () => {
    const aiq = createFakeAiq()
    aiq.fail('adjustPoints', new AiqError('timeout'), 1, false)
    const id = outbox.add(award()).id
    engine(aiq.client).e.start()
    await until('drained', settled)
    exactlyOnce(aiq.ledger, [id])
    // looked in AIQ (and found nothing) before the second PUT
    expect(aiq.count('listAdjustments')).toBeGreaterThanOrEqual(1)
    expect(outbox.events(id).map((e) => e.what)).toEqual(['created', 'sending', 'retry_scheduled', 'sending', 'synced'])
    expect(outbox.get(id)?.attempts).toBe(2)
  })

  it('a PUT held back by the rate limit settles from when it really left, not from when it was marked', async () => {
    const aiq = createFakeAiq({ holdMs: 150 })
    aiq.fail('adjustPoints', new AiqError('timeout'), 1, false)
    const id = outbox.add(award()).id
    const { e } = engine(aiq.client, { settleMs: 400 })
    const marked = Date.now()
    e.start()
    await until('waiting to confirm', () => outbox.get(id)!.state === 'sending' && outbox.get(id)!.lastError !== null)
    expect(outbox.syncInfo(id).sentAt!).toBeGreaterThanOrEqual(marked + 140)
    expect(outbox.get(id)!.nextAttemptAt!).toBeGreaterThanOrEqual(outbox.syncInfo(id).sentAt! + 400)
    await until('drained', settled)
    exactlyOnce(aiq.ledger, [id])
  })

  it('after a restart with a row still "sending", looks for its tag before sending again', async () => {
    const aiq = createFakeAiq()
    const applied = outbox.add(award({ value: 1 }))
    const notApplied = outbox.add(award({ value: 2 }))
    // the previous run died mid-send: both were marked sending, only the first reached AIQ
    outbox.markSending(applied.id, Date.now())
    outbox.markSending(notApplied.id, Date.now())
    await aiq.client.adjustPoints('c-1', { value: 1, note: `[aiqc:${applied.id}] visit` })
    engine(aiq.client).e.start()
    await until('drained', settled)
    exactlyOnce(aiq.ledger, [applied.id, notApplied.id])
    expect(outbox.get(applied.id)?.state).toBe('synced')
  })

  it('waits out the settle time before reconciling a row that was just sent by a run that died', async () => {
    const aiq = createFakeAiq()
    const row = outbox.add(award())
    outbox.markSending(row.id, Date.now() + 300)
    const started = Date.now()
    engine(aiq.client).e.start()
    await until('drained', settled)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
  })

  it('AIQ applies a PUT after the client gave up on it: the settle wait lets the tag check see it', async () => {
    const aiq = createFakeAiq()
    let late = true
    const slow: AiqClient = {
      ...aiq.client,
      adjustPoints: async (c, b) => {
        if (!late) return aiq.client.adjustPoints(c, b)
        late = false
        setTimeout(() => void aiq.client.adjustPoints(c, b), 100) // lands 100 ms after we gave up
        throw new AiqError('timeout')
      },
    }
    const id = outbox.add(award()).id
    engine(slow, { settleMs: 250 }).e.start()
    await until('drained', settled)
    exactlyOnce(aiq.ledger, [id])
    expect(outbox.events(id).map((x) => x.what)).toContain('found_in_aiq')
  })

  it('429 with Retry-After: the next try waits at least that long', async () => {
    const aiq = createFakeAiq()
    aiq.fail('adjustPoints', new AiqError('rate_limited', undefined, { status: 429, retryAfterMs: 250 }))
    const id = outbox.add(award()).id
    engine(aiq.client).e.start()
    await until('drained', settled)
    const puts = aiq.calls.filter((c) => c.call === 'adjustPoints')
    expect(puts).toHaveLength(2)
    expect(puts[1]!.at - puts[0]!.at).toBeGreaterThanOrEqual(245)
    // refused, so it went back to pending: no check in AIQ was needed before the second PUT
    expect(outbox.events(id).map((e) => e.what)).toEqual(['created', 'sending', 'retry_scheduled', 'sending', 'synced'])
    expect(outbox.syncInfo(id).sentAt).not.toBeNull()
    exactlyOnce(aiq.ledger, [id])
  })

  it('401 pauses the whole queue and says why; resume() after the key changes drains it', async () => {
    const aiq = createFakeAiq()
    aiq.fail('adjustPoints', new AiqError('unauthorized', undefined, { status: 401 }))
    const ids = [outbox.add(award()).id, outbox.add(award()).id]
    const { e, changes } = engine(aiq.client)
    e.start()
    await until('paused', () => e.paused !== null)
    expect(e.paused).toMatch(/key/i)
    expect(changes).toContainEqual({ kind: 'status' })
    await new Promise((r) => setTimeout(r, 100))
    expect(aiq.count('adjustPoints')).toBe(1) // nothing more while paused
    expect(outbox.counts().pending).toBe(2)
    e.resume()
    await until('drained', settled)
    expect(e.paused).toBeNull()
    exactlyOnce(aiq.ledger, ids)
  })

  it("a 400 parks the row as failed with AIQ's message; the rest of the queue goes on", async () => {
    const aiq = createFakeAiq()
    aiq.fail('adjustPoints', new AiqError('bad_response', 'x', { status: 400, aiqMessage: 'note too long' }))
    const bad = outbox.add(award({ value: 1 })).id
    const good = outbox.add(award({ value: 2 })).id
    engine(aiq.client).e.start()
    await until('drained', settled)
    expect(outbox.get(bad)).toMatchObject({ state: 'failed', lastError: 'AIQ refused this award: note too long' })
    exactlyOnce(aiq.ledger, [good])
  })

  it('a row queued by phone is resolved to its AIQ contact; an unknown phone is parked "fix customer"', async () => {
    const aiq = createFakeAiq({ phones: { '5551234567': 'c-42' } })
    const known = outbox.add(award({ contactID: null, phone: '5551234567' })).id
    const unknown = outbox.add(award({ contactID: null, phone: '5550000000' })).id
    engine(aiq.client).e.start()
    await until('drained', settled)
    expect(outbox.get(known)).toMatchObject({ state: 'synced', contactID: 'c-42' })
    expect(aiq.ledger[0]?.contactID).toBe('c-42')
    expect(outbox.get(unknown)).toMatchObject({ state: 'failed', contactID: null })
    expect(outbox.get(unknown)?.lastError).toMatch(/fix customer/)
  })

  it('offline: probes with growing waits instead of hammering, then drains as soon as AIQ answers', async () => {
    const aiq = createFakeAiq()
    aiq.setDown(new AiqError('offline'))
    const id = outbox.add(award()).id
    const { e } = engine(aiq.client, { probePolicy: { baseMs: 20, capMs: 80 }, random: () => 0.99 })
    e.start()
    await new Promise((r) => setTimeout(r, 500))
    expect(e.online).toBe(false)
    // waits ~20, 40, 80, 80, 80...: about 8 calls in 500 ms, not hundreds
    expect(aiq.calls.length).toBeGreaterThanOrEqual(3)
    expect(aiq.calls.length).toBeLessThanOrEqual(12)
    expect(outbox.get(id)?.state).toBe('pending')
    aiq.setDown(null)
    await until('back online and drained', () => e.online && settled(), 1000)
    exactlyOnce(aiq.ledger, [id])
    expect(e.lastOnlineAt).not.toBeNull()
  })

  it('with no account configured it waits quietly; stop() waits for an in-flight send', async () => {
    let client: AiqClient | null = null
    const aiq = createFakeAiq()
    const slow: AiqClient = {
      ...aiq.client,
      adjustPoints: (c, b) => new Promise((r) => setTimeout(() => r(aiq.client.adjustPoints(c, b)), 150)),
    }
    const id = outbox.add(award()).id
    const { e } = engine(() => client)
    e.start()
    await new Promise((r) => setTimeout(r, 50))
    expect(aiq.calls.length).toBe(0)
    client = slow
    e.kick()
    await until('sending', () => outbox.get(id)?.state === 'sending')
    await e.stop()
    expect(outbox.get(id)?.state).toBe('synced')
    exactlyOnce(aiq.ledger, [id])
  })

  it('a row discarded while its phone was being looked up is left alone', async () => {
    const aiq = createFakeAiq({ phones: { '5551234567': 'c-42' } })
    const row = outbox.add(award({ contactID: null, phone: '5551234567' }))
    const gated: AiqClient = {
      ...aiq.client,
      lookupLoyalty: async (p) => {
        if (p === row.phone) outbox.discard(row.id, 'wrong person', 'Max')
        return aiq.client.lookupLoyalty(p)
      },
    }
    engine(gated).e.start()
    await until('looked up', () => aiq.count('lookupLoyalty') >= 2, 2000) // the probe, then the row
    await new Promise((r) => setTimeout(r, 50))
    expect(outbox.get(row.id)?.state).toBe('discarded')
    expect(aiq.ledger).toEqual([])
  })
})

describe('one award that keeps failing never holds up the others', () => {
  it('answers about one award that cannot be read: it backs off alone, then is parked with what to check; the rest drain', async () => {
    const aiq = createFakeAiq()
    aiq.poison('c-bad', new AiqError('bad_response', 'AIQ sent an answer the app could not read (award points).', { status: 200 }))
    const bad = outbox.add(award({ value: 7, contactID: 'c-bad', customerName: 'Poe Ison' })).id
    const good = [1, 2, 3, 4, 5].map((v) => outbox.add(award({ value: v, contactID: `c-${v}` })).id)
    const { e } = engine(aiq.client)
    e.start()
    await until('the healthy awards synced', () => good.every((id) => outbox.get(id)!.state === 'synced'))
    await until('the poisoned award parked', () => outbox.get(bad)!.state === 'failed')
    const row = outbox.get(bad)!
    expect(row.lastError).toMatch(new RegExp(`could not be read ${maxUnreadable} times`))
    expect(row.lastError).toContain(`[aiqc:${bad}]`)
    expect(row.lastError).toMatch(/Poe Ison's points history/)
    expect(outbox.syncInfo(bad).unreadable).toBe(maxUnreadable - 1)
    exactlyOnce(aiq.ledger, good)
  })

  it('AIQ failing (5xx) for one award only: the others keep draining while it retries', async () => {
    const aiq = createFakeAiq()
    aiq.poison('c-bad', new AiqError('server_error', undefined, { status: 500 }))
    const bad = outbox.add(award({ value: 7, contactID: 'c-bad' })).id
    const good = Array.from({ length: 20 }, (_, i) => outbox.add(award({ value: i + 1, contactID: `c-${i}` })).id)
    const { e } = engine(aiq.client)
    e.start()
    await until('the healthy awards synced', () => good.every((id) => outbox.get(id)!.state === 'synced'))
    expect(['pending', 'sending']).toContain(outbox.get(bad)!.state)
    expect(outbox.syncInfo(bad).failures).toBeGreaterThan(0)
    exactlyOnce(aiq.ledger, good)
  })

  it('a manager retrying a parked award that may be in AIQ looks in AIQ first, never sends blindly', async () => {
    const aiq = createFakeAiq()
    const id = outbox.add(award({ value: 9, contactID: 'c-1' })).id
    aiq.fail('adjustPoints', new AiqError('bad_response', 'unreadable', { status: 200 }), 1, true) // applied, answer unreadable
    aiq.fail('listAdjustments', new AiqError('bad_response', 'unreadable list', { status: 200 }), maxUnreadable)
    const { e } = engine(aiq.client)
    e.start()
    await until('parked', () => outbox.get(id)!.state === 'failed')
    expect(outbox.retryNow(id).state).toBe('sending')
    e.kick({ force: true })
    await until('found in AIQ', () => outbox.get(id)!.state === 'synced')
    expect(outbox.events(id).map((ev) => ev.what)).toContain('found_in_aiq')
    exactlyOnce(aiq.ledger, [id])
  })
})

describe('AIQ without notes on its adjustment rows', () => {
  it('a lost answer, then exactly one row for that customer, value and time: found, not sent again', async () => {
    const aiq = createFakeAiq({ notes: false })
    const id = outbox.add(award({ value: 11, contactID: 'c-1' })).id
    aiq.fail('adjustPoints', new AiqError('timeout'), 1, true)
    const { e } = engine(aiq.client)
    e.start()
    await until('synced', () => outbox.get(id)!.state === 'synced')
    expect(aiq.ledger).toHaveLength(1)
    expect(outbox.events(id).map((ev) => ev.what)).toEqual(expect.arrayContaining(['matched_in_aiq', 'found_in_aiq']))
  })

  it('a lost answer and no such row after the settle time: sent again, once', async () => {
    const aiq = createFakeAiq({ notes: false })
    const id = outbox.add(award({ value: 12, contactID: 'c-1' })).id
    aiq.fail('adjustPoints', new AiqError('timeout'), 1, false)
    const { e } = engine(aiq.client)
    e.start()
    await until('synced', () => outbox.get(id)!.state === 'synced')
    expect(aiq.ledger).toHaveLength(1)
    expect(aiq.count('adjustPoints')).toBe(2)
  })

  it('two rows that could be it: parked as "needs a check", never resent', async () => {
    const aiq = createFakeAiq({ notes: false })
    // someone else (another counter) gave the same customer the same points at the same time
    aiq.ledger.push(adjustment({ contactID: 'c-1', value: 13, note: 'other counter' }))
    const id = outbox.add(award({ value: 13, contactID: 'c-1' })).id
    aiq.fail('listAdjustments', new AiqError('server_error'), 1) // no baseline before the PUT: AIQ was busy
    aiq.fail('adjustPoints', new AiqError('timeout'), 1, true)
    const { e } = engine(aiq.client)
    e.start()
    await until('parked', () => outbox.get(id)!.state === 'failed')
    expect(outbox.get(id)!.lastError).toMatch(/^Needs a check in AIQ/)
    expect(aiq.count('adjustPoints')).toBe(1)
  })

  it('"needs a check", the manager finds it is not in AIQ and presses Retry: it is sent, without asking AIQ again', async () => {
    const aiq = createFakeAiq({ notes: false })
    const other = adjustment({ contactID: 'c-1', value: 14, note: 'other counter' })
    aiq.ledger.push(other, { ...other })
    const id = outbox.add(award({ value: 14, contactID: 'c-1' })).id
    aiq.fail('listAdjustments', new AiqError('server_error'), 1) // no baseline before the PUT: AIQ was busy
    aiq.fail('adjustPoints', new AiqError('timeout'), 1, false) // lost before AIQ applied it
    const { e } = engine(aiq.client)
    e.start()
    await until('parked', () => outbox.get(id)!.state === 'failed')
    expect(outbox.retryNow(id).state).toBe('pending')
    e.kick({ force: true })
    await until('synced', () => outbox.get(id)!.state === 'synced')
    expect(aiq.count('adjustPoints')).toBe(2)
    expect(aiq.ledger.filter((a) => readTag(a.note) === id)).toHaveLength(1)
  })

  it('another counter gave the same points just before: the count taken before the PUT tells a lost PUT from a landed one', async () => {
    for (const applied of [true, false]) {
      const aiq = createFakeAiq({ notes: false })
      const other = adjustment({ contactID: 'c-1', value: 15, note: 'other counter' })
      aiq.ledger.push(other)
      const id = outbox.add(award({ value: 15, contactID: 'c-1' })).id
      aiq.fail('adjustPoints', new AiqError('timeout'), 1, applied)
      const { e } = engine(aiq.client)
      e.start()
      await until('synced', () => outbox.get(id)!.state === 'synced')
      await e.stop()
      expect(outbox.syncInfo(id).baseline).toBe(1)
      // landed: found (two rows, one was there before); lost: sent again (one row, and it was there before)
      expect(aiq.ledger.filter((a) => a.value === 15)).toHaveLength(2)
      expect(aiq.count('adjustPoints')).toBe(applied ? 1 : 2)
    }
  })
})


describe('several counters on one AIQ account', () => {
  it("a lost answer and one new row without a note: parked for a person, never taken as this counter's (it may be another's)", async () => {
    for (const applied of [true, false]) {
      const aiq = createFakeAiq({ notes: false })
      const value = applied ? 16 : 18
      const id = outbox.add(award({ value, contactID: 'c-1' })).id
      // applied: the one new row is this PUT's. Not applied: counter 2 gave the same +16 around the same time (its
      // row was not counted before the PUT: AIQ was busy): one row all the same, and taking it would lose this award
      aiq.fail('adjustPoints', new AiqError('timeout'), 1, applied)
      if (!applied) {
        aiq.fail('listAdjustments', new AiqError('server_error'), 1)
        aiq.ledger.push(adjustment({ contactID: 'c-1', value, note: null, hasNote: false }))
      }
      const { e } = engine(aiq.client, { onlyCounter: () => false })
      e.start()
      await until('parked', () => outbox.get(id)!.state === 'failed')
      await e.stop()
      expect(outbox.get(id)!.lastError).toMatch(/^Needs a check in AIQ.*another counter on this AIQ account may have written it/)
      expect(aiq.count('adjustPoints')).toBe(1)
    }
  })

  it("the note carries this counter's name and who awarded, after the tag", async () => {
    const aiq = createFakeAiq()
    const id = outbox.add(award({ value: 17, contactID: 'c-1' })).id
    const { e } = engine(aiq.client, { counterName: () => 'Counter [2]; front' })
    e.start()
    await until('synced', () => outbox.get(id)!.state === 'synced')
    expect(aiq.ledger[0]!.note).toBe(`[aiqc:${id};Counter 2 front;${outbox.get(id)!.budtender}] ${outbox.get(id)!.reason}`)
    expect(readTag(aiq.ledger[0]!.note)).toBe(id)
  })
})

describe('every sync failure and retry decision leaves a log line (issue 10, item 10)', () => {
  it('says which award, what failed and what the engine decided: retry when, failed, paused', async () => {
    const lines: string[] = []
    const aiq = createFakeAiq()
    const retried = outbox.add(award({ value: 1, contactID: 'c-retry' }))
    const refused = outbox.add(award({ value: 2, contactID: 'c-refused' }))
    aiq.fail('adjustPoints', new AiqError('server_error', 'AIQ had a problem (HTTP 503)', { status: 503 }), 1)
    const { e } = engine(aiq.client, { log: (m) => lines.push(m) })
    e.start()
    await until('first synced', () => outbox.get(retried.id)?.state === 'synced')
    expect(lines.find((l) => l.includes(retried.id))).toMatch(new RegExp(`award ${retried.id}: send failed \\(.*503.*\\); retry 1 in [\\d.]+ s`))
    await until('second synced', () => outbox.get(refused.id)?.state === 'synced')
    await e.stop()

    const poisoned = outbox.add(award({ value: 3, contactID: 'c-bad' }))
    aiq.poison('c-bad', new AiqError('bad_response', 'AIQ refused: contact not found (HTTP 400)', { status: 400 }))
    const again = engine(aiq.client, { log: (m) => lines.push(m) })
    again.e.start()
    await until('parked', () => outbox.get(poisoned.id)?.state === 'failed')
    expect(lines.find((l) => l.includes(poisoned.id))).toMatch(/send failed \(AIQ refused: contact not found.*\); parked as failed, not retried/)
  })
})

import { spawnSync } from 'node:child_process'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { NEEDS_CHECK } from '../../../../shared/queue-words'
import { CounterError } from '../../../../electron/errors'
import { openDatabase, type Db } from '../../../../electron/store/db'
import { createOutbox, type NewAward, type Outbox } from '../../../../electron/store/outbox'
import { fakeClock, newAward as award, tempDir } from '../../../support/temp-db'

const tmp = tempDir()
let db: Db
let outbox: Outbox
let clock: ReturnType<typeof fakeClock>


beforeEach(() => {
  clock = fakeClock()
  db = openDatabase(tmp.file('o.db'))
  outbox = createOutbox(db, clock)
})
afterEach(() => {
  db.close()
  tmp.cleanup()
})

describe('add', () => {
  it('writes one pending row with a ULID and everything the queue screen shows', () => {
    const e = outbox.add(award({ value: -5, reason: ' returned item ' }))
    expect(e).toMatchObject({ contactID: 'c-1', phone: null, value: -5, reason: 'returned item', state: 'pending', attempts: 0, createdAt: clock.now() })
    expect(e.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
    expect(db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 })
    expect(outbox.events(e.id).map((x) => x.what)).toEqual(['created'])
  })

  it('is on disk when it returns: another connection (another process) sees it at once', () => {
    const e = outbox.add(award())
    const script = `const D=require('better-sqlite3');const d=new D(process.argv[1],{readonly:true});console.log(JSON.stringify(d.prepare('SELECT id FROM outbox').all()))`
    const out = spawnSync(process.execPath, ['-e', script, tmp.file('o.db')], { encoding: 'utf8', timeout: 10_000 })
    expect(JSON.parse(out.stdout)).toEqual([{ id: e.id }])
  })

  it('ids sort in creation order even within one millisecond', () => {
    const ids = Array.from({ length: 50 }, () => outbox.add(award()).id)
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(50)
  })

  it('refuses zero, fractions, no customer, bad phones, blank reason or budtender — and writes nothing', () => {
    const bad: Partial<NewAward>[] = [{ value: 0 }, { value: 1.5 }, { contactID: null, phone: null }, { contactID: null, phone: '555' }, { reason: ' ' }, { budtender: '' }]
    for (const b of bad) expect(() => outbox.add(award(b))).toThrow(CounterError)
    expect(outbox.list()).toEqual([])
  })
})

describe('counts and pending points', () => {
  it('counts pending, sending and failed and sums their points; synced and discarded do not count', () => {
    const a = outbox.add(award({ value: 10 }))
    const b = outbox.add(award({ value: 20 }))
    const c = outbox.add(award({ value: -3 }))
    const d = outbox.add(award({ value: 100 }))
    const e = outbox.add(award({ value: 1000 }))
    outbox.markSending(b.id, 0)
    outbox.markFailed(c.id, 'nope')
    outbox.markSending(d.id, 0)
    outbox.markSynced(d.id, 'sent')
    outbox.discard(e.id, 'typo', 'Manager Max')
    expect(outbox.counts()).toEqual({ pending: 1, sending: 1, failed: 1, pendingPoints: 27, otherAccounts: [] })
    expect(a.state).toBe('pending')
  })

  it('pending points for a customer match by contact id or by the phone it was queued with', () => {
    outbox.add(award({ contactID: 'c-1', value: 10 }))
    outbox.add(award({ contactID: null, phone: '5551234567', value: 5 }))
    outbox.add(award({ contactID: 'c-2', value: 7 }))
    expect(outbox.pendingPointsFor({ contactID: 'c-1' })).toEqual({ pending: 10, failed: 0 })
    expect(outbox.pendingPointsFor({ contactID: 'c-1', phone: '5551234567' })).toEqual({ pending: 15, failed: 0 })
    expect(outbox.pendingPointsFor({ phone: '5551234567' })).toEqual({ pending: 5, failed: 0 })
    expect(outbox.pendingPointsFor({ contactID: 'nobody' })).toEqual({ pending: 0, failed: 0 })
    expect(outbox.pendingPointsFor({})).toEqual({ pending: 0, failed: 0 })
  })

  it('a customer’s failed awards are counted apart from the pending ones; synced and discarded not at all', () => {
    const refused = outbox.add(award({ contactID: 'c-1', value: -200 }))
    outbox.markFailed(refused.id, 'AIQ refused the request')
    const sending = outbox.add(award({ contactID: 'c-1', value: 40 }))
    outbox.markSending(sending.id, 0)
    outbox.add(award({ contactID: 'c-1', value: 5 }))
    const gone = outbox.add(award({ contactID: 'c-1', value: 1000 }))
    outbox.discard(gone.id, 'typo', 'Manager Max')
    expect(outbox.pendingPointsFor({ contactID: 'c-1' })).toEqual({ pending: 45, failed: -200 })
  })
})

describe('what a person does on the queue screen', () => {
  it('fix customer turns a failed row back to pending with the new customer, and records it', () => {
    const e = outbox.add(award({ contactID: null, phone: '5550000000' }))
    outbox.markFailed(e.id, 'Customer not found in AIQ — fix customer')
    const fixed = outbox.fixCustomer(e.id, { contactID: 'c-9' }, 'Grace H')
    expect(fixed).toMatchObject({ state: 'pending', contactID: 'c-9', phone: null, customerName: 'Grace H', lastError: null })
    expect(outbox.events(e.id).map((x) => x.what)).toEqual(['created', 'failed', 'customer_fixed'])
  })

  it('retry now makes a failed or waiting row due at once', () => {
    const e = outbox.add(award())
    outbox.markFailed(e.id, 'AIQ said no')
    expect(outbox.retryNow(e.id)).toMatchObject({ state: 'pending', nextAttemptAt: null })
    outbox.reschedule(e.id, clock.now() + 60_000, '503', 'pending')
    expect(outbox.nextDue(clock.now())).toBeNull()
    outbox.retryNow(e.id)
    expect(outbox.nextDue(clock.now())?.id).toBe(e.id)
  })

  it('retry of an award that was sent once goes back through the check in AIQ, unless a person was asked to look', () => {
    const sent = outbox.add(award())
    outbox.markSending(sent.id, 0)
    outbox.markFailed(sent.id, "Stopped retrying: AIQ's answers about this award could not be read 5 times")
    expect(outbox.retryNow(sent.id).state).toBe('sending')
    expect(outbox.syncInfo(sent.id)).toMatchObject({ failures: 0, unreadable: 0 })

    const checked = outbox.add(award())
    outbox.markSending(checked.id, 0)
    outbox.markFailed(checked.id, `${NEEDS_CHECK}: AIQ lists 2 adjustments of +10 points`)
    expect(outbox.retryNow(checked.id).state).toBe('pending')
  })

  it('reschedule counts this row’s failures and its unreadable answers; similar() finds our other sends', () => {
    const e = outbox.add(award({ contactID: 'c-7', value: 5 }))
    outbox.reschedule(e.id, null, '503', 'pending')
    outbox.reschedule(e.id, null, 'garbled', 'pending', { unreadable: true })
    outbox.reschedule(e.id, null, 'offline', 'pending', { counts: false })
    expect(outbox.syncInfo(e.id)).toEqual({ sentAt: null, failures: 2, unreadable: 1, baseline: null, windowFrom: null })
    const twin = outbox.add(award({ contactID: 'c-7', value: 5 }))
    outbox.markSending(twin.id, clock.now() + 30_000)
    expect(outbox.similar({ id: e.id, contactID: 'c-7', value: 5 }, clock.now() - 1000, clock.now() + 1000)).toEqual({ synced: 0, inDoubt: 1 })
    outbox.markSynced(twin.id, 'sent')
    expect(outbox.similar({ id: e.id, contactID: 'c-7', value: 5 }, clock.now() - 1000, clock.now() + 1000)).toEqual({ synced: 1, inDoubt: 0 })
    expect(outbox.similar({ id: e.id, contactID: 'c-7', value: 6 }, clock.now() - 1000, clock.now() + 1000)).toEqual({ synced: 0, inDoubt: 0 })
  })

  it('a send refuses a row whose customer changed meanwhile; a PUT that really left later moves its times', () => {
    const e = outbox.add(award({ contactID: 'c-1' }))
    outbox.fixCustomer(e.id, { contactID: 'c-2' })
    expect(() => outbox.markSending(e.id, 0, null, { contactID: 'c-1' })).toThrow(CounterError)
    expect(outbox.get(e.id)!.state).toBe('pending')
    outbox.markSending(e.id, clock.now() + 30_000, 2, { contactID: 'c-2' })
    clock.advance(5_000)
    outbox.restampSending(e.id, clock.now(), clock.now() + 30_000)
    expect(outbox.syncInfo(e.id)).toMatchObject({ sentAt: clock.now(), baseline: 2 })
    expect(outbox.get(e.id)!.nextAttemptAt).toBe(clock.now() + 30_000)
  })

  it("keeps the window an award's rows are looked for in from its first PUT: a later PUT never moves it", () => {
    const e = outbox.add(award({ contactID: 'c-1' }))
    outbox.markSending(e.id, clock.now() + 30_000, 0, { windowFrom: 1_000 })
    outbox.reschedule(e.id, null, 'not in AIQ', 'pending')
    outbox.markSending(e.id, clock.now() + 30_000, 0, { windowFrom: 9_000 })
    expect(outbox.syncInfo(e.id).windowFrom).toBe(1_000)
  })

  it('a sent award that failed or was discarded is still in doubt for its neighbours (it may be in AIQ)', () => {
    const a = outbox.add(award({ contactID: 'c-8', value: 3 }))
    const b = outbox.add(award({ contactID: 'c-8', value: 3 }))
    outbox.markSending(b.id, 0)
    outbox.markFailed(b.id, 'Stopped retrying')
    expect(outbox.similar({ id: a.id, contactID: 'c-8', value: 3 }, clock.now() - 1, clock.now() + 1)).toEqual({ synced: 0, inDoubt: 1 })
  })

  it('discard is recorded with who and why, and the points leave the pending total', () => {
    const e = outbox.add(award({ value: 50 }))
    clock.advance(1000)
    const d = outbox.discard(e.id, 'wrong customer', 'Manager Max')
    expect(d).toMatchObject({ state: 'discarded', discardedBy: 'Manager Max', discardReason: 'wrong customer' })
    const audit = outbox.events(e.id).at(-1)!
    expect(audit).toMatchObject({ what: 'discarded', at: clock.now() })
    expect(JSON.parse(audit.detail!)).toEqual({ by: 'Manager Max', reason: 'wrong customer' })
    expect(outbox.counts().pendingPoints).toBe(0)
  })

  it('a row that may be in AIQ right now cannot be discarded or re-pointed; synced rows are final', () => {
    const e = outbox.add(award())
    outbox.markSending(e.id, 0)
    expect(() => outbox.discard(e.id, 'x', 'Max')).toThrow(/being sent/)
    expect(() => outbox.fixCustomer(e.id, { contactID: 'c-2' })).toThrow(CounterError)
    outbox.markSynced(e.id, 'sent')
    expect(() => outbox.discard(e.id, 'x', 'Max')).toThrow(CounterError)
    expect(() => outbox.retryNow(e.id)).toThrow(CounterError)
    expect(() => outbox.retryNow('01JDQ8Z6T3W5R7Y9B1C3D5F7G9')).toThrow(/not in this counter/)
  })
})

describe('what the sync engine does', () => {
  it('sending counts attempts and holds the row until its settle time; synced stamps the time', () => {
    const e = outbox.add(award())
    const s = outbox.markSending(e.id, clock.now() + 5000)
    expect(s).toMatchObject({ state: 'sending', attempts: 1, nextAttemptAt: clock.now() + 5000 })
    expect(outbox.nextDue(clock.now())).toBeNull()
    expect(outbox.nextWakeAt()).toBe(clock.now() + 5000)
    clock.advance(5000)
    expect(outbox.nextDue(clock.now())?.id).toBe(e.id)
    clock.advance(10)
    expect(outbox.markSynced(e.id, 'found_in_aiq')).toMatchObject({ state: 'synced', syncedAt: clock.now(), nextAttemptAt: null })
    expect(outbox.events(e.id).map((x) => x.what)).toEqual(['created', 'sending', 'found_in_aiq'])
  })

  it('drains oldest first among rows that are due', () => {
    const a = outbox.add(award())
    clock.advance(1)
    const b = outbox.add(award())
    expect(outbox.nextDue(clock.now())?.id).toBe(a.id)
    outbox.reschedule(a.id, clock.now() + 1000, 'busy', 'pending')
    expect(outbox.nextDue(clock.now())?.id).toBe(b.id)
  })

  it('resolving a phone-queued row sets its contact only if nobody changed the customer meanwhile', () => {
    const e = outbox.add(award({ contactID: null, phone: '5551112222' }))
    expect(() => outbox.setContact(e.id, 'c-x', '5553334444')).toThrow(CounterError)
    expect(outbox.setContact(e.id, 'c-x', '5551112222')).toMatchObject({ contactID: 'c-x', phone: '5551112222' })
  })

  it('rows in a time window, for the shift report', () => {
    const a = outbox.add(award())
    clock.advance(10_000)
    const b = outbox.add(award())
    expect(outbox.inWindow(a.createdAt, b.createdAt).map((x) => x.id)).toEqual([a.id])
    expect(outbox.inWindow(a.createdAt, b.createdAt + 1).map((x) => x.id)).toEqual([a.id, b.id])
    expect(outbox.list(['pending']).length).toBe(2)
    expect(outbox.list(['synced'])).toEqual([])
  })
})

describe('awards of another account (issue 10, item 9)', () => {
  let current = 'live:4242'
  beforeEach(() => {
    current = 'live:4242'
    outbox = createOutbox(db, clock, () => current)
  })

  it('stay in the list and the report, marked, after the account changes; the counts say whose they are', () => {
    const a = outbox.add(award({ value: 30 }))
    const b = outbox.add(award({ value: -5 }))
    outbox.markFailed(b.id, 'AIQ said no')
    current = 'training:1000'
    const mine = outbox.add(award({ value: 7 }))
    expect(outbox.list(['pending', 'sending', 'failed']).map((e) => [e.id, e.account, e.otherAccount])).toEqual([
      [a.id, 'live:4242', true],
      [b.id, 'live:4242', true],
      [mine.id, 'training:1000', false],
    ])
    expect(outbox.inWindow(0, clock.now() + 1).map((e) => e.id)).toEqual([a.id, b.id, mine.id])
    expect(outbox.counts()).toEqual({ pending: 1, sending: 0, failed: 0, pendingPoints: 7, otherAccounts: [{ account: 'live:4242', label: 'AIQ account 4242', waiting: 2 }] })
  })

  it('are never picked for sending, retried, re-pointed or discarded while another account is connected', () => {
    const a = outbox.add(award())
    const b = outbox.add(award())
    outbox.markFailed(b.id, 'AIQ said no')
    current = 'live:9999'
    expect(outbox.nextDue(clock.now())).toBeNull()
    expect(outbox.nextWakeAt()).toBeNull()
    expect(() => outbox.markSending(a.id, 0)).toThrow(/given in AIQ account 4242/)
    expect(() => outbox.retryNow(b.id)).toThrow(/sent when that account is connected again/)
    expect(() => outbox.fixCustomer(b.id, { phone: '3035550100' })).toThrow(/AIQ account 4242/)
    expect(outbox.get(a.id)!.state).toBe('pending')
    expect(() => outbox.discard(b.id, 'closed account', 'Manager Max')).toThrow(/AIQ account 4242/)
    expect(outbox.get(b.id)!.state).toBe('failed')
    current = 'live:4242'
    expect(outbox.discard(b.id, 'closed account', 'Manager Max').state).toBe('discarded')
    expect(outbox.nextDue(clock.now())?.id).toBe(a.id)
  })
})

// The durable outbox of point awards. Every award is one row written in one transaction with a ULID made once;
// add() returns only after the commit (WAL + synchronous=FULL), so "saved" on screen means saved on disk.
// State changes are guarded (UPDATE ... WHERE state IN ...) and each one leaves a line in outbox_events.
import { monotonicFactory } from 'ulid'
import type { OutboxEntry, OutboxState } from '../../shared/contract'
import { accountLabel, NEEDS_CHECK } from '../../shared/queue-words'
import type { Clock } from '../clock'
import { CounterError } from '../../shared/errors'
import type { Db } from './db'
import { guardedRows } from './guarded-rows'

export interface NewAward {
  contactID: string | null
  phone: string | null
  customerName: string
  value: number
  reason: string
  budtender: string
  /** staff id of the signed-in budtender */
  budtenderId?: string | null
  /** the manager whose PIN allowed it */
  approvedBy?: string | null
}

export interface OutboxCounts {
  pending: number
  sending: number
  failed: number
  /** signed sum of every award not yet in AIQ (pending, sending and failed) */
  pendingPoints: number
  /** awards still waiting (pending, sending, failed) that belong to other accounts */
  otherAccounts: { account: string; label: string; waiting: number }[]
}

export interface OutboxEvent {
  id: number
  outboxId: string
  at: number
  what: string
  detail: string | null
}

/** How a row became synced: we sent it and AIQ said so, or we found it (by tag, or by a unique match) in AIQ's adjustments. */
export type SyncedHow = 'sent' | 'found_in_aiq'

/** What the sync engine keeps about a row beyond what the screens see. */
export interface SyncInfo {
  /** when the last PUT went out (epoch ms), null when it was never sent */
  sentAt: number | null
  /** failed tries in a row: this row's own backoff */
  failures: number
  /** answers about this row AIQ sent that the app could not read */
  unreadable: number
  /**
   * where AIQ keeps no notes: how many of its adjustments already matched this award (customer, value, time) just
   * before the last PUT, so a later match is only this award if it is new; null when not counted
   */
  baseline: number | null
  /**
   * from when (AIQ's time, epoch ms) AIQ's rows may be this award: fixed before its first PUT, so the count before a
   * PUT and the look after it read the same rows; null for a row never sent (or sent by an older version)
   */
  windowFrom: number | null
}

export interface Outbox {
  add(award: NewAward): OutboxEntry
  get(id: string): OutboxEntry | null
  /** oldest first; every state when `states` is omitted; every account's, each marked (only the current one's sync) */
  list(states?: readonly OutboxState[]): OutboxEntry[]
  counts(): OutboxCounts
  /** this customer's awards not in AIQ: on their way (pending, sending), and refused by AIQ (failed), apart */
  pendingPointsFor(who: { contactID?: string | null; phone?: string | null }): { pending: number; failed: number }
  /** rows created in [fromMs, toMs) in any account, oldest first */
  inWindow(fromMs: number, toMs: number): OutboxEntry[]
  events(id: string): OutboxEvent[]

  // what a person does from the queue screen
  retryNow(id: string): OutboxEntry
  fixCustomer(id: string, who: { contactID?: string | null; phone?: string | null }, customerName?: string): OutboxEntry
  discard(id: string, reason: string, by: string): OutboxEntry

  // what the sync engine does
  /** the oldest pending/sending row that is due at `now` */
  nextDue(now: number): OutboxEntry | null
  /** the earliest time a pending/sending row becomes due, or null when none is waiting */
  nextWakeAt(): number | null
  /** a phone-queued row now knows its AIQ contact id (only if it still has that phone and no contact id) */
  setContact(id: string, contactID: string, phone: string | null): OutboxEntry
  /** committed before the PUT; `settleAt` = when a reconcile may trust that an unanswered PUT is not still in flight */
  /** `o.contactID`: refuse if the customer changed meanwhile; `o.windowFrom`: kept from the first PUT on */
  markSending(id: string, settleAt: number, baseline?: number | null, o?: { contactID?: string; windowFrom?: number }): OutboxEntry
  /** the PUT really left now (after waiting for the rate limit): its send and settle times move with it */
  restampSending(id: string, sentAt: number, settleAt: number): void
  markSynced(id: string, how: SyncedHow): OutboxEntry
  /** try again at `at` (null = as soon as possible); `state` says whether AIQ may have applied it ('sending') */
  reschedule(id: string, at: number | null, error: string, state: 'pending' | 'sending', opts?: { unreadable?: boolean; counts?: boolean }): OutboxEntry
  syncInfo(id: string): SyncInfo
  /** other rows of this account for the same contact and value whose last PUT went out in [fromMs, toMs]: synced, or in doubt */
  similar(row: { id: string; contactID: string; value: number }, fromMs: number, toMs: number): { synced: number; inDoubt: number }
  markFailed(id: string, error: string): OutboxEntry
  /** a note in the row's audit trail that changes nothing else (e.g. "sync paused: key rejected") */
  note(id: string, what: string, detail?: string | null): void
}

interface Row {
  id: string
  account: string
  contact_id: string | null
  phone: string | null
  customer_name: string
  value: number
  reason: string
  budtender: string
  created_at: number
  state: OutboxState
  attempts: number
  next_attempt_at: number | null
  last_error: string | null
  synced_at: number | null
  discarded_by: string | null
  discard_reason: string | null
  budtender_id: string | null
  approved_by: string | null
  sent_at: number | null
  failures: number
  unreadable: number
  baseline: number | null
  window_from: number | null
}

const toEntry = (r: Row, current: string): OutboxEntry => ({
  id: r.id,
  contactID: r.contact_id,
  phone: r.phone,
  customerName: r.customer_name,
  value: r.value,
  reason: r.reason,
  budtender: r.budtender,
  createdAt: r.created_at,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  syncedAt: r.synced_at,
  discardedBy: r.discarded_by,
  discardReason: r.discard_reason,
  account: r.account,
  otherAccount: r.account !== current,
  budtenderId: r.budtender_id,
  approvedBy: r.approved_by,
})

const OPEN = `('pending', 'sending', 'failed')`
const QUEUED = `('pending', 'sending')`

/** The state a row goes back to when a person retries or re-points it: once sent, AIQ is looked at first. */
const reconcileFirst = (r: Row) => (r.attempts === 0 ? `'pending'` : `'sending'`)

/** An award of another account: only that account, connected again, may send or change it (with its own manager). */
export const givenElsewhere = (account: string) =>
  new CounterError('invalid_input', `This award was given in ${accountLabel(account)}. It is sent when that account is connected again; only then can it be changed.`)

const blank = (s: string | null | undefined): string | null => (s == null || s.trim() === '' ? null : s.trim())

/**
 * `account` names the AIQ account the counter is using now (e.g. "training:1000", "live:4242"). Every award belongs
 * to the account it was given in: the sync engine, the counts and the per-customer points see only the current account's
 * rows, so practice awards never reach a real account and one store's awards never reach another's. Lists and the shift
 * report show every account's rows, marked, so nothing waiting ever vanishes from view when the account changes.
 */
export function createOutbox(db: Db, clock: Clock, account: () => string = () => ''): Outbox {
  const newId = monotonicFactory()
  const q = {
    insert: db.prepare(
      `INSERT INTO outbox (id, account, contact_id, phone, customer_name, value, reason, budtender, budtender_id, approved_by, created_at, state, attempts)
       VALUES (@id, @account, @contact_id, @phone, @customer_name, @value, @reason, @budtender, @budtender_id, @approved_by, @created_at, 'pending', 0)`,
    ),
    all: db.prepare<[], Row>('SELECT * FROM outbox ORDER BY id'),
    counts: db.prepare<[string], { pending: number; sending: number; failed: number; points: number }>(
      `SELECT COALESCE(SUM(state = 'pending'), 0) AS pending, COALESCE(SUM(state = 'sending'), 0) AS sending,
              COALESCE(SUM(state = 'failed'), 0) AS failed, COALESCE(SUM(value), 0) AS points
       FROM outbox WHERE state IN ${OPEN} AND account = ?`,
    ),
    elsewhere: db.prepare<[string], { account: string; waiting: number }>(
      `SELECT account, COUNT(*) AS waiting FROM outbox WHERE state IN ${OPEN} AND account <> ? GROUP BY account ORDER BY account`,
    ),
    pointsFor: db.prepare<{ c: string | null; p: string | null; a: string }, { pending: number; failed: number }>(
      `SELECT COALESCE(SUM(CASE WHEN state IN ${QUEUED} THEN value END), 0) AS pending,
              COALESCE(SUM(CASE WHEN state = 'failed' THEN value END), 0) AS failed FROM outbox
       WHERE state IN ${OPEN} AND account = @a AND ((@c IS NOT NULL AND contact_id = @c) OR (@p IS NOT NULL AND phone = @p))`,
    ),
    window: db.prepare<[number, number], Row>('SELECT * FROM outbox WHERE created_at >= ? AND created_at < ? ORDER BY id'),
    events: db.prepare<[string], { id: number; outbox_id: string; at: number; what: string; detail: string | null }>(
      'SELECT * FROM outbox_events WHERE outbox_id = ? ORDER BY id',
    ),
    nextDue: db.prepare<[number, string], Row>(
      `SELECT * FROM outbox WHERE state IN ${QUEUED} AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND account = ? ORDER BY id LIMIT 1`,
    ),
    nextWake: db.prepare<[string], { at: number | null }>(
      `SELECT MIN(COALESCE(next_attempt_at, 0)) AS at FROM outbox WHERE state IN ${QUEUED} AND account = ?`,
    ),
    similar: db.prepare<{ a: string; c: string; v: number; id: string; from: number; to: number }, { synced: number; inDoubt: number }>(
      // a sent award now failed or discarded may still be in AIQ: it is in doubt, like one being sent
      `SELECT COALESCE(SUM(state = 'synced'), 0) AS synced, COALESCE(SUM(state <> 'synced'), 0) AS inDoubt FROM outbox
       WHERE account = @a AND contact_id = @c AND value = @v AND id <> @id AND sent_at BETWEEN @from AND @to`,
    ),
  }

  const guarded = guardedRows<Row, OutboxState>(db, clock, { table: 'outbox', events: 'outbox_events', key: 'outbox_id', missing: 'That award is not in this counter’s queue.' })
  const { must, log, set } = guarded
  const entry = (r: Row) => toEntry(r, account())
  /** what a person does to an award (retry, re-point, discard) is for the connected account's awards only */
  const ours = (r: Row) => {
    if (r.account !== account()) throw givenElsewhere(r.account)
  }

  const transition = (id: string, from: readonly OutboxState[], refuse: (r: Row) => string, fn: (r: Row) => void): OutboxEntry =>
    entry(guarded.transition(id, from, refuse, fn))
  const stateWord = (r: Row) => (r.state === 'synced' ? 'already in AIQ' : r.state === 'discarded' ? 'discarded' : r.state)

  return {
    add(a) {
      const contactID = blank(a.contactID)
      const phone = blank(a.phone)
      if (!Number.isSafeInteger(a.value) || a.value === 0) throw new CounterError('invalid_input', 'Points must be a whole number, not zero.')
      if (!contactID && !phone) throw new CounterError('invalid_input', 'Pick a customer (or enter their phone) before awarding points.')
      if (phone && !/^\d{10}$/.test(phone)) throw new CounterError('invalid_input', 'The phone number must have 10 digits.')
      if (!a.reason.trim()) throw new CounterError('invalid_input', 'Give a reason for the points.')
      if (!a.budtender.trim()) throw new CounterError('invalid_input', 'Say who is awarding the points.')
      const now = clock.now()
      const id = newId(now)
      db.transaction(() => {
        q.insert.run({
          id,
          account: account(),
          contact_id: contactID,
          phone,
          customer_name: a.customerName.trim(),
          value: a.value,
          reason: a.reason.trim(),
          budtender: a.budtender.trim(),
          budtender_id: a.budtenderId ?? null,
          approved_by: a.approvedBy ?? null,
          created_at: now,
        })
        log(id, 'created', `${a.value > 0 ? '+' : ''}${a.value} by ${a.budtender.trim()}${a.approvedBy ? `, approved by ${a.approvedBy}` : ''}`, now)
      }).immediate()
      return entry(must(id))
    },

    get: (id) => {
      const r = guarded.get(id)
      return r ? entry(r) : null
    },
    list(states) {
      if (!states || states.length === 0) return q.all.all().map(entry)
      const marks = states.map(() => '?').join(', ')
      return db
        .prepare<string[], Row>(`SELECT * FROM outbox WHERE state IN (${marks}) ORDER BY id`)
        .all(...states)
        .map(entry)
    },
    counts() {
      const now = account()
      const c = q.counts.get(now)!
      const otherAccounts = q.elsewhere.all(now).map((o) => ({ account: o.account, label: accountLabel(o.account), waiting: o.waiting }))
      return { pending: c.pending, sending: c.sending, failed: c.failed, pendingPoints: c.points, otherAccounts }
    },
    pendingPointsFor: (who) => {
      const r = q.pointsFor.get({ c: blank(who.contactID), p: blank(who.phone), a: account() })!
      return { pending: r.pending, failed: r.failed }
    },
    inWindow: (from, to) => q.window.all(from, to).map(entry),
    events: (id) => q.events.all(id).map((e) => ({ id: e.id, outboxId: e.outbox_id, at: e.at, what: e.what, detail: e.detail })),

    retryNow(id) {
      return transition(
        id,
        ['failed', 'pending', 'sending'],
        (r) => `This award is ${stateWord(r)}; there is nothing to retry.`,
        (r) => {
          ours(r)
          // a 'sending' row keeps its settle time: AIQ may still be working on the last try
          if (r.state === 'sending') return
          // once sent, AIQ may have it: the engine looks in AIQ's adjustments before sending again, unless a person
          // was asked to look (the app could not tell from AIQ's rows) and now says "not there, send it"
          const state = r.last_error?.startsWith(NEEDS_CHECK) ? `'pending'` : reconcileFirst(r)
          set(id, `state = ${state}, next_attempt_at = NULL, failures = 0, unreadable = 0`)
          log(id, 'retry_now', r.state === 'failed' ? r.last_error : null)
        },
      )
    },

    fixCustomer(id, who, customerName) {
      const contactID = blank(who.contactID)
      const phone = blank(who.phone)
      if (!contactID && !phone) throw new CounterError('invalid_input', 'Pick a customer (or enter their phone).')
      if (phone && !/^\d{10}$/.test(phone)) throw new CounterError('invalid_input', 'The phone number must have 10 digits.')
      return transition(
        id,
        ['failed', 'pending'],
        (r) => `This award is ${stateWord(r)}; its customer can no longer be changed.`,
        (r) => {
          ours(r)
          set(id, `contact_id = @c, phone = @p, customer_name = @n, state = ${reconcileFirst(r)}, next_attempt_at = NULL, last_error = NULL, failures = 0, unreadable = 0`, {
            c: contactID,
            p: phone,
            n: customerName?.trim() ?? r.customer_name,
          })
          log(id, 'customer_fixed', JSON.stringify({ from: { contactID: r.contact_id, phone: r.phone }, to: { contactID, phone } }))
        },
      )
    },

    discard(id, reason, by) {
      const why = reason.trim()
      const who = by.trim()
      if (!why) throw new CounterError('invalid_input', 'Give a reason for discarding this award.')
      if (!who) throw new CounterError('invalid_input', 'Say who is discarding this award.')
      return transition(
        id,
        ['failed', 'pending'],
        (r) =>
          r.state === 'sending'
            ? 'This award is being sent to AIQ right now; wait for the result before discarding it.'
            : `This award is ${stateWord(r)}; it cannot be discarded.`,
        (r) => {
          ours(r) // an account's awards are its own manager's to drop: only while it is connected
          set(id, `state = 'discarded', next_attempt_at = NULL, discarded_by = @by, discard_reason = @why`, { by: who, why })
          log(id, 'discarded', JSON.stringify({ by: who, reason: why }))
        },
      )
    },

    nextDue(now) {
      const r = q.nextDue.get(now, account())
      return r ? entry(r) : null
    },
    nextWakeAt: () => q.nextWake.get(account())?.at ?? null,

    setContact(id, contactID, phone) {
      return transition(
        id,
        ['pending', 'sending'],
        (r) => `award ${id} is ${r.state}; its contact cannot be set`,
        (r) => {
          if (r.contact_id !== null || r.phone !== phone) throw new CounterError('invalid_input', `award ${id} changed customer meanwhile`)
          set(id, 'contact_id = @c', { c: contactID })
          log(id, 'contact_resolved', contactID)
        },
      )
    },
    markSending(id, settleAt, baseline = null, o = {}) {
      return transition(
        id,
        ['pending', 'sending'],
        (r) => `award ${id} is ${r.state}; it cannot be sent`,
        (r) => {
          ours(r) // the account changed while this award was picked: it waits for its own
          if (o.contactID !== undefined && r.contact_id !== o.contactID) throw new CounterError('invalid_input', `award ${id} changed customer meanwhile`)
          set(id, `state = 'sending', attempts = attempts + 1, next_attempt_at = @at, sent_at = @now, baseline = @b, window_from = COALESCE(window_from, @wf)`, {
            at: settleAt,
            now: clock.now(),
            b: baseline,
            wf: o.windowFrom ?? null,
          })
          log(id, 'sending')
        },
      )
    },
    restampSending(id, sentAt, settleAt) {
      db.prepare(`UPDATE outbox SET sent_at = @sentAt, next_attempt_at = @settleAt WHERE id = @id AND state = 'sending'`).run({ id, sentAt, settleAt })
    },
    markSynced(id, how) {
      return transition(
        id,
        ['sending'],
        (r) => `award ${id} is ${r.state}; it cannot be marked synced`,
        () => {
          set(id, `state = 'synced', synced_at = @now, next_attempt_at = NULL, last_error = NULL, failures = 0`, { now: clock.now() })
          log(id, how === 'sent' ? 'synced' : 'found_in_aiq')
        },
      )
    },
    reschedule(id, at, error, state, o = {}) {
      return transition(
        id,
        ['pending', 'sending'],
        (r) => `award ${id} is ${r.state}; it cannot be rescheduled`,
        () => {
          const f = o.counts === false ? 0 : 1
          const u = o.unreadable ? 1 : 0
          set(id, `state = @state, next_attempt_at = @at, last_error = @error, failures = failures + @f, unreadable = unreadable + @u`, { state, at, error, f, u })
          log(id, o.unreadable ? 'unreadable_answer' : 'retry_scheduled', error)
        },
      )
    },
    syncInfo(id) {
      const r = must(id)
      return { sentAt: r.sent_at, failures: r.failures, unreadable: r.unreadable, baseline: r.baseline, windowFrom: r.window_from }
    },
    similar: (row, from, to) => q.similar.get({ a: account(), c: row.contactID, v: row.value, id: row.id, from, to })!,
    markFailed(id, error) {
      return transition(
        id,
        ['pending', 'sending'],
        (r) => `award ${id} is ${r.state}; it cannot be marked failed`,
        () => {
          set(id, `state = 'failed', next_attempt_at = NULL, last_error = @error`, { error })
          log(id, 'failed', error)
        },
      )
    },
    note: (id, what, detail = null) => void log(id, what, detail),
  }
}

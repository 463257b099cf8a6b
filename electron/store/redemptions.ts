// Every reward redemption this counter attempted, with the outbox's discipline: the row (a ULID made once) is committed
// in state 'sending' before the PUT leaves, every change is one guarded transaction with a line in redemption_events,
// and one sale's reward is live at most once (a partial unique index), so a double press cannot make a second PUT.
// Unlike awards, a redemption is never queued: nothing here is sent later on its own.
import { monotonicFactory } from 'ulid'
import type { RedemptionEntry, RedemptionState } from '../../shared/contract'
import type { Clock } from '../clock'
import { CounterError } from '../../shared/errors'
import type { Db } from './db'
import { guardedRows } from './guarded-rows'
import { contactKey } from '../../shared/contact-id'

export interface NewRedemption {
  contactID: string
  customerName: string
  rewardId: string
  rewardName: string
  posDiscountID: string | null
  points: number
  redemptionURL: string
  posTransactionId: string
  budtender: string
}

export interface RedemptionStore {
  /**
   * Commits a new row in 'sending' (attempt 1) before anything is sent. When this sale's reward already has a live
   * row (sending, in doubt or redeemed), or AIQ refused it, nothing is written and that row comes back with created=false
   * — unless the refusal is one `mayRetryRefusal` says may pass now (it depended on the balance): then a new row.
   * Contact ids are compared as contactKey compares them, in every query.
   */
  begin(r: NewRedemption, opts?: { mayRetryRefusal?: (words: string) => boolean }): { entry: RedemptionEntry; created: boolean }
  /** the live row (sending, in doubt, redeemed) for this sale's reward, if any */
  live(key: { contactID: string; rewardId: string; posTransactionId: string }): RedemptionEntry | null
  /** a redemption of this reward for this customer, on any sale, whose outcome is not known yet (sending, in doubt) */
  unsettled(key: { contactID: string; rewardId: string }): RedemptionEntry | null
  get(id: string): RedemptionEntry | null
  /** the one-time link stored with the row (never shown to the renderer) */
  urlOf(id: string): string
  /** in doubt / not sent -> sending again, committed before the PUT (same row, same link) */
  resend(id: string): RedemptionEntry
  markRedeemed(id: string, o: { balanceAfter: number | null; how: 'answered' | 'found_in_aiq' }): RedemptionEntry
  markRefused(id: string, aiqWords: string): RedemptionEntry
  markInDoubt(id: string, why: string, checkAfter: number): RedemptionEntry
  markNotSent(id: string, why: string): RedemptionEntry
  /** a note in the row's trail that changes nothing (e.g. "looked in AIQ: not there yet") */
  note(id: string, what: string, detail?: string | null): void
  /** after a restart: every row left 'sending' is in doubt (the PUT may or may not have landed) */
  strandedToInDoubt(settleMs: number): number
  /** the row was made in the account connected now (a person may act on it only then, with its own manager) */
  isOurs(id: string): boolean
  /** rows in doubt of the current account, oldest first */
  inDoubt(): RedemptionEntry[]
  /** rows of the current account created in [fromMs, toMs), oldest first */
  inWindow(fromMs: number, toMs: number): RedemptionEntry[]
  /** other rows of this account for the same customer and reward whose last PUT went out in [fromMs, toMs] */
  similarSent(row: { id: string; contactID: string; rewardId: string }, fromMs: number, toMs: number): number
  events(id: string): { at: number; what: string; detail: string | null }[]
}

interface Row {
  id: string
  account: string
  contact_id: string
  customer_name: string
  reward_id: string
  reward_name: string
  pos_discount_id: string | null
  points: number
  redemption_url: string
  pos_transaction_id: string
  budtender: string
  created_at: number
  state: RedemptionState
  attempts: number
  sent_at: number | null
  check_after: number | null
  finished_at: number | null
  balance_after: number | null
  message: string | null
  how: string | null
}

const toEntry = (r: Row): RedemptionEntry => ({
  id: r.id,
  contactID: r.contact_id,
  customerName: r.customer_name,
  rewardId: r.reward_id,
  rewardName: r.reward_name,
  posDiscountID: r.pos_discount_id,
  points: r.points,
  posTransactionId: r.pos_transaction_id,
  budtender: r.budtender,
  createdAt: r.created_at,
  state: r.state,
  attempts: r.attempts,
  sentAt: r.sent_at,
  checkAfter: r.check_after,
  finishedAt: r.finished_at,
  balanceAfter: r.balance_after,
  message: r.message,
  foundInAiq: r.how === 'found_in_aiq',
})

const LIVE = `('sending', 'redeemed', 'in_doubt')`

export function createRedemptionStore(db: Db, clock: Clock, account: () => string = () => ''): RedemptionStore {
  const newId = monotonicFactory()
  const q = {
    insert: db.prepare(
      `INSERT INTO redemptions (id, account, contact_id, customer_name, reward_id, reward_name, pos_discount_id, points, redemption_url,
         pos_transaction_id, budtender, created_at, state, attempts, sent_at)
       VALUES (@id, @account, @contact_id, @customer_name, @reward_id, @reward_name, @pos_discount_id, @points, @redemption_url,
         @pos_transaction_id, @budtender, @created_at, 'sending', 1, @created_at)`,
    ),
    live: db.prepare<{ a: string; c: string; r: string; t: string }, Row>(
      `SELECT * FROM redemptions WHERE account = @a AND lower(contact_id) = @c AND reward_id = @r AND pos_transaction_id = @t AND state IN ${LIVE}`,
    ),
    // what AIQ already said no to for this sale's reward: answered again in AIQ's words, never sent again
    refused: db.prepare<{ a: string; c: string; r: string; t: string }, Row>(
      `SELECT * FROM redemptions WHERE account = @a AND lower(contact_id) = @c AND reward_id = @r AND pos_transaction_id = @t AND state = 'refused'
       ORDER BY id DESC LIMIT 1`,
    ),
    unsettled: db.prepare<{ a: string; c: string; r: string }, Row>(
      `SELECT * FROM redemptions WHERE account = @a AND lower(contact_id) = @c AND reward_id = @r AND state IN ('sending', 'in_doubt') ORDER BY id LIMIT 1`,
    ),
    events: db.prepare<[string], { at: number; what: string; detail: string | null }>('SELECT at, what, detail FROM redemption_events WHERE redemption_id = ? ORDER BY id'),
    stranded: db.prepare<[], Row>(`SELECT * FROM redemptions WHERE state = 'sending'`),
    inDoubt: db.prepare<[string], Row>(`SELECT * FROM redemptions WHERE state = 'in_doubt' AND account = ? ORDER BY id`),
    window: db.prepare<[string, number, number], Row>('SELECT * FROM redemptions WHERE account = ? AND created_at >= ? AND created_at < ? ORDER BY id'),
    similar: db.prepare<{ a: string; c: string; r: string; id: string; from: number; to: number }, { n: number }>(
      `SELECT COUNT(*) AS n FROM redemptions WHERE account = @a AND lower(contact_id) = @c AND reward_id = @r AND id <> @id
         AND state IN ('redeemed', 'in_doubt', 'sending') AND sent_at BETWEEN @from AND @to`,
    ),
  }
  const guarded = guardedRows<Row, RedemptionState>(db, clock, { table: 'redemptions', events: 'redemption_events', key: 'redemption_id', missing: 'That redemption is not on this counter.' })
  const { must, log } = guarded
  const transition = (id: string, from: readonly RedemptionState[], sql: string, params: Record<string, unknown>, what: string, detail: string | null): RedemptionEntry =>
    toEntry(
      guarded.transition(
        id,
        from,
        (r) => `This redemption is ${r.state.replace('_', ' ')}; it cannot change that way.`,
        () => {
          guarded.set(id, sql, params)
          log(id, what, detail)
        },
      ),
    )

  return {
    begin(r, opts = {}) {
      const key = { a: account(), c: contactKey(r.contactID), r: r.rewardId, t: r.posTransactionId }
      const live = q.live.get(key)
      if (live) return { entry: toEntry(live), created: false }
      const refused = q.refused.get(key)
      if (refused && !opts.mayRetryRefusal?.(refused.message ?? '')) return { entry: toEntry(refused), created: false }
      // AIQ's cost as it has it: a fraction where its "round points" is off
      if (!Number.isFinite(r.points) || r.points < 0) throw new CounterError('invalid_input', 'AIQ gave this reward no cost in points that the counter can read.')
      const now = clock.now()
      const id = newId(now)
      try {
        db.transaction(() => {
          q.insert.run({
            id, account: account(), contact_id: contactKey(r.contactID), customer_name: r.customerName.trim(), reward_id: r.rewardId, reward_name: r.rewardName,
            pos_discount_id: r.posDiscountID, points: r.points, redemption_url: r.redemptionURL, pos_transaction_id: r.posTransactionId,
            budtender: r.budtender.trim(), created_at: now,
          })
          log(id, 'sending', `${r.rewardName} on POS transaction ${r.posTransactionId} by ${r.budtender.trim()}`)
        }).immediate()
      } catch (e) {
        // another call for the same sale's reward got there first
        const raced = q.live.get(key)
        if (raced) return { entry: toEntry(raced), created: false }
        throw e
      }
      return { entry: toEntry(must(id)), created: true }
    },
    live: (k) => {
      const r = q.live.get({ a: account(), c: contactKey(k.contactID), r: k.rewardId, t: k.posTransactionId })
      return r ? toEntry(r) : null
    },
    unsettled: (k) => {
      const r = q.unsettled.get({ a: account(), c: contactKey(k.contactID), r: k.rewardId })
      return r ? toEntry(r) : null
    },
    get: (id) => {
      const r = guarded.get(id)
      return r ? toEntry(r) : null
    },
    urlOf: (id) => must(id).redemption_url,
    resend: (id) =>
      transition(id, ['in_doubt', 'not_sent'], `state = 'sending', attempts = attempts + 1, sent_at = @now, check_after = NULL`, { now: clock.now() }, 'sending', 'again, with the same link'),
    markRedeemed: (id, o) =>
      transition(id, ['sending', 'in_doubt'], `state = 'redeemed', finished_at = @now, balance_after = @b, how = @how, message = NULL, check_after = NULL`, { now: clock.now(), b: o.balanceAfter, how: o.how }, o.how === 'answered' ? 'redeemed' : 'found_in_aiq', o.balanceAfter === null ? null : `balance ${o.balanceAfter}`),
    markRefused: (id, words) =>
      transition(id, ['sending', 'in_doubt'], `state = 'refused', finished_at = @now, message = @m, check_after = NULL`, { now: clock.now(), m: words }, 'refused', words),
    markInDoubt: (id, why, checkAfter) => transition(id, ['sending'], `state = 'in_doubt', message = @m, check_after = @at`, { m: why, at: checkAfter }, 'in_doubt', why),
    markNotSent: (id, why) => transition(id, ['sending'], `state = 'not_sent', finished_at = @now, message = @m`, { now: clock.now(), m: why }, 'not_sent', why),
    note: (id, what, detail = null) => void log(id, what, detail),
    strandedToInDoubt(settleMs) {
      return db
        .transaction(() => {
          const rows = q.stranded.all()
          for (const r of rows) {
            db.prepare(`UPDATE redemptions SET state = 'in_doubt', message = @m, check_after = @at WHERE id = @id AND state = 'sending'`).run({
              id: r.id, m: 'The app stopped while this was being redeemed; AIQ is looked at before anything is sent again.', at: (r.sent_at ?? r.created_at) + settleMs,
            })
            log(r.id, 'in_doubt', 'stopped while sending')
          }
          return rows.length
        })
        .immediate()
    },
    isOurs: (id) => guarded.get(id)?.account === account(),
    inDoubt: () => q.inDoubt.all(account()).map(toEntry),
    inWindow: (from, to) => q.window.all(account(), from, to).map(toEntry),
    similarSent: (row, from, to) => q.similar.get({ a: account(), c: contactKey(row.contactID), r: row.rewardId, id: row.id, from, to })!.n,
    events: (id) => q.events.all(id),
  }
}

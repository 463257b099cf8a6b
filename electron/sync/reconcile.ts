// The decisions the sync engine makes, as pure functions: is a possibly-sent award already in AIQ, and what to do
// about an error from AIQ.
import { NEEDS_CHECK } from '../../shared/queue-words'
import { AiqError } from '../aiq/errors'
import { writeOutcome } from '../aiq/write-outcome'
import { STAMP_SKEW_MS, UNKNOWN_TIME_SLACK_MS } from '../aiq/look-window'
import type { AiqAdjustment } from '../aiq/types'
import { readTag } from './tag'

/** Where, in epoch ms, an AIQ row without a note must lie to be the last PUT of an award sent at `sentAt`. */
export function matchWindow(sentAt: number, settleAt: number): { fromMs: number; toMs: number } {
  return { fromMs: sentAt - STAMP_SKEW_MS, toMs: Math.max(settleAt, sentAt) + STAMP_SKEW_MS }
}

export type Reconciliation =
  | { kind: 'already_applied'; copies: number; how: 'tag' | 'match' }
  | { kind: 'send' }
  /** the tag is in AIQ but for another customer or amount: sending again could double it, so a person decides */
  | { kind: 'conflict'; message: string }
  /** AIQ's rows carry no notes and more than one could be this award: a person looks in AIQ */
  | { kind: 'needs_check'; message: string }

export type ReconcileRow = {
  id: string
  contactID: string | null
  value: number
  customerName: string
  reason: string
  /** when the last PUT went out and when it settled (epoch ms) */
  sentAt: number | null
  settleAt: number
  /** AIQ rows without notes that already matched just before the last PUT (see SyncInfo.baseline), or null */
  baseline?: number | null
  /** from when AIQ's rows may be this award (aiq/look-window lookFrom): a baseline counts from there */
  windowFrom?: number
}
/** Other awards of this counter for the same customer and value sent in the match window: in AIQ (synced), or maybe (sent, not synced). */
export type Neighbours = { synced: number; inDoubt: number }

const noNote = (a: AiqAdjustment) => a.note === null || a.note.trim() === ''

/**
 * Whether AIQ keeps the notes this app sends: yes once a row carries one of our tags; no when every row has no note
 * at all; can't tell otherwise (no rows, or only notes AIQ's own people wrote).
 */
export function keepsNotes(adjustments: readonly AiqAdjustment[]): boolean | null {
  if (adjustments.some((a) => readTag(a.note) !== null)) return true
  return adjustments.length > 0 && adjustments.every(noNote) ? false : null
}

/** Noteless rows for this customer and value from `fromMs` on (or without a readable time): an award's baseline. */
export function countLike(adjustments: readonly AiqAdjustment[], award: { contactID: string; value: number }, fromMs: number): number {
  return adjustments.filter((a) => noNote(a) && a.contactID === award.contactID && a.value === award.value && (a.ts === null || a.ts * 1000 >= fromMs)).length
}

/**
 * 1. A row tagged with this award's id decides (same customer and value: found; else a conflict).
 * 2. When AIQ is known to keep our notes (`keepsNotes`), no tag means it never arrived: send.
 * 3. Rows without notes: count those for the same customer and value around the last PUT, minus those that were
 *    already there just before it (the baseline, when counted: then counted from the same start) and those this
 *    counter's other synced awards account for. None left: send. Exactly one, no other award of ours is in doubt
 *    about it, and this is the account's only counter (another could have written that row): found. Otherwise a
 *    person checks; sending blindly could double it, assuming could lose it.
 */
export function reconcile(
  row: ReconcileRow,
  adjustments: readonly AiqAdjustment[],
  neighbours: Neighbours = { synced: 0, inDoubt: 0 },
  aiq: { keepsNotes?: boolean | null; onlyCounter?: boolean; timeKnown?: boolean } = {},
): Reconciliation {
  const tagged = adjustments.filter((a) => readTag(a.note) === row.id.toUpperCase())
  if (tagged.length > 0) {
    const same = tagged.filter((a) => a.contactID === row.contactID && a.value === row.value)
    if (same.length > 0) return { kind: 'already_applied', copies: same.length, how: 'tag' }
    const a = tagged[0]!
    return {
      kind: 'conflict',
      message: `AIQ already has this award as ${a.value} points for customer ${a.contactID}, not ${row.value} for ${row.contactID ?? 'this customer'}. Check it in AIQ: fix the customer here, or discard it.`,
    }
  }
  const noteless = adjustments.filter(noNote)
  if (aiq.keepsNotes === true || noteless.length === 0 || row.sentAt === null) return { kind: 'send' }
  // rows without notes are matched by time: with AIQ's time unknown, neither "found" nor "not there" can be trusted
  if (aiq.timeKnown === false) return { kind: 'needs_check', message: needsCheck(row, noteless.filter((a) => a.contactID === row.contactID && a.value === row.value).length, { fromMs: row.sentAt - UNKNOWN_TIME_SLACK_MS, toMs: row.settleAt + UNKNOWN_TIME_SLACK_MS }, false) }
  const around = matchWindow(row.sentAt, row.settleAt)
  const withBaseline = row.baseline !== null && row.baseline !== undefined && row.windowFrom !== undefined
  const w = withBaseline ? { fromMs: row.windowFrom!, toMs: around.toMs } : around
  const candidates = noteless.filter(
    (a) => a.contactID === row.contactID && a.value === row.value && (a.ts === null || (a.ts * 1000 >= w.fromMs && a.ts * 1000 <= w.toMs)),
  )
  // with a baseline, rows that were there before the PUT (and our awards synced before it) are not this award
  const unexplained = candidates.length - (row.baseline ?? 0) - neighbours.synced
  if (unexplained <= 0) return { kind: 'send' }
  // another counter of this account may have written that one row: only the account's one counter may take it as its own
  if (unexplained === 1 && neighbours.inDoubt === 0 && aiq.onlyCounter === true) return { kind: 'already_applied', copies: 1, how: 'match' }
  return { kind: 'needs_check', message: needsCheck(row, candidates.length, w, unexplained === 1 && neighbours.inDoubt === 0) }
}

const clock = (ms: number) => new Date(ms).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' })
const signed = (v: number) => `${v > 0 ? '+' : ''}${v}`

function needsCheck(row: ReconcileRow, candidates: number, w: { fromMs: number; toMs: number }, otherCounter: boolean): string {
  const who = row.customerName.trim() || 'this customer'
  const why = otherCounter ? ', and another counter on this AIQ account may have written it,' : ''
  return (
    `${NEEDS_CHECK}: AIQ lists ${candidates} adjustment${candidates === 1 ? '' : 's'} of ${signed(row.value)} points for ${who} ` +
    `between ${clock(w.fromMs)} and ${clock(w.toMs)} without notes${why} so the app cannot tell whether this award ("${row.reason}") is one of them. ` +
    `Open ${who}'s points history in AIQ: if this award is there, discard it here (reason: already in AIQ); if it is not, press Retry.`
  )
}

export type ErrorAction =
  /**
   * try again later. mayHaveApplied: AIQ may have applied it, so look in AIQ before sending again. unreadable: AIQ
   * answered in a shape the app can't read (counts toward parking this row). aiqWide: AIQ itself is struggling (5xx,
   * 429), so the whole queue slows down, not just this row.
   */
  | { kind: 'retry'; mayHaveApplied: boolean; floorMs: number; unreachable: boolean; unreadable: boolean; aiqWide: boolean; message: string }
  /** nothing can succeed until a person fixes the account (401/403) */
  | { kind: 'pause'; message: string }
  /** park the row for a person to fix or discard */
  | { kind: 'fail'; message: string }

export const customerNotFound = 'Customer not found in AIQ — fix customer (pick the right customer or phone) or discard.'

/** After this many unreadable answers about one award it is parked for a person instead of retried. */
export const maxUnreadable = 5

const retry = (message: string, o: Partial<Extract<ErrorAction, { kind: 'retry' }>> = {}): ErrorAction => ({
  kind: 'retry', mayHaveApplied: false, floorMs: 0, unreachable: false, unreadable: false, aiqWide: false, message, ...o,
})

/**
 * What to do after AIQ answered a call for this row with an error.
 * `during` = which call failed: resolving a phone to a contact, checking AIQ's adjustments, or the adjust PUT itself.
 */
export function actionFor(e: unknown, during: 'lookup' | 'reconcile' | 'send', queuedByPhone: boolean): ErrorAction {
  const sent = during === 'send'
  const message = e instanceof Error ? e.message : String(e)
  if (!(e instanceof AiqError)) {
    // not an AIQ error: a bug of ours reading the answer; keep the row and try again later (bounded), never drop it
    return retry(`Unexpected problem while syncing: ${message}`, { mayHaveApplied: sent || during === 'reconcile', unreadable: true })
  }
  // while looking in AIQ's adjustments the row may already be in AIQ: whatever went wrong, look again later
  if (during === 'reconcile' && e.kind !== 'unauthorized') {
    return retry(message, {
      mayHaveApplied: true,
      floorMs: e.retryAfterMs ?? 0,
      unreachable: e.unreachable,
      unreadable: e.kind === 'bad_response' || e.kind === 'not_found' || e.kind === 'invalid_input',
      aiqWide: e.kind === 'server_error' || e.kind === 'rate_limited',
    })
  }
  // the PUT may have reached AIQ only when its answer was lost or unreadable (aiq/write-outcome)
  const outcome = writeOutcome(e)
  const mayHaveApplied = sent && outcome === 'unknown'
  switch (e.kind) {
    case 'offline':
    case 'timeout':
      return retry(message, { mayHaveApplied, unreachable: true })
    case 'server_error':
      return retry(message, { mayHaveApplied, aiqWide: true })
    case 'rate_limited':
      // AIQ refused before doing anything
      return retry(message, { floorMs: e.retryAfterMs ?? 0, aiqWide: true })
    case 'unauthorized':
      return { kind: 'pause', message: e.message }
    case 'not_found':
      return { kind: 'fail', message: queuedByPhone || during === 'lookup' ? customerNotFound : `${customerNotFound} (AIQ has no customer with this id.)` }
    case 'bad_response':
      // a 2xx we could not read: AIQ probably did the work, the check in AIQ's adjustments will tell
      if (outcome === 'unknown') return retry(e.message, { mayHaveApplied, unreadable: true })
      // AIQ said no (a 4xx or {success:false}) or was asked at a wrong address: it did not apply it, a person decides
      return { kind: 'fail', message: outcome === 'refused' && e.details.aiqMessage ? `AIQ refused this award: ${e.details.aiqMessage}` : e.message }
    case 'invalid_input':
      return { kind: 'fail', message: e.message }
  }
}

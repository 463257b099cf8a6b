// The pure decisions of redeeming at most once: what a failed PUT means, and whether AIQ's redemptions list already
// holds this redemption. No I/O; unit-tested.
import { AiqError } from '../aiq/errors'
import { writeOutcome } from '../aiq/write-outcome'
import { STAMP_SKEW_MS, UNKNOWN_TIME_SLACK_MS } from '../aiq/look-window'
import type { AiqRedemption } from '../aiq/types'
import { sameContact } from '../../shared/contact-id'

/**
 * A refusal that depends on the customer's balance ("not enough points") may pass once the balance has grown: the
 * same sale's reward may be tried again. Any other refusal (a used link, an unknown reward) stands.
 */
export function refusalMayPassLater(words: string): boolean {
  return /not enough|insufficient|too few|(low|balance).*points|points.*(balance|low)/i.test(words)
}

/** What a redemption PUT that did not succeed means for the row: the write's outcome (aiq/write-outcome), in redemption words. */
export type FailedPut =
  /** AIQ answered no (already used, not enough points, no such link): shown in AIQ's words, never retried */
  | { kind: 'refused'; words: string }
  /** it never reached AIQ (or AIQ turned it away unread): nothing was redeemed */
  | { kind: 'not_sent'; why: string }
  /** the answer was lost or unclear: AIQ may have redeemed it */
  | { kind: 'unknown'; why: string }

export function failedPut(e: unknown): FailedPut {
  if (!(e instanceof AiqError)) return { kind: 'unknown', why: 'Something went wrong while AIQ was redeeming this; it may have gone through.' }
  const outcome = writeOutcome(e)
  if (outcome === 'refused') return { kind: 'refused', words: e.details.aiqMessage ?? (e.kind === 'not_found' ? 'AIQ does not know this reward link.' : e.message) }
  if (outcome === 'not_sent') return { kind: 'not_sent', why: notSentWhy(e) }
  return { kind: 'unknown', why: unknownWhy(e) }
}

function notSentWhy(e: AiqError): string {
  switch (e.kind) {
    case 'unauthorized':
      return `${e.message} Nothing was redeemed.`
    case 'rate_limited':
      return 'AIQ was too busy to take the redemption; nothing was redeemed. Try again in a moment.'
    case 'offline':
    case 'timeout':
      return 'AIQ could not be reached; nothing was redeemed.'
    default:
      // a link to another server, input refused before sending, a wrong address: the error says which
      return e.message
  }
}

function unknownWhy(e: AiqError): string {
  switch (e.kind) {
    case 'offline':
      return 'The connection to AIQ broke before it answered; the reward may have been redeemed.'
    case 'timeout':
      return 'AIQ did not answer in time; the reward may have been redeemed.'
    case 'server_error':
      return 'AIQ had a problem while redeeming; the reward may have been redeemed.'
    default:
      return 'AIQ answered in a way the app could not read; the reward may have been redeemed.'
  }
}

export type Attempt = {
  contactID: string
  rewardId: string
  posTransactionId: string
  /** epoch ms of the first PUT of this row */
  firstSentAt: number
  /** false while AIQ's time is not learnt: the PUT's time may be hours off AIQ's stamp (default true) */
  timeKnown?: boolean
}

/** The earliest AIQ stamp (epoch ms) a row of this redemption may carry: its first PUT less AIQ's stamp skew, hours earlier while AIQ's time is unknown. */
export function matchFrom(a: Attempt): number {
  return a.firstSentAt - STAMP_SKEW_MS - (a.timeKnown === false ? UNKNOWN_TIME_SLACK_MS : 0)
}

/**
 * Is this redemption in AIQ's list? With transaction ids in AIQ's rows: exactly when a row for this customer and
 * reward (or a row that names no reward) carries this transaction. Without them: a row for this customer and reward
 * at or after the first PUT, beyond those this counter's other redemptions of the same reward account for
 * (`othersSent`), allowing for AIQ's stamp (aiq/look-window) — a match then stops a resend, which is the safe way to be
 * wrong (at most once).
 */
export function foundInAiq(rows: readonly AiqRedemption[], a: Attempt, othersSent: number): boolean {
  const same = (x: string | null, y: string) => x !== null && x.toLowerCase() === y.toLowerCase()
  const mine = rows.filter((r) => sameContact(r.contactID, a.contactID) && (r.discountID === null || same(r.discountID, a.rewardId)))
  // its transaction id is proof; a row whose id does not match may carry AIQ's own order id, so it is not proof of absence
  if (mine.some((r) => r.transactionID !== null && same(r.transactionID, a.posTransactionId))) return true
  const since = Math.floor(matchFrom(a) / 1000)
  const candidates = mine.filter((r) => r.ts === null || r.ts >= since)
  return candidates.length > othersSent
}

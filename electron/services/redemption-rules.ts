// The pure decisions of redeeming at most once: what a failed PUT means, and whether AIQ's redemptions list already
// holds this redemption. No I/O; unit-tested.
import { AiqError, ForeignUrlError } from '../aiq/errors'
import type { AiqRedemption } from '../aiq/types'
import { sameContact } from '../../shared/contact-id'

/**
 * A refusal that depends on the customer's balance ("not enough points") may pass once the balance has grown: the
 * same sale's reward may be tried again. Any other refusal (a used link, an unknown reward) stands.
 */
export function refusalMayPassLater(words: string): boolean {
  return /not enough|insufficient|too few|(low|balance).*points|points.*(balance|low)/i.test(words)
}

/** What a redemption PUT that did not succeed means for the row. */
export type FailedPut =
  /** AIQ answered no (already used, not enough points, no such link): shown in AIQ's words, never retried */
  | { kind: 'refused'; words: string }
  /** it never reached AIQ (or AIQ turned it away unread): nothing was redeemed */
  | { kind: 'not_sent'; why: string }
  /** the answer was lost or unclear: AIQ may have redeemed it */
  | { kind: 'lost'; why: string }

export function failedPut(e: unknown): FailedPut {
  if (e instanceof ForeignUrlError) return { kind: 'not_sent', why: e.message }
  if (!(e instanceof AiqError)) return { kind: 'lost', why: 'Something went wrong while AIQ was redeeming this; it may have gone through.' }
  switch (e.kind) {
    case 'invalid_input':
      return { kind: 'not_sent', why: e.message }
    case 'unauthorized':
      return { kind: 'not_sent', why: `${e.message} Nothing was redeemed.` }
    case 'rate_limited':
      return { kind: 'not_sent', why: 'AIQ was too busy to take the redemption; nothing was redeemed. Try again in a moment.' }
    case 'offline':
      return e.details.notSent
        ? { kind: 'not_sent', why: 'AIQ could not be reached; nothing was redeemed.' }
        : { kind: 'lost', why: 'The connection to AIQ broke before it answered; the reward may have been redeemed.' }
    case 'timeout':
      return { kind: 'lost', why: 'AIQ did not answer in time; the reward may have been redeemed.' }
    case 'server_error':
      return { kind: 'lost', why: 'AIQ had a problem while redeeming; the reward may have been redeemed.' }
    case 'not_found':
      return { kind: 'refused', words: e.details.aiqMessage ?? 'AIQ does not know this reward link.' }
    case 'bad_response':
      // a 2xx whose body could not be read: AIQ took it. A 3xx (never followed) or a 4xx: AIQ said no.
      // a 200 whose envelope says success:false with AIQ's own words is a refusal, not an unreadable answer
      if (e.status !== undefined && e.status >= 200 && e.status < 300 && e.details.aiqMessage) return { kind: 'refused', words: e.details.aiqMessage }
      if (e.status === undefined || (e.status >= 200 && e.status < 300)) return { kind: 'lost', why: 'AIQ answered in a way the app could not read; the reward may have been redeemed.' }
      if (e.details.wrongAddress) return { kind: 'not_sent', why: e.message }
      return { kind: 'refused', words: e.details.aiqMessage ?? e.message }
  }
}

export type Attempt = {
  contactID: string
  rewardId: string
  posTransactionId: string
  /** epoch ms of the first PUT of this row */
  firstSentAt: number
}

/**
 * Is this redemption in AIQ's list? With transaction ids in AIQ's rows: exactly when a row for this customer and
 * reward (or a row that names no reward) carries this transaction. Without them: a row for this customer and reward
 * at or after the first PUT, beyond those this counter's other redemptions of the same reward account for
 * (`othersSent`) — a match then stops a resend, which is the safe way to be wrong (at most once).
 */
/** how far AIQ's clock may be from ours: rows this much before the first PUT can still be it */
export const MATCH_SKEW_SEC = 120

export function foundInAiq(rows: readonly AiqRedemption[], a: Attempt, othersSent: number, skewSec = MATCH_SKEW_SEC): boolean {
  const same = (x: string | null, y: string) => x !== null && x.toLowerCase() === y.toLowerCase()
  const mine = rows.filter((r) => sameContact(r.contactID, a.contactID) && (r.discountID === null || same(r.discountID, a.rewardId)))
  // its transaction id is proof; a row whose id does not match may carry AIQ's own order id, so it is not proof of absence
  if (mine.some((r) => r.transactionID !== null && same(r.transactionID, a.posTransactionId))) return true
  const since = Math.floor(a.firstSentAt / 1000) - skewSec
  const candidates = mine.filter((r) => r.ts === null || r.ts >= since)
  return candidates.length > othersSent
}

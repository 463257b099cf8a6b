// Where, on AIQ's clock, to look for a write that may already be in AIQ before it is sent again: one rule for every
// write that must land once (awards, redemptions). All times are AIQ's (services/aiq-time.ts), in epoch ms.

/**
 * AIQ's stamp on a row may be this far from the time we reckon for the write (AIQ's time as learnt, rounding, AIQ's
 * own lag): a row stamped this much before the PUT can still be it.
 */
export const STAMP_SKEW_MS = 2 * 60_000
/** AIQ's list is asked this much wider than the write's own times, so a row near either edge is read. */
export const LOOK_MARGIN_MS = 5 * 60_000
/**
 * While AIQ's time is not known (no Date header, none of our rows told it yet), this computer's clock may be off by
 * hours: the look widens by this much either side.
 */
export const UNKNOWN_TIME_SLACK_MS = 36 * 3_600_000

/**
 * From when AIQ's rows may be a write: the earlier of when it was made and its first PUT, less the margin. Fixed before
 * the first PUT, so a count before the PUT and a look after it agree. A write made while AIQ's time was only guessed
 * may carry a time that is off; its first PUT goes out on AIQ's learnt time, and the earlier of the two covers both.
 */
export function lookFrom(madeAt: number, firstSentAt: number): number {
  return Math.min(madeAt, firstSentAt) - LOOK_MARGIN_MS
}

/** The window (epoch seconds) of AIQ's list to read for a write whose rows may start at `fromMs`. */
export function lookWindow(fromMs: number, now: number, timeKnown = true): { startSec: number; endSec: number } {
  const wide = timeKnown ? 0 : UNKNOWN_TIME_SLACK_MS
  return {
    startSec: Math.max(0, Math.floor((fromMs - wide) / 1000)),
    endSec: Math.ceil((Math.max(now, fromMs) + LOOK_MARGIN_MS + wide) / 1000),
  }
}

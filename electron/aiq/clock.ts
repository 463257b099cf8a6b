// AIQ's clock, learnt from its answers. AIQ stamps adjustment and redemption rows with its own time, so every window
// the app asks it about (reconcile, settle, baselines, the shift report) is reckoned here, never on the counter's
// clock, which may be minutes or hours off (a dead CMOS battery, no time sync on a locked-down POS network).
// After the first answer of a run the time runs on the monotonic clock from that answer: the counter's clock being
// set while awards are in doubt (a time sync jumping +10 minutes) changes nothing.
import type { Clock } from '../clock'

export interface AiqClock extends Clock {
  /** AIQ's time now (epoch ms): AIQ's last answer plus the monotonic time since; before any, the saved offset's guess */
  now(): number
  /** an answer arrived carrying this HTTP Date header (read at monotonic time `at`) */
  observe(dateHeader: string | null | undefined, at?: number): void
  /**
   * AIQ holds a row this counter sent at monotonic time `sentAt`, stamped `aiqMs` by AIQ: where AIQ's answers carry no
   * Date header, that stamp is the next best source of AIQ's time (a header, once seen, always wins)
   */
  observeRow(aiqMs: number, sentAt: number): void
  /** the monotonic clock's now, to remember when a request left */
  mono(): number
  /** AIQ's clock minus the counter's, in ms (positive: the counter is slow), or null until ever learnt */
  offsetMs(): number | null
  /** whether an answer of this run set the time (else it is a guess from the offset saved last time) */
  anchored(): boolean
}

export interface AiqClockDeps {
  wall: Clock
  /** a clock that only moves forward, in ms (performance.now) */
  mono: () => number
  /** the offset saved by an earlier run, if any */
  saved?: number | null
  /** told when the offset moved by more than SAVE_STEP_MS, to keep it for the next run */
  save?: (offsetMs: number) => void
}

/**
 * An HTTP date has whole seconds, cut down, and is stamped before the answer arrives: AIQ's time at the answer is at
 * least the date. Each answer so gives a lower bound of AIQ's time minus the monotonic clock; the highest of the
 * recent ones is the estimate (it only moves forward, and after a few answers it is within a few ms plus latency).
 * Kept over the last answers only, so a correction of AIQ's own clock is followed.
 */
const RECENT = 32
/** the offset is saved again only when it moved this much (a write per answer would be wasted) */
export const SAVE_STEP_MS = 1_000

export function createAiqClock(deps: AiqClockDeps): AiqClock {
  /** AIQ's time minus the monotonic clock, from the last answer; null until one came in this run */
  let anchor: number | null = null
  let saved = deps.saved ?? null
  let headers = false
  const bounds: number[] = []
  const anchorAt = (aiqMs: number, at: number) => {
    bounds.push(aiqMs - at)
    if (bounds.length > RECENT) bounds.shift()
    anchor = Math.max(...bounds)
    const offset = offsetNow()!
    if (saved === null || Math.abs(offset - saved) >= SAVE_STEP_MS) {
      saved = offset
      deps.save?.(offset)
    }
  }
  // whole milliseconds, as every time the app stores is
  const offsetNow = () => (anchor === null ? saved : Math.round(anchor + deps.mono() - deps.wall.now()))
  return {
    now: () => Math.round(anchor !== null ? anchor + deps.mono() : deps.wall.now() + (saved ?? 0)),
    observe(dateHeader, at = deps.mono()) {
      const date = parseHttpDate(dateHeader)
      if (date === null) return
      headers = true
      anchorAt(date, at)
    },
    observeRow(aiqMs, sentAt) {
      if (!headers && Number.isFinite(aiqMs)) anchorAt(aiqMs, sentAt)
    },
    mono: deps.mono,
    offsetMs: offsetNow,
    anchored: () => anchor !== null,
  }
}

/** An HTTP Date header (IMF-fixdate, or the obsolete forms Date.parse reads) in epoch ms, or null. */
export function parseHttpDate(value: string | null | undefined): number | null {
  const v = value?.trim()
  if (!v || !/[a-z]/i.test(v)) return null // a bare number is not an HTTP date
  const ms = Date.parse(v)
  return Number.isNaN(ms) ? null : ms
}

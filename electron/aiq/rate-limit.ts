// A token bucket that keeps this counter under AIQ's (unadvertised) request rate. Time and sleeping are passed in,
// so tests and benchmarks drive it deterministically.
//
// AIQ's limit belongs to the ACCOUNT: every counter of the store (or chain) spends the same budget. So requests come
// in two priorities:
//  - interactive (check-in, an award sent right away, sign-up, redeem): may use the whole bucket, served in call
//    order, exactly like a plain token bucket. A check-in's ~8 parallel calls fit the burst and never wait.
//  - background (directory pull, outbox retries): only take tokens above `reserve`, the share kept for the next
//    check-in; FIFO among themselves; never ahead of an interactive request that is waiting.
// When AIQ answers 429 (`throttled`), background is cut first (its rate halves, down to a floor, and it holds off for
// Retry-After); interactive keeps its rate unless the 429s keep coming. `succeeded` wins the rates back gradually,
// interactive first.
import { type Clock, systemClock } from '../clock'
import type { Priority } from './types'

export type Sleep = (ms: number) => Promise<void>
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

export type { Priority }

export interface PriorityStats {
  acquired: number // calls to acquire() so far
  waited: number // how many of them had to wait
  totalWaitMs: number
  maxWaitMs: number
}

export interface RateLimiterStats extends PriorityStats {
  interactive: PriorityStats
  background: PriorityStats
  /** throttled() calls so far (AIQ answered 429) */
  throttled: number
  /** the rates in force now (each is ratePerSec until AIQ says 429) */
  interactiveRatePerSec: number
  backgroundRatePerSec: number
  /** background waits for nothing before this time (epoch ms; 0 = no hold) */
  backgroundHeldUntil: number
}

export interface RateLimiter {
  /**
   * Resolves when one request may be sent. Interactive (the default) callers are served in call order and may use the
   * whole bucket; background callers are served in call order among themselves, after every waiting interactive one,
   * and only from tokens above the reserve.
   */
  acquire(priority?: Priority): Promise<void>
  /** AIQ answered 429: slow down (background first). `retryAfterMs`: how long AIQ asked us to wait, if it said. */
  throttled(retryAfterMs?: number): void
  /** AIQ answered without a 429: win the rate back, a step at a time. */
  succeeded(): void
}

export interface MeasuredRateLimiter extends RateLimiter {
  stats(): RateLimiterStats
}

export interface RateLimiterOptions {
  ratePerSec: number
  burst: number
  /**
   * Tokens background requests leave in the bucket for interactive ones (a check-in's worth). A whole number below
   * `burst`; default min(DEFAULT_RESERVE, burst - 1).
   */
  reserve?: number
  clock?: Clock
  sleep?: Sleep
}

/**
 * AIQ publishes no limit; ~5 requests/s sustained is the assumption (electron/aiq/README.md §rate-limits). One
 * check-in opens 9-10 calls (lookup, the list search when the lookup names no contact, persona, the profile panels;
 * rewards is two), so the bucket holds 15: a check-in is never throttled, a flood is. The directory pull and the
 * outbox get only what the bucket would spill (they leave 14): a check-in soon after the last one still finds a whole
 * check-in's worth. A bigger reserve costs background no throughput (it still gets every token the bucket would
 * otherwise spill), only latency on requests nobody is waiting for (npm run bench: contention, at this rate).
 */
export const DEFAULT_RESERVE = 14
export const DEFAULT_RATE = { ratePerSec: 5, burst: 15, reserve: DEFAULT_RESERVE } as const

/** How the limiter reacts to 429s. Rates are fractions of ratePerSec. */
export const THROTTLE = {
  /** background rate: multiplied by this on each 429 … */
  backgroundCut: 0.5,
  /** … down to this fraction of ratePerSec */
  backgroundFloor: 1 / 16,
  /** … and won back by this fraction of ratePerSec per success (outside a hold), once interactive is back to full */
  backgroundStep: 1 / 16,
  /** background holds off this long after a 429 that gave no Retry-After */
  defaultHoldMs: 1_000,
  /** a Retry-After longer than this is taken as this (a bogus date must not stop the queue for good) */
  maxHoldMs: 10 * 60_000,
  /** interactive slows only from this many 429s in a row (no success between them) … */
  interactiveAfterStrikes: 3,
  /** … then its rate is multiplied by this per further 429 … */
  interactiveCut: 0.5,
  /** … down to this fraction of ratePerSec; each success doubles it back */
  interactiveFloor: 1 / 4,
} as const

/** below this, a wait is float noise */
const EPS = 1e-6

type Waiter = { since: number; resolve: () => void; reject: (e: unknown) => void }

export function createRateLimiter({ ratePerSec, burst, reserve, clock = systemClock, sleep = realSleep }: RateLimiterOptions): MeasuredRateLimiter {
  if (!(Number.isFinite(ratePerSec) && ratePerSec > 0)) throw new RangeError('ratePerSec must be a positive number')
  if (!(Number.isInteger(burst) && burst >= 1)) throw new RangeError('burst must be a whole number of at least 1')
  const keep = reserve ?? Math.min(DEFAULT_RESERVE, burst - 1)
  if (!(Number.isInteger(keep) && keep >= 0 && keep < burst)) throw new RangeError('reserve must be a whole number from 0 to burst - 1')

  // Interactive callers may drive tokens negative: each reserves its token at call time and sleeps off the debt. That
  // keeps their accounting synchronous (no polling loop) and serves them in order. Background callers wait in a queue
  // that one pump serves, and only while tokens stay at or above the reserve, so any interactive debt (a waiting
  // interactive caller) keeps them out.
  let tokens = burst
  let last = clock.now()
  let interactiveRate = ratePerSec
  let backgroundRate = ratePerSec
  let lastBackgroundAt = -Infinity
  let heldUntil = 0
  let strikes = 0
  let throttledCount = 0
  const queue: Waiter[] = []
  let pumping = false

  const empty = (): PriorityStats => ({ acquired: 0, waited: 0, totalWaitMs: 0, maxWaitMs: 0 })
  const byPriority = { interactive: empty(), background: empty() }
  const record = (s: PriorityStats, waitMs: number) => {
    s.acquired += 1
    if (waitMs <= 0) return
    s.waited += 1
    s.totalWaitMs += waitMs
    s.maxWaitMs = Math.max(s.maxWaitMs, waitMs)
  }

  /** Refills the bucket up to now at the current rate; returns now, never earlier than before (clocks step back). */
  function advance(): number {
    const now = clock.now()
    tokens = Math.min(burst, tokens + (Math.max(0, now - last) * interactiveRate) / 1000)
    last = Math.max(last, now)
    return last
  }

  /** How long until the first background caller may go (0 = now). */
  function backgroundWait(now: number): number {
    const missing = keep + 1 - tokens
    const forTokens = missing > EPS ? (missing * 1000) / interactiveRate : 0
    const forPace = lastBackgroundAt + 1000 / backgroundRate - now
    return Math.max(0, forTokens, forPace, heldUntil - now)
  }

  async function pump() {
    if (pumping) return
    pumping = true
    try {
      while (queue.length) {
        const now = advance()
        const wait = backgroundWait(now)
        if (wait > EPS) {
          await sleep(wait) // then look again: an interactive caller or a 429 may have come in meanwhile
          continue
        }
        const next = queue.shift()!
        tokens -= 1
        lastBackgroundAt = now
        record(byPriority.background, now - next.since)
        next.resolve()
      }
    } catch (e) {
      for (const w of queue.splice(0)) w.reject(e)
    } finally {
      pumping = false
    }
  }

  function acquireInteractive(): Promise<void> | undefined {
    advance()
    tokens -= 1
    if (tokens >= 0) {
      record(byPriority.interactive, 0)
      return undefined
    }
    const waitMs = (-tokens * 1000) / interactiveRate
    record(byPriority.interactive, waitMs)
    return sleep(waitMs)
  }

  return {
    async acquire(priority: Priority = 'interactive') {
      if (priority !== 'background') {
        await acquireInteractive()
        return
      }
      const done = new Promise<void>((resolve, reject) => queue.push({ since: advance(), resolve, reject }))
      void pump()
      await done
    },

    throttled(retryAfterMs?: number) {
      const now = advance()
      throttledCount += 1
      strikes += 1
      backgroundRate = Math.max(ratePerSec * THROTTLE.backgroundFloor, backgroundRate * THROTTLE.backgroundCut)
      const hold = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0 ? retryAfterMs : THROTTLE.defaultHoldMs
      heldUntil = Math.max(heldUntil, now + Math.min(hold, THROTTLE.maxHoldMs))
      if (strikes >= THROTTLE.interactiveAfterStrikes) {
        interactiveRate = Math.max(ratePerSec * THROTTLE.interactiveFloor, interactiveRate * THROTTLE.interactiveCut)
        backgroundRate = Math.min(backgroundRate, interactiveRate)
      }
    },

    succeeded() {
      const now = advance()
      strikes = 0
      if (interactiveRate < ratePerSec) {
        interactiveRate = Math.min(ratePerSec, interactiveRate * 2)
        return
      }
      // answers to requests that were already out when the 429 came do not count: background stays cut for the hold
      if (now < heldUntil) return
      backgroundRate = Math.min(ratePerSec, backgroundRate + ratePerSec * THROTTLE.backgroundStep)
    },

    stats() {
      const { interactive: i, background: b } = byPriority
      return {
        acquired: i.acquired + b.acquired,
        waited: i.waited + b.waited,
        totalWaitMs: i.totalWaitMs + b.totalWaitMs,
        maxWaitMs: Math.max(i.maxWaitMs, b.maxWaitMs),
        interactive: { ...i },
        background: { ...b },
        throttled: throttledCount,
        interactiveRatePerSec: interactiveRate,
        backgroundRatePerSec: backgroundRate,
        backgroundHeldUntil: heldUntil,
      }
    },
  }
}

export interface LimiterMeasurement {
  requests: number
  elapsedMs: number // from the first acquire() to the last grant
  grantsPerSec: number // requests / elapsed (Infinity when everything fit in the burst)
  grantAtMs: number[] // when each request was let through, relative to the start, in call order
}

/** Fires `requests` concurrent acquires and records when each is granted (for benchmarks and tests). */
export async function measureLimiter(
  limiter: RateLimiter,
  requests: number,
  clock: Clock = systemClock,
  priority: Priority = 'interactive',
): Promise<LimiterMeasurement> {
  const start = clock.now()
  const grantAtMs = await Promise.all(
    Array.from({ length: requests }, async () => {
      await limiter.acquire(priority)
      return clock.now() - start
    }),
  )
  const elapsedMs = grantAtMs.length ? Math.max(...grantAtMs) : 0
  return { requests, elapsedMs, grantsPerSec: elapsedMs > 0 ? (requests * 1000) / elapsedMs : Infinity, grantAtMs }
}

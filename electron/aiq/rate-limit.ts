// A token bucket that keeps this counter under AIQ's (unadvertised) request rate. Time and sleeping are passed in,
// so tests and benchmarks drive it deterministically.
import { type Clock, systemClock } from '../clock'

export type Sleep = (ms: number) => Promise<void>
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

export interface RateLimiterStats {
  acquired: number // calls to acquire() so far
  waited: number // how many of them had to wait
  totalWaitMs: number
  maxWaitMs: number
}

export interface RateLimiter {
  /** Resolves when one request may be sent. Callers are served in call order. */
  acquire(): Promise<void>
}

export interface MeasuredRateLimiter extends RateLimiter {
  stats(): RateLimiterStats
}

export interface RateLimiterOptions {
  ratePerSec: number
  burst: number
  clock?: Clock
  sleep?: Sleep
}

/** The rate the client uses unless told otherwise: ~5 requests a second, at most 5 at once. */
/**
 * AIQ publishes no limit; ~5 requests/s sustained is the assumption (aiq-api.md). One check-in opens about 8 calls at
 * once (lookup, persona, six profile panels), so the bucket holds 15: a check-in is never throttled, a flood is.
 */
export const DEFAULT_RATE = { ratePerSec: 5, burst: 15 } as const

export function createRateLimiter({ ratePerSec, burst, clock = systemClock, sleep = realSleep }: RateLimiterOptions): MeasuredRateLimiter {
  if (!(Number.isFinite(ratePerSec) && ratePerSec > 0)) throw new RangeError('ratePerSec must be a positive number')
  if (!(Number.isInteger(burst) && burst >= 1)) throw new RangeError('burst must be a whole number of at least 1')
  // Tokens may go negative: each caller reserves its token at call time and sleeps off the debt. That keeps the
  // accounting synchronous (no polling loop) and serves concurrent callers in order.
  let tokens = burst
  let last = clock.now()
  const stats: RateLimiterStats = { acquired: 0, waited: 0, totalWaitMs: 0, maxWaitMs: 0 }
  return {
    async acquire() {
      const now = clock.now()
      tokens = Math.min(burst, tokens + (Math.max(0, now - last) * ratePerSec) / 1000)
      last = Math.max(last, now)
      tokens -= 1
      stats.acquired += 1
      if (tokens >= 0) return
      const waitMs = (-tokens * 1000) / ratePerSec
      stats.waited += 1
      stats.totalWaitMs += waitMs
      stats.maxWaitMs = Math.max(stats.maxWaitMs, waitMs)
      await sleep(waitMs)
    },
    stats: () => ({ ...stats }),
  }
}

export interface LimiterMeasurement {
  requests: number
  elapsedMs: number // from the first acquire() to the last grant
  grantsPerSec: number // requests / elapsed (Infinity when everything fit in the burst)
  grantAtMs: number[] // when each request was let through, relative to the start, in call order
}

/** Fires `requests` concurrent acquires and records when each is granted (for benchmarks and tests). */
export async function measureLimiter(limiter: RateLimiter, requests: number, clock: Clock = systemClock): Promise<LimiterMeasurement> {
  const start = clock.now()
  const grantAtMs = await Promise.all(
    Array.from({ length: requests }, async () => {
      await limiter.acquire()
      return clock.now() - start
    }),
  )
  const elapsedMs = grantAtMs.length ? Math.max(...grantAtMs) : 0
  return { requests, elapsedMs, grantsPerSec: elapsedMs > 0 ? (requests * 1000) / elapsedMs : Infinity, grantAtMs }
}

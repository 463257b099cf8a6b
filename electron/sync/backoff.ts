// Capped exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"):
// the n-th wait is uniform in [0, min(cap, base * 2^(n-1))), and never shorter than what AIQ asked for (Retry-After).
export interface BackoffPolicy {
  baseMs: number
  capMs: number
}

/** Waits for sending awards after a failure: 1 s, 2 s, 4 s ... up to 5 min, jittered. */
export const sendPolicy: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 }
/** Waits between connectivity probes while AIQ is unreachable: 1 s, 2 s, 4 s, then every 5 s at most (jittered), so
 * "back online" shows within seconds; one background lookup per 5 s is far inside the rate budget (5/s). */
export const probePolicy: BackoffPolicy = { baseMs: 1_000, capMs: 5_000 }
/** A Retry-After beyond this is treated as this (a misconfigured header must not stall the counter for a day). */
export const maxRetryAfterMs = 15 * 60_000

/**
 * @param attempt failures so far, 1 for the first retry
 * @param random uniform in [0, 1)
 * @param floorMs AIQ's Retry-After in ms, when it sent one
 */
export function nextDelay(attempt: number, policy: BackoffPolicy, random: () => number, floorMs = 0): number {
  const n = Math.max(1, Math.floor(attempt))
  // 2^(n-1) overflows to Infinity for big n, and min() then picks the cap: fine
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (n - 1))
  const r = Math.min(Math.max(random(), 0), 1)
  const jittered = Math.floor(r * ceiling)
  const floor = Math.min(Math.max(0, floorMs), maxRetryAfterMs)
  return Math.max(jittered, Math.ceil(floor))
}

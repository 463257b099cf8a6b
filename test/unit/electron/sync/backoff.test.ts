import { describe, expect, it } from 'vitest'
import { maxRetryAfterMs, nextDelay } from '../../../../electron/sync/backoff'

const policy = { baseMs: 1000, capMs: 30_000 }
const seq = (values: number[]) => {
  let i = 0
  return () => values[i++ % values.length]!
}

describe('backoff: capped exponential with full jitter', () => {
  it('the ceiling doubles per attempt and stops at the cap', () => {
    const almostOne = () => 0.999999
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 20].map((n) => nextDelay(n, policy, almostOne))
    expect(ceilings).toEqual([999, 1999, 3999, 7999, 15999, 29999, 29999, 29999])
  })

  it('every delay is within [0, ceiling) for any random draw', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1))
      for (const r of [0, 0.1, 0.5, 0.9, 0.999999]) {
        const d = nextDelay(attempt, policy, () => r)
        expect(d).toBeGreaterThanOrEqual(0)
        expect(d).toBeLessThan(ceiling)
      }
    }
  })

  it('jitter spreads retries: many counters failing together do not retry in lockstep', () => {
    let s = 42
    const lcg = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const delays = Array.from({ length: 200 }, () => nextDelay(5, policy, lcg))
    const distinct = new Set(delays).size
    expect(distinct).toBeGreaterThan(150)
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length
    // uniform over [0, 16 s): mean near 8 s
    expect(mean).toBeGreaterThan(6000)
    expect(mean).toBeLessThan(10_000)
  })

  it('Retry-After is a floor, never shortened by jitter', () => {
    expect(nextDelay(1, policy, seq([0]), 7000)).toBe(7000)
    expect(nextDelay(1, policy, seq([0.999]), 7000)).toBe(7000)
    // a longer jittered wait is kept
    expect(nextDelay(6, policy, seq([0.9]), 2000)).toBe(27000)
  })

  it('an absurd Retry-After is capped so the counter is not stalled for a day', () => {
    expect(nextDelay(1, policy, () => 0, 24 * 3600_000)).toBe(maxRetryAfterMs)
  })

  it('huge attempt counts neither overflow nor exceed the cap', () => {
    expect(nextDelay(5000, policy, () => 0.5)).toBe(15_000)
    expect(nextDelay(0, policy, () => 0.5)).toBe(500)
  })
})

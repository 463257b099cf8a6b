// The token bucket that keeps the counter under ~5 AIQ requests a second, driven by a fake clock.
import { describe, expect, it } from 'vitest'
import { createRateLimiter, measureLimiter } from '../../../electron/aiq'

/** A fake clock whose sleeps only end when the test runs the timers, earliest first. */
function virtualTime() {
  let t = 0
  const timers: { at: number; resolve: () => void }[] = []
  const slept: number[] = []
  return {
    clock: { now: () => t },
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        slept.push(ms)
        timers.push({ at: t + ms, resolve })
      }),
    slept,
    advance(ms: number) {
      t += ms
    },
    async runTimers() {
      const settle = () => new Promise((r) => setImmediate(r)) // like real timers: callers' code runs first
      await settle()
      for (let i = 0; i < 10_000 && timers.length; i++) {
        timers.sort((a, b) => a.at - b.at)
        const next = timers.shift()!
        t = Math.max(t, next.at)
        next.resolve()
        await settle()
      }
    },
  }
}

describe('rate limiter', () => {
  it('lets a burst through at once, then makes the next caller wait one token', async () => {
    const vt = virtualTime()
    const limiter = createRateLimiter({ ratePerSec: 5, burst: 5, clock: vt.clock, sleep: vt.sleep })
    for (let i = 0; i < 5; i++) await limiter.acquire()
    expect(vt.slept).toEqual([])
    const sixth = limiter.acquire()
    expect(vt.slept).toEqual([200])
    await vt.runTimers()
    await sixth
    expect(vt.clock.now()).toBe(200)
  })

  it('refills at the configured rate', async () => {
    const vt = virtualTime()
    const limiter = createRateLimiter({ ratePerSec: 5, burst: 5, clock: vt.clock, sleep: vt.sleep })
    for (let i = 0; i < 5; i++) await limiter.acquire()
    vt.advance(400) // two tokens back
    await limiter.acquire()
    await limiter.acquire()
    expect(vt.slept).toEqual([])
    void limiter.acquire()
    expect(vt.slept).toEqual([200])
  })

  it('never saves up more than the burst, however long it was idle', async () => {
    const vt = virtualTime()
    const limiter = createRateLimiter({ ratePerSec: 5, burst: 3, clock: vt.clock, sleep: vt.sleep })
    vt.advance(60_000)
    for (let i = 0; i < 3; i++) await limiter.acquire()
    expect(vt.slept).toEqual([])
    void limiter.acquire()
    expect(vt.slept).toEqual([200])
  })

  it('serves concurrent callers in order, one token apart', async () => {
    const vt = virtualTime()
    const limiter = createRateLimiter({ ratePerSec: 10, burst: 2, clock: vt.clock, sleep: vt.sleep })
    const order: number[] = []
    const all = Promise.all(Array.from({ length: 5 }, (_, i) => limiter.acquire().then(() => order.push(i))))
    expect(vt.slept).toEqual([100, 200, 300])
    await vt.runTimers()
    await all
    expect(order).toEqual([0, 1, 2, 3, 4])
    expect(limiter.stats()).toEqual({ acquired: 5, waited: 3, totalWaitMs: 600, maxWaitMs: 300 })
  })

  it('measures 20 requests at 5/s burst 5 as 3 s, with grants 200 ms apart after the burst', async () => {
    const vt = virtualTime()
    const limiter = createRateLimiter({ ratePerSec: 5, burst: 5, clock: vt.clock, sleep: vt.sleep })
    const measuring = measureLimiter(limiter, 20, vt.clock)
    await vt.runTimers()
    const m = await measuring
    expect(m.grantAtMs).toEqual([0, 0, 0, 0, 0, ...Array.from({ length: 15 }, (_, i) => (i + 1) * 200)])
    expect(m.elapsedMs).toBe(3000)
    expect(m.grantsPerSec).toBeCloseTo(20 / 3)
  })

  it('refuses a rate or burst that could never let anything through', () => {
    expect(() => createRateLimiter({ ratePerSec: 0, burst: 5 })).toThrow(RangeError)
    expect(() => createRateLimiter({ ratePerSec: Number.NaN, burst: 5 })).toThrow(RangeError)
    expect(() => createRateLimiter({ ratePerSec: 5, burst: 0 })).toThrow(RangeError)
    expect(() => createRateLimiter({ ratePerSec: 5, burst: 1.5 })).toThrow(RangeError)
  })

  it('is not fooled by a clock that steps backwards', async () => {
    let t = 10_000
    const slept: number[] = []
    const limiter = createRateLimiter({ ratePerSec: 5, burst: 1, clock: { now: () => t }, sleep: async (ms) => void slept.push(ms) })
    await limiter.acquire()
    t = 0 // e.g. the wall clock was corrected
    await limiter.acquire()
    expect(slept).toEqual([200])
  })
})

// The token bucket that keeps the counter under ~5 AIQ requests a second, driven by a fake clock.
import { describe, expect, it } from 'vitest'
import { createRateLimiter, measureLimiter } from '../../../../electron/aiq/rate-limit'
import { THROTTLE, type MeasuredRateLimiter, type Priority } from '../../../../electron/aiq/rate-limit'

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
    /** Runs the timers due up to `at` (earliest first, stable among equals), then sets the clock to `at`. */
    async runUntil(at: number) {
      const settle = () => new Promise((r) => setImmediate(r))
      await settle()
      for (let i = 0; i < 100_000; i++) {
        const due = timers.filter((x) => x.at <= at)
        if (!due.length) break
        const next = due.reduce((a, b) => (b.at < a.at ? b : a))
        timers.splice(timers.indexOf(next), 1)
        t = Math.max(t, next.at)
        next.resolve()
        await settle()
      }
      t = Math.max(t, at)
      await settle()
    },
  }
}

/** Records who was let through when: `[label, grantedAtMs]` in grant order. */
function recorder(limiter: MeasuredRateLimiter, clock: { now(): number }) {
  const grants: Array<[string, number]> = []
  return {
    grants,
    labels: () => grants.map(([l]) => l),
    at: (label: string) => grants.find(([l]) => l === label)?.[1],
    timesOf: (prefix: string) => grants.filter(([l]) => l.startsWith(prefix)).map(([, t]) => t),
    fire(label: string, priority: Priority) {
      void limiter.acquire(priority).then(() => grants.push([label, clock.now()]))
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
    expect(limiter.stats()).toMatchObject({ acquired: 5, waited: 3, totalWaitMs: 600, maxWaitMs: 300 })
    expect(limiter.stats().interactive).toEqual({ acquired: 5, waited: 3, totalWaitMs: 600, maxWaitMs: 300 })
    expect(limiter.stats().background).toEqual({ acquired: 0, waited: 0, totalWaitMs: 0, maxWaitMs: 0 })
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

describe('rate limiter priorities', () => {
  // 10/s and a burst of 15 with 8 kept back: round numbers, one token every 100 ms.
  const make = (vt: ReturnType<typeof virtualTime>, extra: { reserve?: number } = {}) =>
    createRateLimiter({ ratePerSec: 10, burst: 15, reserve: 8, clock: vt.clock, sleep: vt.sleep, ...extra })

  it('serves a waiting interactive request before background ones queued earlier', async () => {
    const vt = virtualTime()
    const limiter = make(vt)
    const r = recorder(limiter, vt.clock)
    for (let i = 0; i < 15; i++) r.fire(`drain${i}`, 'interactive') // the whole bucket, at once
    for (let i = 0; i < 3; i++) r.fire(`b${i}`, 'background')
    await vt.runUntil(50)
    r.fire('i0', 'interactive')
    r.fire('i1', 'interactive')
    await vt.runUntil(5_000)
    expect(r.labels().slice(15)).toEqual(['i0', 'i1', 'b0', 'b1', 'b2'])
    expect([r.at('i0'), r.at('i1')]).toEqual([100, 200]) // interactive keeps today's timing: one token apart
    // background only once the debt is paid AND the reserve is back: -1.5 tokens at 50 ms, 9 needed -> 1100 ms
    expect(r.timesOf('b')).toEqual([1100, 1200, 1300])
    const s = limiter.stats()
    expect(s.interactive).toMatchObject({ acquired: 17, waited: 2 })
    expect(s.background).toMatchObject({ acquired: 3, waited: 3, maxWaitMs: 1300 })
    expect(s.acquired).toBe(20)
  })

  it('background never eats the reserve: with the bucket at the reserve it waits, 8 interactive still go at once', async () => {
    const vt = virtualTime()
    const limiter = make(vt)
    const r = recorder(limiter, vt.clock)
    for (let i = 0; i < 7; i++) r.fire(`i${i}`, 'interactive') // 15 -> 8 tokens: exactly the reserve
    r.fire('b0', 'background')
    await vt.runUntil(0)
    expect(r.labels()).not.toContain('b0') // 8 left, background needs a 9th
    await vt.runUntil(100)
    expect(r.at('b0')).toBe(100) // one token above the reserve, taken: back to 8
    for (let i = 0; i < 8; i++) r.fire(`j${i}`, 'interactive')
    await vt.runUntil(100)
    expect(r.timesOf('j')).toEqual(Array(8).fill(100))
    expect(limiter.stats().interactive.waited).toBe(0)
    r.fire('j8', 'interactive') // the reserve is spent: the 9th waits one token
    expect(vt.slept.at(-1)).toBe(100)
  })

  it('a burst of 8 interactive calls is never delayed while background saturates the bucket', async () => {
    const vt = virtualTime()
    const limiter = make(vt)
    const r = recorder(limiter, vt.clock)
    for (let i = 0; i < 200; i++) r.fire(`b${i}`, 'background')
    for (let s = 1; s <= 5; s++) {
      await vt.runUntil(s * 1000 + 37) // check-ins land at odd moments, mid-refill
      for (let i = 0; i < 8; i++) r.fire(`s${s}-${i}`, 'interactive')
    }
    await vt.runUntil(6_000)
    const st = limiter.stats()
    expect(st.interactive).toEqual({ acquired: 40, waited: 0, totalWaitMs: 0, maxWaitMs: 0 })
    for (let s = 1; s <= 5; s++) expect(r.timesOf(`s${s}-`)).toEqual(Array(8).fill(s * 1000 + 37))
    // background kept going with what was left over (10/s minus 8 per second, plus what was saved above the reserve)
    // and the two together never beat the bucket: the rate times the time, plus the burst
    const background = r.timesOf('b').filter((t) => t >= 1000 && t < 6000).length
    expect(background).toBeGreaterThanOrEqual(8)
    const all = r.grants.filter(([, t]) => t >= 1000 && t < 6000).length
    expect(all).toBeLessThanOrEqual(5 * 10 + 15)
    // from the second check-in on, the bucket is in steady state: exactly the 2 tokens a second left over
    expect(r.timesOf('b').filter((t) => t >= 2037 && t < 6037).length).toBe(4 * 2)
  })

  it('paces background at the rate instead of spending the burst, so the bucket stays full for check-ins', async () => {
    const vt = virtualTime()
    const limiter = make(vt)
    const measuring = measureLimiter(limiter, 20, vt.clock, 'background')
    await vt.runTimers()
    const m = await measuring
    expect(m.grantAtMs).toEqual(Array.from({ length: 20 }, (_, i) => i * 100))
    for (let i = 0; i < 14; i++) await limiter.acquire() // only the token just taken is missing from the burst
    expect(limiter.stats().interactive.waited).toBe(0)
  })

  it('serves background callers in call order, also when they arrive over time', async () => {
    const vt = virtualTime()
    const limiter = make(vt)
    const r = recorder(limiter, vt.clock)
    for (let i = 0; i < 15; i++) r.fire(`drain${i}`, 'interactive')
    r.fire('b0', 'background')
    r.fire('b1', 'background')
    await vt.runUntil(300)
    r.fire('b2', 'background')
    await vt.runUntil(450)
    r.fire('i0', 'interactive')
    r.fire('b3', 'background')
    r.fire('b4', 'background')
    await vt.runUntil(10_000)
    expect(r.labels().slice(15)).toEqual(['i0', 'b0', 'b1', 'b2', 'b3', 'b4'])
    const times = r.timesOf('b')
    expect(times).toEqual([...times].sort((a, b) => a - b))
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(100)
  })

  it('on a 429 background holds off for Retry-After and halves its rate; interactive keeps its rate', async () => {
    const vt = virtualTime()
    const limiter = make(vt)
    const r = recorder(limiter, vt.clock)
    for (let i = 0; i < 100; i++) r.fire(`b${i}`, 'background')
    await vt.runUntil(1000)
    expect(r.timesOf('b').at(-1)).toBe(1000) // 100 ms apart so far
    limiter.throttled(2000)
    const before = r.grants.length
    await vt.runUntil(1500)
    for (let i = 0; i < 8; i++) r.fire(`i${i}`, 'interactive') // a check-in during the hold
    await vt.runUntil(5000)
    expect(r.timesOf('i')).toEqual(Array(8).fill(1500))
    const after = r.timesOf('b').slice(before)
    expect(after[0]).toBeGreaterThanOrEqual(3000) // nothing in the hold
    expect(after.slice(1).map((t, i) => t - after[i]!)).toEqual(Array(after.length - 1).fill(200)) // 5/s
    const s = limiter.stats()
    expect(s).toMatchObject({ throttled: 1, interactiveRatePerSec: 10, backgroundRatePerSec: 5, backgroundHeldUntil: 3000 })
    expect(s.interactive.waited).toBe(0)
  })

  it('slows interactive only when the 429s keep coming, and background further first', () => {
    const vt = virtualTime()
    const limiter = make(vt)
    limiter.throttled()
    expect(limiter.stats()).toMatchObject({ interactiveRatePerSec: 10, backgroundRatePerSec: 5, backgroundHeldUntil: THROTTLE.defaultHoldMs })
    limiter.throttled()
    expect(limiter.stats()).toMatchObject({ interactiveRatePerSec: 10, backgroundRatePerSec: 2.5 })
    limiter.throttled() // the third in a row
    expect(limiter.stats()).toMatchObject({ interactiveRatePerSec: 5, backgroundRatePerSec: 1.25 })
    for (let i = 0; i < 10; i++) limiter.throttled()
    expect(limiter.stats()).toMatchObject({ interactiveRatePerSec: 10 * THROTTLE.interactiveFloor, backgroundRatePerSec: 10 * THROTTLE.backgroundFloor })
  })

  it('a success in between resets the count: scattered 429s never slow interactive', () => {
    const vt = virtualTime()
    const limiter = make(vt)
    for (let i = 0; i < 10; i++) {
      limiter.throttled()
      limiter.throttled()
      limiter.succeeded()
    }
    expect(limiter.stats().interactiveRatePerSec).toBe(10)
  })

  it('interactive, once slowed, spaces its requests at the slower rate', async () => {
    const vt = virtualTime()
    const limiter = make(vt)
    for (let i = 0; i < 15; i++) await limiter.acquire()
    for (let i = 0; i < 3; i++) limiter.throttled()
    void limiter.acquire()
    expect(vt.slept.at(-1)).toBe(200) // 5/s now
  })

  it('wins the background rate back a step per success, only after the hold, and interactive first', async () => {
    const vt = virtualTime()
    const limiter = make(vt)
    for (let i = 0; i < 3; i++) limiter.throttled(500) // interactive 5/s, background 1.25/s
    limiter.succeeded() // answers still coming back from before: interactive is restored first
    expect(limiter.stats()).toMatchObject({ interactiveRatePerSec: 10, backgroundRatePerSec: 1.25 })
    limiter.succeeded() // within the hold: does not count for background
    expect(limiter.stats().backgroundRatePerSec).toBe(1.25)
    vt.advance(500)
    const rates: number[] = []
    for (let i = 0; i < 20; i++) {
      limiter.succeeded()
      rates.push(limiter.stats().backgroundRatePerSec)
    }
    const step = 10 * THROTTLE.backgroundStep
    expect(rates[0]).toBeCloseTo(1.25 + step)
    expect(rates.every((r, i) => i === 0 || r >= rates[i - 1]!)).toBe(true) // gradual, never a jump back down
    expect(rates.findIndex((r) => r === 10)).toBe(Math.ceil((10 - 1.25) / step) - 1)
    expect(rates.at(-1)).toBe(10) // never above the configured rate
  })

  it('background resumes at the recovered pace once AIQ answers again', async () => {
    const vt = virtualTime()
    const limiter = make(vt)
    const r = recorder(limiter, vt.clock)
    limiter.throttled(1000) // 5/s
    for (let i = 0; i < 30; i++) r.fire(`b${i}`, 'background')
    await vt.runUntil(2000)
    const held = r.timesOf('b')
    expect(held[0]).toBe(1000)
    expect(held[1]! - held[0]!).toBe(200)
    for (let i = 0; i < 8; i++) limiter.succeeded() // 5 + 8 * 0.625 = 10/s
    await vt.runUntil(4000)
    const later = r.timesOf('b').filter((t) => t > 2400)
    expect(later.slice(1).map((t, i) => t - later[i]!)).toEqual(Array(later.length - 1).fill(100))
  })

  it('treats a missing or nonsense Retry-After as the default hold, and caps a huge one', () => {
    const vt = virtualTime()
    const limiter = make(vt)
    limiter.throttled(Number.NaN)
    expect(limiter.stats().backgroundHeldUntil).toBe(THROTTLE.defaultHoldMs)
    limiter.throttled(-5)
    expect(limiter.stats().backgroundHeldUntil).toBe(THROTTLE.defaultHoldMs)
    limiter.throttled(365 * 24 * 3_600_000)
    expect(limiter.stats().backgroundHeldUntil).toBe(THROTTLE.maxHoldMs)
  })

  it('keeps a reserve below the burst by default and refuses one that would starve background', async () => {
    const vt = virtualTime()
    const small = createRateLimiter({ ratePerSec: 5, burst: 5, clock: vt.clock, sleep: vt.sleep }) // reserve 4
    for (let i = 0; i < 1; i++) await small.acquire()
    const r = recorder(small, vt.clock)
    r.fire('b0', 'background') // 4 left: the reserve
    await vt.runUntil(0)
    expect(r.grants).toEqual([])
    await vt.runUntil(200)
    expect(r.at('b0')).toBe(200)
    expect(() => createRateLimiter({ ratePerSec: 5, burst: 5, reserve: 5 })).toThrow(RangeError)
    expect(() => createRateLimiter({ ratePerSec: 5, burst: 5, reserve: -1 })).toThrow(RangeError)
    expect(() => createRateLimiter({ ratePerSec: 5, burst: 5, reserve: 1.5 })).toThrow(RangeError)
    expect(() => createRateLimiter({ ratePerSec: 5, burst: 1, reserve: 0 })).not.toThrow()
  })
})

import { describe, expect, it } from 'vitest'
import { createAiqClock, parseHttpDate } from '../../../../electron/aiq/clock'
import { clockWarning } from '../../../../shared/clock-words'

const T = Date.UTC(2026, 11, 6, 22, 0, 0)
/** a computer whose clock and monotonic clock a test moves by hand */
function computer(skewMs: number) {
  let mono = 1_000
  let wall = T + skewMs
  return {
    wall: { now: () => wall },
    mono: () => mono,
    pass(ms: number) {
      mono += ms
      wall += ms
    },
    setClock(ms: number) {
      wall += ms
    },
  }
}
const header = (ms: number) => new Date(ms).toUTCString()

describe("AIQ's clock, learnt from its answers", () => {
  it('before any answer: this computer’s time plus the offset saved last time', () => {
    const pc = computer(-15 * 60_000)
    expect(createAiqClock({ ...pc }).now()).toBe(T - 15 * 60_000)
    expect(createAiqClock({ ...pc, saved: 15 * 60_000 }).now()).toBe(T)
    expect(createAiqClock({ ...pc }).anchored()).toBe(false)
  })

  it("after an answer: AIQ's time, within a second, whatever this computer's clock says; the offset is saved", () => {
    const pc = computer(-17 * 60_000)
    const saved: number[] = []
    const c = createAiqClock({ ...pc, save: (o) => saved.push(o) })
    c.observe(header(T))
    expect(c.anchored()).toBe(true)
    expect(Math.abs(c.now() - T)).toBeLessThanOrEqual(1_000)
    pc.pass(60_000)
    expect(Math.abs(c.now() - (T + 60_000))).toBeLessThanOrEqual(1_000)
    expect(Math.round(c.offsetMs()! / 60_000)).toBe(17)
    expect(saved).toHaveLength(1)
    // a second answer that agrees writes nothing
    c.observe(header(T + 60_000))
    expect(saved).toHaveLength(1)
  })

  it("a time sync that jumps this computer's clock changes nothing in AIQ's time; the offset says the new truth", () => {
    const pc = computer(-10 * 60_000)
    const c = createAiqClock({ ...pc })
    c.observe(header(T))
    const before = c.now()
    pc.setClock(10 * 60_000)
    pc.pass(5_000)
    expect(c.now() - before).toBe(5_000)
    expect(Math.abs(c.offsetMs()!)).toBeLessThanOrEqual(1_000)
  })

  it('answers without a readable Date change nothing', () => {
    const pc = computer(0)
    const c = createAiqClock({ ...pc, saved: 5_000 })
    for (const h of [null, undefined, '', 'soon', '1733522400']) c.observe(h)
    expect(c.anchored()).toBe(false)
    expect(c.now()).toBe(T + 5_000)
    expect(parseHttpDate('Sun, 06 Dec 2026 22:00:00 GMT')).toBe(T)
  })
})

describe("what the header says about this computer's clock", () => {
  it('nothing within two minutes; slow or fast in minutes, or hours when far off', () => {
    expect(clockWarning(null)).toBeNull()
    expect(clockWarning(119_000)).toBeNull()
    expect(clockWarning(-120_000)).toBeNull()
    expect(clockWarning(17 * 60_000)).toBe("This computer's clock is 17 minutes slow. Awards are safe; please fix the clock.")
    expect(clockWarning(-15 * 60_000)).toBe("This computer's clock is 15 minutes fast. Awards are safe; please fix the clock.")
    expect(clockWarning(-2 * 3_600_000)).toBe("This computer's clock is 2 hours fast. Awards are safe; please fix the clock.")
  })
})

describe("AIQ's time from its rows, where its answers carry no Date header", () => {
  it("a row this counter sent, stamped by AIQ, sets AIQ's time; a Date header, once seen, always wins", () => {
    const pc = computer(-20 * 60_000)
    const c = createAiqClock({ ...pc })
    const sentAt = pc.mono()
    pc.pass(2_000)
    c.observeRow(T, sentAt) // AIQ stamped the row with its own time when the PUT arrived
    expect(c.anchored()).toBe(true)
    expect(Math.abs(c.now() - (T + 2_000))).toBeLessThanOrEqual(1_000)
    c.observe(header(T + 2_000 + 30_000)) // a header says AIQ is 30 s further on: it wins
    c.observeRow(T, sentAt)
    expect(Math.abs(c.now() - (T + 32_000))).toBeLessThanOrEqual(1_000)
  })
})

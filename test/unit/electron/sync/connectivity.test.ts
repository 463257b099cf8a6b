import { describe, expect, it } from 'vitest'
import { createConnectivity } from '../../../../electron/sync/connectivity'

describe('connectivity', () => {
  const setup = () => {
    let t = 1_000_000
    const clock = { now: () => t }
    const c = createConnectivity(clock, () => 0.999, { baseMs: 100, capMs: 1000 })
    return { c, advance: (ms: number) => void (t += ms), now: () => t }
  }

  it('starts unknown (offline) with a probe due at once, so the banner is right within one call', () => {
    const { c, now } = setup()
    expect(c.online).toBe(false)
    expect(c.nextProbeAt).toBe(now())
    expect(c.lastOnlineAt).toBeNull()
  })

  it('while unreachable, probes wait longer each time up to the cap', () => {
    const { c, now } = setup()
    const waits = Array.from({ length: 6 }, () => (c.unreachable(), c.nextProbeAt! - now()))
    expect(waits).toEqual([99, 199, 399, 799, 999, 999])
  })

  it('one answer from AIQ flips it online, resets the schedule and stamps lastOnlineAt; changes are reported once', () => {
    const { c, advance, now } = setup()
    c.unreachable()
    c.unreachable()
    advance(500)
    expect(c.reachable()).toBe(true)
    expect(c.reachable()).toBe(false)
    expect(c).toMatchObject({ online: true, nextProbeAt: null, lastOnlineAt: now() })
    expect(c.unreachable()).toBe(true)
    expect(c.nextProbeAt! - now()).toBe(99) // back to the first step
  })

  it('probeNow lets a person skip the wait', () => {
    const { c, now } = setup()
    c.unreachable()
    c.probeNow()
    expect(c.nextProbeAt).toBe(now())
  })
})

describe('the default probe schedule', () => {
  it('while AIQ is unreachable, probes at least every 5 s however long the outage (jittered below that)', () => {
    let t = 0
    const draws = [0.999, 0.5, 0.001]
    for (const r of draws) {
      const c = createConnectivity({ now: () => t }, () => r)
      const waits = Array.from({ length: 30 }, () => (c.unreachable(), c.nextProbeAt! - t))
      expect(Math.max(...waits)).toBeLessThanOrEqual(5_000)
      t += 1
    }
    const c = createConnectivity({ now: () => t }, () => 0.999)
    for (let i = 0; i < 30; i++) c.unreachable()
    expect(c.nextProbeAt! - t).toBeGreaterThan(4_000) // jittered, not hammering
  })
})

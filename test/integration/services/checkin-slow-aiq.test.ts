// Issue 19, item 1: a slow or hanging AIQ never holds up the name. This counter's copy answers at once; AIQ's own
// answer for a phone takes one round trip; and a lookup never waits past its deadline (the harness's 1 s).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PERSONAS, UNKNOWN_PHONE } from '../../../electron/sandbox'
import { eventually, startHarness, type Harness } from '../../support/counter'

let h: Harness
beforeEach(async () => {
  h = await startHarness({ aiqTimeoutMs: 1000 })
})
afterEach(async () => h.close())

const timed = async <T>(work: () => Promise<T>) => {
  const t = performance.now()
  const value = await work()
  return { value, ms: performance.now() - t }
}

describe('check-in with AIQ slow or hanging', () => {
  it("a customer this counter knows comes from its copy at once, with no AIQ call, while AIQ hangs", async () => {
    const maya = PERSONAS.member
    await h.services.api.checkIn({ input: maya.phone })
    await eventually(async () => (await h.services.api.checkInFromDirectory({ input: maya.phone })).hit) // kept in the copy moments later
    h.sandbox.faults.set({ kind: 'hang' })
    const { value, ms } = await timed(() => h.services.api.checkInFromDirectory({ input: maya.phone }))
    expect(value.hit).toMatchObject({ customer: { contactID: maya.contactID, firstName: 'Maya', points: 1250 } })
    expect(value.hit!.asOf).toBeGreaterThan(0)
    expect(ms).toBeLessThan(100)
  })

  it('someone the copy does not have is not made up', async () => {
    expect(await h.services.api.checkInFromDirectory({ input: UNKNOWN_PHONE })).toEqual({ hit: null })
  })

  it("a phone's name takes one AIQ round trip, not three", async () => {
    const maya = PERSONAS.member
    h.sandbox.faults.set({ kind: 'latency', ms: 400 })
    const { value, ms } = await timed(() => h.services.api.checkIn({ input: maya.phone }))
    expect(value).toMatchObject({ kind: 'customer', source: 'live', customer: { contactID: maya.contactID, points: 1250 } })
    expect(ms).toBeLessThan(750)
  })

  it("a lookup that needs two calls never waits past its deadline: this counter's copy answers then", async () => {
    const p = h.sandbox.data.byPhone(PERSONAS.member.phone)!
    await h.services.api.checkIn({ input: p.contactID }) // in the directory
    // the by-source-id endpoint knows no one (after 700 ms), and the list search also takes 700 ms
    h.sandbox.faults.set({ kind: 'latency', ms: 700 }, { kind: 'status', status: 404, match: { path: /bysrcid/i } })
    const { value, ms } = await timed(() => h.services.api.checkIn({ input: p.srcID! }))
    expect(value).toMatchObject({ kind: 'customer', source: 'directory', customer: { contactID: p.contactID } })
    expect(ms).toBeLessThan(1300)
  })
})

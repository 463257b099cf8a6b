// The counter's clock is wrong, or jumps while awards are in doubt: every window is reckoned on AIQ's clock (learnt
// from the sandbox's Date headers), so an award whose answer was lost is still found in AIQ, never sent twice.
import { afterEach, describe, expect, it } from 'vitest'
import { PERSONAS, PROFILES } from '../../../electron/sandbox'
import { drained, expectExactlyOnce, rig, until, type Rig } from '../../support/outbox-rig'

let r: Rig | undefined
afterEach(async () => {
  await r?.close()
  r = undefined
})

const PUT = { method: 'PUT', path: /\/adjust\/loyaltyPoints\//i }
const MIN = 60_000
const SKEWS = [-15 * MIN, 15 * MIN, -120 * MIN, 120 * MIN]
const contacts = [PERSONAS.member.contactID, PERSONAS.pending.contactID, PERSONAS.noConsent.contactID]

describe.each(PROFILES)("this computer's clock is off from AIQ's (%s profile)", (profile) => {
  it.each(SKEWS.flatMap((skew) => [true, false].map((notes) => [skew, notes] as const)))(
    'clock off by %d ms, notes kept: %s; answers lost after AIQ applied them: each award once',
    async (skew, notes) => {
      r = await rig({}, { profile, counterClock: { now: () => Date.now() + skew } })
      r.sandbox.quirks.adjustmentNotes = notes
      // every other PUT applied and its answer lost; each award a different amount so no row can be taken for another
      r.sandbox.faults.set({ kind: 'applyThenDrop', match: PUT, rate: 0.5 })
      const ids = [1, 2, 3, 4, 5, 6].map((n) => r!.award({ contactID: contacts[n % 3]!, value: 40 + n }))
      r.engine.start()
      await until('drained', drained(r.outbox), 30_000)
      expectExactlyOnce(r, ids)
      expect(r.sandbox.requests.filter((q) => q.method === 'PUT').length).toBeLessThan(ids.length * 2)
      // AIQ's time as learnt is within a few seconds of the sandbox's (the true time), whatever this computer says
      expect(Math.abs(r.time.now() - Date.now())).toBeLessThan(3_000)
      expect(Math.round(r.time.offsetMs()! / MIN)).toBe(Math.round(-skew / MIN))
    },
  )
})

describe('the clock jumps while an award is in doubt', () => {
  it.each([10 * MIN, -10 * MIN])('a time sync moves this computer by %d ms after a lost answer: found by its tag, not resent', async (jump) => {
    let shift = 0
    r = await rig({}, { counterClock: { now: () => Date.now() + shift } })
    r.sandbox.quirks.adjustmentNotes = false
    r.sandbox.faults.set({ kind: 'applyThenDrop', match: PUT, times: 1 })
    const id = r.award({ contactID: PERSONAS.member.contactID, value: 57 })
    r.engine.start()
    await until('in doubt', () => r!.outbox.events(id).some((e) => e.what === 'retry_scheduled' || e.what === 'unreadable_answer') || r!.outbox.get(id)!.lastError !== null)
    shift = jump
    await until('drained', drained(r.outbox), 30_000)
    expectExactlyOnce(r, [id])
    expect(r.outbox.events(id).map((e) => e.what)).toContain('found_in_aiq')
    expect(r.sandbox.requests.filter((q) => q.method === 'PUT')).toHaveLength(1)
  })
})

describe("AIQ's answers carry no Date header (a proxy strips it), and this computer's clock is 2 hours slow", () => {
  it('an award whose answer was lost is looked for widely by its tag, found, never resent; its row then tells AIQ’s time', async () => {
    r = await rig({}, { counterClock: { now: () => Date.now() - 120 * MIN }, sandbox: { quirks: { adjustmentNotes: true, redemptionOrigin: null, dateHeader: false } } })
    r.sandbox.faults.set({ kind: 'applyThenDrop', match: PUT, times: 1 })
    const id = r.award({ contactID: PERSONAS.member.contactID, value: 61 })
    r.engine.start()
    await until('drained', drained(r.outbox), 30_000)
    expectExactlyOnce(r, [id])
    expect(r.outbox.events(id).map((e) => e.what)).toContain('found_in_aiq')
    expect(r.time.anchored()).toBe(true)
    expect(Math.abs(r.time.now() - Date.now())).toBeLessThan(3_000)
  })

  it('without notes either, an award whose answer was lost is kept for a person, never resent on a guess', async () => {
    r = await rig({}, { counterClock: { now: () => Date.now() - 120 * MIN }, sandbox: { quirks: { adjustmentNotes: false, redemptionOrigin: null, dateHeader: false } } })
    r.sandbox.faults.set({ kind: 'applyThenDrop', match: PUT, times: 1 })
    const id = r.award({ contactID: PERSONAS.member.contactID, value: 62 })
    r.engine.start()
    await until('parked', () => r!.outbox.get(id)!.state === 'failed', 30_000)
    expect(r.outbox.get(id)!.lastError).toMatch(/^Needs a check in AIQ/)
    expect(r.sandbox.requests.filter((q) => q.method === 'PUT')).toHaveLength(1)
  })
})

// Reconcile on AIQ's real rows, against the sandbox: by the tag in the note where AIQ keeps notes (both profiles);
// by customer + value + time where its rows carry no note at all (each branch: found, resend, needs a check).
import { afterEach, describe, expect, it } from 'vitest'
import { PERSONAS, PROFILES } from '../../../electron/sandbox'
import { clientFor, drained, expectExactlyOnce, rig, until, type Rig } from '../../support/outbox-rig'

let r: Rig | undefined
afterEach(async () => {
  await r?.close()
  r = undefined
})

const PUT = { method: 'PUT', path: /\/adjust\/loyaltyPoints\//i }
const member = PERSONAS.member.contactID

describe.each(PROFILES)('reconcile by the tag in the note (%s profile)', (profile) => {
  it('an applied PUT whose answer was lost is found by its tag, never resent', async () => {
    r = await rig({}, { profile })
    r.sandbox.faults.set({ kind: 'applyThenDrop', match: PUT, times: 1 })
    const ids = [r.award(), r.award()]
    r.engine.start()
    await until('drained', drained(r.outbox))
    expectExactlyOnce(r, ids)
    expect(r.outbox.events(ids[0]!).map((e) => e.what)).toContain('found_in_aiq')
  })
})

describe.each(PROFILES)('reconcile when AIQ keeps no notes on its adjustment rows (%s profile)', (profile) => {
  it('exactly one row for that customer, value and time: synced as found in AIQ, not sent again', async () => {
    r = await rig({}, { profile })
    r.sandbox.quirks.adjustmentNotes = false
    r.sandbox.faults.set({ kind: 'applyThenDrop', match: PUT, times: 1 })
    const id = r.award({ contactID: member, value: 31 })
    r.engine.start()
    await until('drained', drained(r.outbox))
    expect(r.outbox.get(id)!.state).toBe('synced')
    expect(r.outbox.events(id).map((e) => e.what)).toEqual(expect.arrayContaining(['matched_in_aiq', 'found_in_aiq']))
    expectExactlyOnce(r, [id])
  })

  it('no such row once the PUT has settled: sent again, once', async () => {
    r = await rig({}, { profile })
    r.sandbox.quirks.adjustmentNotes = false
    r.sandbox.faults.set({ kind: 'hang', match: PUT, times: 1 }) // never reaches AIQ's books, answer never comes
    const id = r.award({ contactID: member, value: 32 })
    r.engine.start()
    await until('drained', drained(r.outbox))
    expect(r.sandbox.requests.filter((q) => q.method === 'PUT')).toHaveLength(2)
    expectExactlyOnce(r, [id])
  })

  it('another counter gave the same points just before: the count taken before the PUT keeps them apart', async () => {
    for (const fault of ['applyThenDrop', 'hang'] as const) {
      r = await rig({}, { profile })
      r.sandbox.quirks.adjustmentNotes = false
      await clientFor(r.sandbox).adjustPoints(member, { value: 34, note: 'other counter' })
      r.sandbox.faults.set({ kind: fault, match: PUT, times: 1 })
      const id = r.award({ contactID: member, value: 34 })
      r.engine.start()
      await until('drained', drained(r.outbox))
      expect(r.outbox.get(id)!.state).toBe('synced')
      expectExactlyOnce(r, [id])
      await r.close()
      r = undefined
    }
  })

  it('two rows that could be it (another counter gave the same points meanwhile): parked as "needs a check", never resent', async () => {
    r = await rig({}, { profile })
    r.sandbox.quirks.adjustmentNotes = false
    r.sandbox.faults.set({ kind: 'applyThenDrop', match: PUT, times: 1 })
    const id = r.award({ contactID: member, value: 33, customerName: 'Maya Lopez' })
    r.engine.start()
    // while this counter waits to hear back, another counter of the store gives the same customer the same points
    await until('our PUT landed, answer lost', () => r!.sandbox.requests.some((q) => q.fault === 'applyThenDrop'))
    await clientFor(r.sandbox).adjustPoints(member, { value: 33, note: 'other counter' })
    await until('parked', () => r!.outbox.get(id)!.state === 'failed')
    expect(r.outbox.get(id)!.lastError).toMatch(/^Needs a check in AIQ: AIQ lists 2 adjustments of \+33 points for Maya Lopez/)
    expect(r.sandbox.ledger.filter((e) => e.value === 33)).toHaveLength(2) // the other counter's and ours, no third
  })
})

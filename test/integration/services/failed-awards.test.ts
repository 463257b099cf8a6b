// Issue 10 item 11: an award AIQ refused (failed) is not "on its way": the card shows AIQ's balance with the pending
// awards, and the failed ones apart, so a refused deduction does not keep the customer's balance low on screen forever.
import { afterEach, describe, expect, it } from 'vitest'
import { PERSONAS } from '../../../electron/sandbox'
import { eventually, PRACTICE_MANAGER_PIN, startHarness, type Harness } from '../../support/counter'

describe('failed awards are shown apart from pending ones', () => {
  let h: Harness
  afterEach(() => h?.close())

  it('a deduction AIQ refused is counted as failed, not pending: the balance on the card stays AIQ’s', async () => {
    h = await startHarness()
    const { api } = h.services
    const m = PERSONAS.member
    const aiqBalance = h.sandbox.data.byPhone(m.phone)!.loyaltyPoints!
    h.sandbox.faults.set({ kind: 'status', status: 400, match: { method: 'PUT', path: /adjust\/loyaltyPoints/ }, times: 1 })
    await api.awardPoints({ customer: { contactID: m.contactID }, customerName: 'Maya Lopez', value: -200, reason: 'Correction', budtender: 'Ana', approval: PRACTICE_MANAGER_PIN })
    await eventually(async () => (await api.listOutbox({ states: ['failed'] })).entries.length === 1)
    // and one award still on its way
    h.sandbox.faults.set({ kind: 'status', status: 503, match: { method: 'PUT', path: /adjust\/loyaltyPoints/ } })
    await api.awardPoints({ customer: { contactID: m.contactID }, customerName: 'Maya Lopez', value: 30, reason: 'Purchase', budtender: 'Ana' })

    const r = await api.checkIn({ input: m.phone })
    expect(r.kind === 'customer' && r.customer).toMatchObject({ points: aiqBalance, pendingPoints: 30, failedPoints: -200 })
    expect(h.sandbox.data.byPhone(m.phone)!.loyaltyPoints).toBe(aiqBalance)
  })
})

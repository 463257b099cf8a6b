// Issue 19, item 2: after an outage, the first answer AIQ gives to anything the counter asks (here a profile panel)
// ends "offline" and starts the drain at once, without waiting for the engine's next probe.
import { afterEach, describe, expect, it } from 'vitest'
import { PERSONAS } from '../../../electron/sandbox'
import { eventually, startHarness, type Harness } from '../../support/counter'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('back online', () => {
  it('a panel answered by AIQ ends "offline" and sends the queued award within half a second', async () => {
    h = await startHarness()
    const api = h.services.api
    const maya = PERSONAS.member
    await api.checkIn({ input: maya.phone })
    await h.sandbox.stop()
    // a long outage: each look at AIQ that fails pushes the next probe further out
    for (let i = 0; i < 12; i++) await api.checkIn({ input: maya.phone })
    expect((await api.getStatus({})).online).toBe(false)
    const award = await api.awardPoints({ customer: { contactID: maya.contactID }, customerName: 'Maya Lopez', value: 7, reason: 'Purchase', budtender: 'Alex' })
    await h.sandbox.restart()

    await api.getVisits({ contactID: maya.contactID })
    const at = Date.now()
    await eventually(async () => (await api.getStatus({})).online, 500)
    await eventually(() => h!.sandbox.ledger.some((e) => e.note.includes(award.id)), 500)
    expect(Date.now() - at).toBeLessThan(600)
  })
})

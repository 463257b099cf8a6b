// Awards queued by phone (customer looked up offline) are resolved to AIQ's contact id before they are sent.
import { afterEach, describe, expect, it } from 'vitest'
import { PERSONAS, PROFILES, UNKNOWN_PHONE } from '../../../electron/sandbox'
import { drained, expectExactlyOnce, rig, until, type Rig } from '../../support/outbox-rig'

let r: Rig | undefined
afterEach(async () => {
  await r?.close()
  r = undefined
})

describe.each(PROFILES)('awards queued by phone (%s profile)', (profile) => {
  it("resolves the phone to AIQ's contact and awards that contact", async () => {
    r = await rig({}, { profile })
    const id = r.award({ contactID: null, phone: PERSONAS.member.phone })
    expect(r.outbox.pendingPointsFor({ phone: PERSONAS.member.phone }).pending).toBe(r.outbox.get(id)!.value)
    r.engine.start()
    await until('drained', drained(r.outbox))
    expect(r.outbox.get(id)).toMatchObject({ state: 'synced', contactID: PERSONAS.member.contactID, phone: PERSONAS.member.phone })
    expectExactlyOnce(r, [id])
  })

  it('an unknown phone is parked as failed "fix customer"; fixing it sends it once to the right person', async () => {
    r = await rig({}, { profile })
    const id = r.award({ contactID: null, phone: UNKNOWN_PHONE })
    r.engine.start()
    await until('failed', () => r!.outbox.get(id)?.state === 'failed')
    expect(r.outbox.get(id)!.lastError).toMatch(/not found in AIQ — fix customer/)
    expect(r.sandbox.ledger).toEqual([])
    r.outbox.fixCustomer(id, { phone: PERSONAS.noConsent.phone }, 'Taylor Kim')
    r.engine.kick()
    await until('drained', drained(r.outbox))
    expect(r.outbox.get(id)).toMatchObject({ state: 'synced', contactID: PERSONAS.noConsent.contactID, customerName: 'Taylor Kim' })
    expectExactlyOnce(r, [id])
  })
})

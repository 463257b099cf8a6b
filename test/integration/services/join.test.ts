// Someone AIQ has who is not a loyalty member joins at the counter: signup is an upsert by phone, so the same contact
// becomes a member, and whatever they decided about texts stands.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PERSONAS } from '../../../electron/sandbox'
import { startHarness, type Harness } from '../../support/counter'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => h.close())

const sam = PERSONAS.nonMember
const join = (sms: 'double_opt_in' | 'none') =>
  h.services.api.signUp({ firstName: sam.firstName, lastName: sam.lastName, phone: sam.phone, email: sam.email, favoriteStoreID: sam.favoriteStoreID, loyalty: true, sms, emailOptIn: false })
const optInRequests = () => h.sandbox.requests.filter((r) => r.path.toLowerCase().includes('/optin/'))

describe('a non-member joins loyalty from their profile', () => {
  it('the same contact becomes a member, and check-in shows it', async () => {
    const before = await h.services.api.checkIn({ input: sam.phone })
    expect(before).toMatchObject({ kind: 'customer', customer: { contactID: sam.contactID, member: false } })

    const r = await join('none')
    expect(r).toMatchObject({ sms: 'not_requested', customer: { contactID: sam.contactID, member: true, firstName: 'Sam', lastName: 'Reed', sms: 'none' } })
    expect(optInRequests()).toHaveLength(0)
    const after = await h.services.api.checkIn({ input: sam.phone })
    expect(after).toMatchObject({ kind: 'customer', customer: { contactID: sam.contactID, member: true } })
    expect(h.sandbox.data.all().filter((p) => p.mobilePhone?.replace(/\D/g, '').endsWith(sam.phone))).toHaveLength(1)
  })

  it('an opted-out non-member asked for texts joins and stays opted out', async () => {
    h.sandbox.data.update(sam.contactID, { optoutTime: Math.floor(Date.now() / 1000), optinTime: null })
    const r = await join('double_opt_in')
    expect(r).toMatchObject({ sms: 'opted_out_kept', customer: { contactID: sam.contactID, member: true, sms: 'opted_out' } })
    expect(optInRequests()).toHaveLength(0)
    expect(h.sandbox.data.byPhone(sam.phone)!.optoutTime).toBeGreaterThan(0)
  })

  it('with texts locked (opted out, or already in), the outcome says where they stand and nothing is sent', async () => {
    h.sandbox.data.update(sam.contactID, { optoutTime: Math.floor(Date.now() / 1000), optinTime: null })
    expect((await join('none')).sms).toBe('opted_out_kept')

    h.sandbox.data.update(sam.contactID, { optoutTime: null, optinTime: Math.floor(Date.now() / 1000) })
    const r = await join('none')
    expect(r).toMatchObject({ sms: 'already_opted_in', customer: { member: true, sms: 'opted_in' } })
    expect(optInRequests()).toHaveLength(0)
  })
})

// Signup sends the SMS choice explicitly (smsoptin true|false): AIQ never texts someone who said no, and one signup
// never triggers two opt-in requests. "Already a customer?" finds people by phone even when AIQ's lookup names no id.
import { afterEach, describe, expect, it } from 'vitest'
import { PERSONAS, STORES, UNKNOWN_PHONE } from '../../../electron/sandbox'
import { startHarness, type Harness } from '../../support/counter'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

/** every signup body sent to AIQ */
async function harness() {
  const bodies: Record<string, unknown>[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input))
    if (url.pathname === '/api/v2/loyalty' && init?.body) bodies.push(JSON.parse(String(init.body)) as Record<string, unknown>)
    return globalThis.fetch(input, init)
  }
  h = await startHarness({ fetch })
  return { h, bodies }
}
const form = { email: '', favoriteStoreID: null, emailOptIn: false }
const newCustomer = (sms: 'double_opt_in' | 'none') => ({ ...form, firstName: 'Nia', lastName: 'Park', phone: UNKNOWN_PHONE, loyalty: true, sms })

describe('signup and texts', () => {
  it('"yes to texts": smsoptin true in the signup, exactly one opt-in request, no second PUT', async () => {
    const { h, bodies } = await harness()
    const r = await h.services.api.signUp(newCustomer('double_opt_in'))
    expect(r).toMatchObject({ sms: 'requested', customer: { member: true, phone: UNKNOWN_PHONE } })
    expect(bodies).toEqual([expect.objectContaining({ smsoptin: true, loyalty: true, mobilePhone: UNKNOWN_PHONE })])
    expect(h.sandbox.data.optInRequests(UNKNOWN_PHONE)).toBe(1)
    expect(h.sandbox.requests.filter((q) => q.path.includes('/optin/'))).toEqual([])
  })

  it('"no texts": smsoptin false is sent, and no opt-in request is made', async () => {
    const { h, bodies } = await harness()
    const r = await h.services.api.signUp(newCustomer('none'))
    expect(r).toMatchObject({ sms: 'not_requested', customer: { sms: 'none' } })
    expect(bodies).toEqual([expect.objectContaining({ smsoptin: false, disableSMS: true })])
    expect(h.sandbox.data.optInRequests(UNKNOWN_PHONE)).toBe(0)
  })

  it('someone already opted in who joins with "no texts" keeps their consent: no smsoptin false is sent', async () => {
    const { h, bodies } = await harness()
    const p = PERSONAS.member
    const r = await h.services.api.signUp({ ...form, firstName: p.firstName, lastName: p.lastName, phone: p.phone, loyalty: true, sms: 'none' })
    expect(r.sms).toBe('already_opted_in')
    expect(bodies).toHaveLength(1)
    expect(bodies[0]).not.toHaveProperty('smsoptin')
    expect(bodies[0]).not.toHaveProperty('disableSMS')
  })

  it('signing up twice, or asking again, while the first text is unanswered sends no second request', async () => {
    const { h, bodies } = await harness()
    expect((await h.services.api.signUp(newCustomer('double_opt_in'))).sms).toBe('requested')
    expect((await h.services.api.signUp(newCustomer('double_opt_in'))).sms).toBe('requested')
    expect(await h.services.api.requestSmsOptIn({ phone: UNKNOWN_PHONE })).toEqual({ sms: 'requested' })
    expect(bodies.map((b) => b.smsoptin)).toEqual([true, false])
    expect(h.sandbox.data.optInRequests(UNKNOWN_PHONE)).toBe(1)
  })

  it('an opted-out customer who now says yes stays opted out: smsoptin false, nothing requested', async () => {
    const { h, bodies } = await harness()
    const p = PERSONAS.optedOut
    const r = await h.services.api.signUp({ ...form, firstName: p.firstName, lastName: p.lastName, phone: p.phone, loyalty: true, sms: 'double_opt_in' })
    expect(r).toMatchObject({ sms: 'opted_out_kept', customer: { contactID: p.contactID, sms: 'opted_out' } })
    expect(bodies).toEqual([expect.objectContaining({ smsoptin: false })])
    expect(h.sandbox.data.optInRequests(p.phone)).toBe(0)
  })

  it('an existing customer is found by phone through the list search (the wild lookup names no contact id)', async () => {
    const { h } = await harness()
    expect(h.sandbox.profile).toBe('wild')
    const p = PERSONAS.nonMember
    const r = await h.services.api.signUp({ ...form, firstName: p.firstName, lastName: p.lastName, phone: p.phone, loyalty: true, sms: 'none' })
    expect(r.customer.contactID).toBe(p.contactID)
    expect(h.sandbox.requests.some((q) => q.url.startsWith(`/api/v1.1/piis/${h.sandbox.uid}?`) && q.url.includes(`search=${p.phone}`))).toBe(true)
  })

  it('a chosen store goes as its id and its name (one real integration calls the name required)', async () => {
    const { h, bodies } = await harness()
    const store = STORES[1]!
    await h.services.api.signUp({ ...newCustomer('none'), favoriteStoreID: store.id })
    expect(bodies).toEqual([expect.objectContaining({ favoriteStoreID: store.id, favoriteStore: store.name })])
    expect(h.sandbox.data.byPhone(UNKNOWN_PHONE)!.favoriteStoreID).toBe(store.id)
  })
})

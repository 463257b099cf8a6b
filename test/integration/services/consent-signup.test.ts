// Issue 20: the opt-in sent to AIQ carries the consent recorded here. The store may turn double opt-in off (a yes is
// then set at once, no confirming text); a number that opted out is never re-opted in either way; a signup that says
// the customer chose on their screen is refused until they have.
import { afterEach, describe, expect, it } from 'vitest'
import { dispatch } from '../../../electron/dispatch'
import { PERSONAS, UNKNOWN_PHONE } from '../../../electron/sandbox'
import { PRACTICE_MANAGER_PIN, startHarness, type Harness } from '../../support/counter'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})
const form = { email: '', favoriteStoreID: null, emailOptIn: false, lastName: '', loyalty: true }

async function singleOptIn(h: Harness) {
  const { settings } = await h.services.api.getConsentSettings({})
  await h.services.api.saveConsentSettings({ ...settings, doubleOptIn: false, approval: PRACTICE_MANAGER_PIN })
}

describe('signup with the consent ledger', () => {
  it('double opt-in off: a yes opts the number in at once, with no confirming text, and the row says yes', async () => {
    h = await startHarness()
    await singleOptIn(h)
    const r = await h.services.api.signUp({ ...form, firstName: 'Nia', phone: UNKNOWN_PHONE, sms: 'double_opt_in' })
    expect(r.sms).toBe('opted_in')
    expect(h.sandbox.smsRequests).toEqual([])
    expect(h.sandbox.data.byPhone(UNKNOWN_PHONE)?.optinTime).not.toBeNull()
    const { consents } = await h.services.api.listConsents({ from: 0, to: Date.now() + 60_000 })
    expect(consents).toEqual([expect.objectContaining({ choice: 'yes', givenBy: 'budtender', phoneMasked: '(•••) •••-0199' })])
  })

  it('an opted-out number stays opted out, double opt-in or not', async () => {
    h = await startHarness()
    await singleOptIn(h)
    const p = PERSONAS.optedOut
    const r = await h.services.api.signUp({ ...form, firstName: p.firstName, phone: p.phone, sms: 'double_opt_in' })
    expect(r.sms).toBe('opted_out_kept')
    expect(h.sandbox.data.byPhone(p.phone)).toMatchObject({ optinTime: null })
    expect(h.sandbox.smsRequests).toEqual([])
  })

  it('"the customer chose on their screen" is refused until they have', async () => {
    h = await startHarness()
    const r = await dispatch(h.services, 'signUp', { ...form, firstName: 'Nia', phone: UNKNOWN_PHONE, sms: 'double_opt_in', consentFrom: 'customer_screen' })
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('has not chosen on their screen') } })
    expect(h.sandbox.data.byPhone(UNKNOWN_PHONE)).toBeFalsy()
  })
})

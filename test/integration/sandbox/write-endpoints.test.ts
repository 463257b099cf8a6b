// The write side: signup upserts, SMS consent rules, points adjustments, traits and overrides.
// Shared behaviour runs against both profiles; the documented profile's exact bodies are pinned at the end.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PERSONAS, PROFILES, startSandbox, UNKNOWN_EMAIL, UNKNOWN_PHONE, type Sandbox, type SandboxProfile } from '../../../electron/sandbox'
import { call, get } from '../../support/http'

let sb: Sandbox
let nowMs = 1_800_000_000_000
const start = async (profile: SandboxProfile): Promise<void> => {
  nowMs = 1_800_000_000_000
  sb = await startSandbox({ profile, personas: 60, clock: { now: () => nowMs } })
}
afterEach(() => sb.close())

const signup = (body: unknown) => call(sb, 'POST', '/api/v2/loyalty', { body })
const optin = (phone: string, status: boolean, query = '') => call(sb, 'PUT', `/api/v2/optin/text/${phone}/${status}${query}`)
const adjust = (contactID: string, value: number, note: string) =>
  call(sb, 'PUT', `/api/v1.1/adjust/loyaltyPoints/${sb.uid}/${contactID}`, { body: { value, note } })

describe.each(PROFILES)('%s profile', (profile) => {
  beforeEach(() => start(profile))

  describe('POST /api/v2/loyalty (signup)', () => {
    it('creates a new loyalty member and returns its contactID', async () => {
      const r = await signup({ mobilePhone: UNKNOWN_PHONE, firstName: 'Nia', lastName: 'Brooks', loyalty: true, favoriteStoreID: 102 })
      expect(r.status).toBe(200)
      expect(r.body.data.contactID).toMatch(/^[0-9a-f]{32}$/)
      const p = sb.data.byPhone(UNKNOWN_PHONE)!
      expect(p).toMatchObject({ contactID: r.body.data.contactID, firstName: 'Nia', loyalty: true, loyaltySignupTS: 1_800_000_000 })
      expect((await get(sb, `/api/v1.1/piis/${sb.uid}?search=${UNKNOWN_PHONE}`)).body.data.total).toBe(1)
    })

    it('upserts by phone: an existing number is updated, not duplicated', async () => {
      const before = sb.data.size
      const r = await signup({ mobilePhone: `(${PERSONAS.nonMember.phone.slice(0, 3)}) ${PERSONAS.nonMember.phone.slice(3, 6)}-${PERSONAS.nonMember.phone.slice(6)}`, loyalty: true })
      expect(r.body.data.contactID).toBe(PERSONAS.nonMember.contactID)
      expect(sb.data.size).toBe(before)
      expect(sb.data.byContactID(PERSONAS.nonMember.contactID)!.loyalty).toBe(true)
    })

    it('upserts by email when the phone is unknown, and adds the phone', async () => {
      const r = await signup({ email: PERSONAS.emailOnly.email.toUpperCase(), mobilePhone: UNKNOWN_PHONE })
      expect(r.body.data.contactID).toBe(PERSONAS.emailOnly.contactID)
      expect(sb.data.byPhone(UNKNOWN_PHONE)!.contactID).toBe(PERSONAS.emailOnly.contactID)
    })

    it('refuses a signup with neither phone nor email (400 success:false)', async () => {
      for (const body of [{ firstName: 'Nobody' }, { mobilePhone: '12345' }]) {
        const r = await signup(body)
        expect(r.status).toBe(400)
        expect(r.body.success).toBe(false)
      }
    })

    it('smsoptin starts a double opt-in (pending) and never re-opts an opted-out number', async () => {
      await signup({ mobilePhone: UNKNOWN_PHONE, loyalty: true, smsoptin: true })
      expect(sb.data.byPhone(UNKNOWN_PHONE)).toMatchObject({ hasRequested: true, optreqTime: 1_800_000_000, optinTime: null })
      await signup({ mobilePhone: PERSONAS.optedOut.phone, smsoptin: true })
      expect(sb.data.byPhone(PERSONAS.optedOut.phone)).toMatchObject({ hasRequested: false, optinTime: null })
      expect(sb.data.byPhone(PERSONAS.optedOut.phone)!.optoutTime).not.toBeNull()
    })

    it('custom attributes on signup merge into traits', async () => {
      await signup({ email: UNKNOWN_EMAIL, customAttributes: [{ key: 'referredBy', value: 'Maya' }] })
      const p = sb.data.byEmail(UNKNOWN_EMAIL)!
      expect((await get(sb, `/api/v1.1/contact/traits/${sb.uid}/${p.contactID}`)).body.data).toEqual([{ key: 'referredBy', value: 'Maya' }])
    })
  })

  describe('PUT /api/v2/optin/text/{phone}/{status}', () => {
    const lookup = async (phone: string) => (await get(sb, `/api/v2/loyalty/lookup/${phone}`)).body.data

    it('force-sets opt-in by default', async () => {
      const r = await optin(PERSONAS.noConsent.phone, true)
      expect(r.status).toBe(200)
      expect(r.body).toMatchObject({ success: true })
      expect(r.body.data).toBeUndefined()
      expect((await lookup(PERSONAS.noConsent.phone)).optedIn).toBe(true)
    })

    it('doubleOpt=true (or doubleopt) makes it pending instead', async () => {
      for (const q of ['?doubleOpt=true', '?doubleopt=true']) {
        sb.data.update(PERSONAS.noConsent.contactID, { hasRequested: false, optreqTime: null, optinTime: null })
        await optin(PERSONAS.noConsent.phone, true, q)
        expect(sb.data.byPhone(PERSONAS.noConsent.phone)).toMatchObject({ hasRequested: true, optinTime: null })
        expect((await lookup(PERSONAS.noConsent.phone)).optedIn).toBe(false)
      }
      sb.data.confirmOptIn(PERSONAS.noConsent.phone)
      expect((await lookup(PERSONAS.noConsent.phone)).optedIn).toBe(true)
    })

    it('loyalty=false skips the double opt-in and force-sets', async () => {
      await optin(PERSONAS.pending.phone, true, '?doubleOpt=true&loyalty=false')
      expect(sb.data.byPhone(PERSONAS.pending.phone)).toMatchObject({ hasRequested: false, optinTime: 1_800_000_000 })
    })

    it('never re-opts an opted-out number: 200 but unchanged', async () => {
      const before = { ...sb.data.byPhone(PERSONAS.optedOut.phone)! }
      for (const q of ['', '?doubleOpt=true', '?loyalty=false']) {
        const r = await optin(PERSONAS.optedOut.phone, true, q)
        expect(r.status).toBe(200)
        expect(r.body.success).toBe(true)
      }
      expect({ ...sb.data.byPhone(PERSONAS.optedOut.phone)! }).toEqual(before)
    })

    it('status=false opts out, and from then on the number stays out', async () => {
      await optin(PERSONAS.member.phone, false)
      expect(await lookup(PERSONAS.member.phone)).toMatchObject({ optedIn: false })
      expect(sb.data.byPhone(PERSONAS.member.phone)!.optoutTime).toBe(1_800_000_000)
      await optin(PERSONAS.member.phone, true)
      expect(await lookup(PERSONAS.member.phone)).toMatchObject({ optedIn: false })
    })

    it('remembers a decision for a number with no contact yet and applies it at signup', async () => {
      await optin(UNKNOWN_PHONE, false)
      expect(sb.data.byPhone(UNKNOWN_PHONE)).toBeUndefined()
      await signup({ mobilePhone: UNKNOWN_PHONE, loyalty: true, smsoptin: true })
      expect(sb.data.byPhone(UNKNOWN_PHONE)).toMatchObject({ hasRequested: false, optinTime: null })
      expect(sb.data.byPhone(UNKNOWN_PHONE)!.optoutTime).not.toBeNull()
    })

    it('rejects a bad phone or status with 400', async () => {
      expect((await optin('555', true)).status).toBe(400)
      expect((await call(sb, 'PUT', `/api/v2/optin/text/${PERSONAS.member.phone}/maybe`)).status).toBe(400)
    })
  })

  describe('points', () => {
    const m = PERSONAS.member

    it('an adjustment changes the balance and shows in adjustments, the timeline and the ledger', async () => {
      const before = sb.data.byPhone(m.phone)!.loyaltyPoints!
      const r = await adjust(m.contactID, 25, 'Counter award [idem:01ABC]')
      expect(r.body).toMatchObject({ success: true, data: { loyaltyPoints: before + 25 } })
      nowMs += 60_000
      await adjust(m.contactID, -10, 'Correction')
      expect(sb.data.byPhone(m.phone)!.loyaltyPoints).toBe(before + 15)
      expect(sb.ledger).toEqual([
        { contactID: m.contactID, value: 25, note: 'Counter award [idem:01ABC]', ts: 1_800_000_000, uid: sb.uid },
        { contactID: m.contactID, value: -10, note: 'Correction', ts: 1_800_000_060, uid: sb.uid },
      ])
      const rows = (await get(sb, `/api/v1.1/adjustments/${sb.uid}/1800000000/1800000000`)).body.data
      expect(rows).toMatchObject([
        { value: 25, note: 'Counter award [idem:01ABC]', ts: 1_800_000_000, mobilePhone: m.phone, email: m.email, firstName: 'Maya', lastName: 'Lopez' },
      ])
      expect(rows[0].contactID ?? rows[0].cntID).toBe(m.contactID)
      expect((await get(sb, `/api/v1.1/adjustments/${sb.uid}/1800000000/1800000060`)).body.data).toHaveLength(2)
      const events = (await get(sb, `/api/v1.1/contact/loyaltyPoints/timeline/${sb.uid}/${m.contactID}?start=1800000000`)).body.data.events
      expect(events).toEqual([
        { ts: 1_800_000_000, type: 'adjust', value: 25, note: 'Counter award [idem:01ABC]', balance: before + 25 },
        { ts: 1_800_000_060, type: 'adjust', value: -10, note: 'Correction', balance: before + 15 },
      ])
      expect((await call(sb, 'POST', '/api/v2/wallet', { body: { phone: m.phone } })).body.data.loyaltyPoints).toBe(before + 15)
    })

    it('a retried adjustment applies twice (AIQ has no idempotency)', async () => {
      await adjust(m.contactID, 5, 'same')
      await adjust(m.contactID, 5, 'same')
      expect(sb.ledger).toHaveLength(2)
    })

    it('the list view sorted by points follows a change in balance', async () => {
      await adjust(PERSONAS.noConsent.contactID, 1_000_000, 'jackpot')
      const top = (await get(sb, `/api/v1.1/piis/${sb.uid}?sort=points&dir=desc&limit=1`)).body.data.results[0]
      expect(top.contactID).toBe(PERSONAS.noConsent.contactID)
    })

    it('rejects a non-numeric value (400) and an unknown contact (404), changing nothing', async () => {
      expect((await call(sb, 'PUT', `/api/v1.1/adjust/loyaltyPoints/${sb.uid}/${m.contactID}`, { body: { value: 'ten', note: '' } })).status).toBe(400)
      expect((await adjust('0'.repeat(32), 5, 'x')).status).toBe(404)
      expect(sb.ledger).toHaveLength(0)
    })

    it('redeeming a wallet reward deducts its points', async () => {
      const before = sb.data.byPhone(m.phone)!.loyaltyPoints!
      const wallet = (await call(sb, 'POST', '/api/v2/wallet', { body: { phone: m.phone } })).body.data
      const reward = wallet.discountTemplates.find((d: { available: boolean }) => d.available)
      const url = new URL(`${reward.redemptionURL}/TXN-1`)
      const r = await call(sb, 'PUT', url.pathname)
      expect(r.body.data.loyaltyPoints).toBe(before - reward.pointsDeduction)
    })
  })

  describe('traits and overrides', () => {
    const id = PERSONAS.member.contactID
    const traitsPath = `/api/v1.1/contact/traits/1000/${id}`

    it('POST merges by key, PUT replaces the set, GET returns it', async () => {
      const seeded = (await get(sb, traitsPath)).body.data as Array<{ key: string }>
      expect(seeded.length).toBeGreaterThan(0)
      const merged = (await call(sb, 'POST', traitsPath, { body: [{ key: 'favoriteCategory', value: 'Vapes' }, { key: 'pet', value: 'dog' }] })).body.data
      expect(merged).toHaveLength(seeded.length + 1)
      expect(merged).toContainEqual({ key: 'favoriteCategory', value: 'Vapes' })
      await call(sb, 'PUT', traitsPath, { body: [{ key: 'only', value: '1' }] })
      expect((await get(sb, traitsPath)).body.data).toEqual([{ key: 'only', value: '1' }])
      expect((await call(sb, 'POST', traitsPath, { body: { key: 'not-an-array' } })).status).toBe(400)
    })

    it('overrides round-trip, merge on POST, and win over later signups', async () => {
      const path = `/api/v2/loyaltyContact/override/1000/${id}`
      expect((await get(sb, path)).body.data).toEqual({})
      await call(sb, 'POST', path, { body: { firstName: 'Maia', birthday: '1990-04-20' } })
      expect((await call(sb, 'POST', path, { body: { nickname: 'M' } })).body.data).toEqual({ firstName: 'Maia', birthday: '1990-04-20', nickname: 'M' })
      expect((await get(sb, path)).body.data).toEqual({ firstName: 'Maia', birthday: '1990-04-20', nickname: 'M' })
      await signup({ mobilePhone: PERSONAS.member.phone, firstName: 'Maya' })
      expect((await get(sb, `/api/v1.1/piis/1000/${id}`)).body.data.firstName).toBe('Maia')
      expect((await get(sb, `/api/v2/loyaltyContact/override/1000/${'0'.repeat(32)}`)).status).toBe(404)
    })
  })
})

describe('documented profile only', () => {
  beforeEach(() => start('documented'))
  const m = PERSONAS.member

  it('the opt-in PUT answers exactly {success:true}', async () => {
    expect((await optin(PERSONAS.noConsent.phone, true)).body).toEqual({ success: true })
  })

  it('adjust answers {success, data:{loyaltyPoints}} and adjustment rows are keyed contactID', async () => {
    const before = sb.data.byPhone(m.phone)!.loyaltyPoints!
    expect((await adjust(m.contactID, 25, 'Counter award [idem:01ABC]')).body).toEqual({ success: true, data: { loyaltyPoints: before + 25 } })
    const rows = (await get(sb, `/api/v1.1/adjustments/${sb.uid}/1800000000/1800000000`)).body.data
    expect(rows).toEqual([
      { contactID: m.contactID, value: 25, note: 'Counter award [idem:01ABC]', ts: 1_800_000_000, mobilePhone: m.phone, email: m.email, firstName: 'Maya', lastName: 'Lopez' },
    ])
  })
})

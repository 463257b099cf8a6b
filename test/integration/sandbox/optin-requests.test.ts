// Opt-in requests, counted per phone in both profiles: a signup with smsoptin:true and the opt-in PUT with
// doubleOpt=true each make one; smsoptin:false makes none and opts nobody in. So a test can say "one signup never
// triggers two opt-in requests".
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PERSONAS, PROFILES, startSandbox, UNKNOWN_PHONE, type Sandbox } from '../../../electron/sandbox'
import { call } from '../../support/http'

const T0 = 1_800_000_000
let sb: Sandbox
afterEach(() => sb.close())

const signup = (body: unknown) => call(sb, 'POST', '/api/v2/loyalty', { body })
const optin = (phone: string, status: boolean, query = '') => call(sb, 'PUT', `/api/v2/optin/text/${phone}/${status}${query}`)

describe.each(PROFILES)('%s profile', (profile) => {
  beforeEach(async () => {
    sb = await startSandbox({ profile, personas: 40, clock: { now: () => T0 * 1000 } })
  })

  it('starts with none; smsRequests is the first account\'s list', () => {
    expect(sb.smsRequests).toEqual([])
    expect(sb.smsRequests).toBe(sb.data.smsRequests)
    expect(sb.data.optInRequests(PERSONAS.member.phone)).toBe(0)
  })

  it('a signup with smsoptin:true makes exactly one request, which texts the number (pending)', async () => {
    expect((await signup({ mobilePhone: UNKNOWN_PHONE, firstName: 'Nia', loyalty: true, smsoptin: true })).status).toBe(200)
    expect(sb.smsRequests).toEqual([{ phone: UNKNOWN_PHONE, at: T0, via: 'signup', outcome: 'requested' }])
    expect(sb.data.optInRequests(UNKNOWN_PHONE)).toBe(1)
    expect(sb.data.optInRequests('(303) 555-0199')).toBe(1)
    expect(sb.data.byPhone(UNKNOWN_PHONE)).toMatchObject({ hasRequested: true, optreqTime: T0, optinTime: null })
  })

  it('a signup with smsoptin:false sends nothing and opts nobody in', async () => {
    await signup({ mobilePhone: UNKNOWN_PHONE, loyalty: true, smsoptin: false })
    await signup({ mobilePhone: PERSONAS.noConsent.phone, loyalty: true, smsoptin: false })
    await signup({ mobilePhone: PERSONAS.nonMember.phone, loyalty: true })
    expect(sb.smsRequests).toEqual([])
    for (const phone of [UNKNOWN_PHONE, PERSONAS.noConsent.phone, PERSONAS.nonMember.phone]) {
      expect(sb.data.byPhone(phone), phone).toMatchObject({ optinTime: null, hasRequested: false, optreqTime: null, loyalty: true })
    }
  })

  it('smsoptin:false with automatic opt-in still opts nobody in', async () => {
    sb.data.settings.doubleOptIn = false
    await signup({ mobilePhone: UNKNOWN_PHONE, loyalty: true, smsoptin: false })
    expect(sb.data.byPhone(UNKNOWN_PHONE)).toMatchObject({ optinTime: null, hasRequested: false })
    expect(sb.smsRequests).toEqual([])
  })

  it('the opt-in PUT with doubleOpt=true (or doubleopt) is a request; a force-set or an opt-out is not', async () => {
    const phone = PERSONAS.noConsent.phone
    await optin(phone, true, '?doubleOpt=true')
    expect(sb.smsRequests).toEqual([{ phone, at: T0, via: 'optin', outcome: 'requested' }])
    await optin(phone, true, '?doubleopt=true')
    expect(sb.data.optInRequests(phone)).toBe(2)
    await optin(phone, true)
    await optin(phone, true, '?doubleOpt=true&loyalty=false')
    await optin(PERSONAS.member.phone, false)
    expect(sb.data.optInRequests(phone)).toBe(2)
    expect(sb.data.optInRequests(PERSONAS.member.phone)).toBe(0)
  })

  it('a signup plus a separate opt-in PUT for the same phone are two requests (what a test must catch)', async () => {
    await signup({ mobilePhone: UNKNOWN_PHONE, loyalty: true, smsoptin: true })
    await optin(UNKNOWN_PHONE, true, '?doubleOpt=true')
    expect(sb.data.optInRequests(UNKNOWN_PHONE)).toBe(2)
    expect(sb.smsRequests.map((r) => r.via)).toEqual(['signup', 'optin'])
  })

  it('requests that change nothing are still counted, with what came of them', async () => {
    await signup({ mobilePhone: PERSONAS.optedOut.phone, smsoptin: true })
    await optin(PERSONAS.member.phone, true, '?doubleOpt=true')
    await optin('9705559876', true, '?doubleOpt=true') // no contact yet
    expect(sb.smsRequests).toEqual([
      { phone: PERSONAS.optedOut.phone, at: T0, via: 'signup', outcome: 'ignored' },
      { phone: PERSONAS.member.phone, at: T0, via: 'optin', outcome: 'ignored' },
      { phone: '9705559876', at: T0, via: 'optin', outcome: 'remembered' },
    ])
    expect(sb.data.byPhone(PERSONAS.optedOut.phone)!.optoutTime).not.toBeNull()
  })

  it('a request remembered for a number with no contact is applied at its signup without counting again', async () => {
    await optin(UNKNOWN_PHONE, true, '?doubleOpt=true')
    await signup({ mobilePhone: UNKNOWN_PHONE, loyalty: true, smsoptin: false })
    expect(sb.data.optInRequests(UNKNOWN_PHONE)).toBe(1)
    expect(sb.data.byPhone(UNKNOWN_PHONE)).toMatchObject({ hasRequested: true, optinTime: null })
  })

  it('with automatic opt-in (settings.doubleOptIn=false) a signup request opts in at once', async () => {
    sb.data.settings.doubleOptIn = false
    await signup({ mobilePhone: UNKNOWN_PHONE, loyalty: true, smsoptin: true })
    expect(sb.smsRequests).toEqual([{ phone: UNKNOWN_PHONE, at: T0, via: 'signup', outcome: 'in' }])
    expect(sb.data.byPhone(UNKNOWN_PHONE)).toMatchObject({ optinTime: T0, hasRequested: false })
  })

  it('disableSMS:true cancels smsoptin:true', async () => {
    await signup({ mobilePhone: UNKNOWN_PHONE, loyalty: true, smsoptin: true, disableSMS: true })
    expect(sb.smsRequests).toEqual([])
  })

  it('a retried signup is a second request; smsRequests.length = 0 resets the count', async () => {
    await signup({ mobilePhone: UNKNOWN_PHONE, loyalty: true, smsoptin: true })
    await signup({ mobilePhone: UNKNOWN_PHONE, loyalty: true, smsoptin: true })
    expect(sb.data.optInRequests(UNKNOWN_PHONE)).toBe(2)
    sb.smsRequests.length = 0
    expect(sb.data.optInRequests(UNKNOWN_PHONE)).toBe(0)
  })

  it('a signup that fails (no phone or email) makes no request', async () => {
    expect((await signup({ smsoptin: true, firstName: 'Nobody' })).status).toBe(400)
    expect(sb.smsRequests).toEqual([])
  })
})

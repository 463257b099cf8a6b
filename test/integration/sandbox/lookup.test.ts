// GET /api/v2/loyalty/lookup/{pii}: flags only in the wild profile (no contactID), so a client finds the contact
// through the list search by phone, which must return the persona with exactly that mobilePhone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PERSONAS, PROFILES, startSandbox, UNKNOWN_EMAIL, UNKNOWN_PHONE, type Sandbox } from '../../../electron/sandbox'
import { call, get, rowsOf } from '../../support/http'

const m = PERSONAS.member
const look = async (sb: Sandbox, pii: string) => (await get(sb, `/api/v2/loyalty/lookup/${encodeURIComponent(pii)}`)).body
const search = async (sb: Sandbox, q: string) => rowsOf((await get(sb, `/api/v1.1/piis/${sb.uid}?search=${encodeURIComponent(q)}`)).body)

describe('wild profile: lookup without contactID', () => {
  let sb: Sandbox
  beforeAll(async () => {
    sb = await startSandbox({ profile: 'wild', personas: 240 })
  })
  afterAll(() => sb.close())

  it('answers {loyalty, optedIn, emailOptIn} and nothing else', async () => {
    expect(await look(sb, m.phone)).toEqual({ data: { loyalty: true, optedIn: true, emailOptIn: true }, code: 200, success: true })
    expect((await look(sb, m.email)).data).toEqual({ loyalty: true, optedIn: true, emailOptIn: true })
    expect((await look(sb, PERSONAS.pending.phone)).data).toEqual({ loyalty: true, optedIn: false, emailOptIn: false })
    expect((await look(sb, PERSONAS.nonMember.phone)).data).toEqual({ loyalty: false, optedIn: false, emailOptIn: false })
    for (const pii of [UNKNOWN_PHONE, UNKNOWN_EMAIL]) {
      expect((await look(sb, pii)).data).toEqual({ loyalty: false, optedIn: false, emailOptIn: false })
    }
  })

  it('the list search by a 10-digit phone returns the persona with exactly that mobilePhone', async () => {
    const seeded = sb.data.all().filter((p) => p.mobilePhone && !p.blocklisted)
    const picks = [seeded.find((p) => p.contactID === m.contactID)!, seeded[57]!, seeded[133]!, seeded.at(-1)!]
    for (const p of picks) {
      expect((await look(sb, p.mobilePhone!)).data).not.toHaveProperty('contactID')
      const hits = await search(sb, p.mobilePhone!)
      expect(hits.map((h) => h.contactID), p.mobilePhone!).toEqual([p.contactID])
      expect(hits[0].mobilePhone).toBe(p.mobilePhone)
      // a limit=1 search (what a check-in sends) works too
      expect(rowsOf((await get(sb, `/api/v1.1/piis/1000?search=${p.mobilePhone}&limit=1`)).body)[0].contactID).toBe(p.contactID)
    }
  })

  it('a 10-digit phone never matches a persona whose number only contains it or shares digits', async () => {
    const p = sb.data.all()[40]!
    const near = `${p.mobilePhone!.slice(0, 9)}${(Number(p.mobilePhone!.at(-1)) + 5) % 10}`
    const hits = await search(sb, near)
    expect(hits.every((h) => h.mobilePhone === near)).toBe(true)
  })

  it('a phone nobody has: lookup all false, search no rows (data left out)', async () => {
    expect((await look(sb, UNKNOWN_PHONE)).data).toEqual({ loyalty: false, optedIn: false, emailOptIn: false })
    expect((await get(sb, `/api/v1.1/piis/1000?search=${UNKNOWN_PHONE}`)).body).toEqual({ code: 200, success: true })
  })

  it('someone who just signed up is found by the search at once', async () => {
    const created = (await call(sb, 'POST', '/api/v2/loyalty', { body: { mobilePhone: UNKNOWN_PHONE, firstName: 'Nia', loyalty: true } })).body.data
    expect((await look(sb, UNKNOWN_PHONE)).data).toEqual({ loyalty: true, optedIn: false, emailOptIn: false })
    const hits = await search(sb, UNKNOWN_PHONE)
    expect(hits.map((h) => [h.contactID, h.mobilePhone])).toEqual([[created.contactID, UNKNOWN_PHONE]])
  })
})

describe('documented profile: lookup names the contact', () => {
  let sb: Sandbox
  beforeAll(async () => {
    sb = await startSandbox({ profile: 'documented', personas: 60 })
  })
  afterAll(() => sb.close())

  it('answers the flags plus contactID; unknown is all false without one', async () => {
    expect((await look(sb, m.phone)).data).toEqual({ loyalty: true, optedIn: true, emailOptIn: true, contactID: m.contactID })
    expect((await look(sb, UNKNOWN_PHONE)).data).toEqual({ loyalty: false, optedIn: false, emailOptIn: false })
  })
})

describe.each(PROFILES)('%s profile: search by phone', (profile) => {
  let sb: Sandbox
  beforeAll(async () => {
    sb = await startSandbox({ profile, personas: 60 })
  })
  afterAll(() => sb.close())

  it('any format of the phone finds exactly that persona', async () => {
    for (const q of [m.phone, '(303) 555-0100', '303.555.0100', '+1-303-555-0100', '+13035550100', '13035550100']) {
      const hits = await search(sb, q)
      expect(hits.map((h) => h.mobilePhone), q).toEqual([m.phone])
    }
  })
})

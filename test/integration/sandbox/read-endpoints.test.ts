// The read side of the sandbox's AIQ API: auth, routing, the list endpoint and every per-contact read.
// Shared behaviour runs against both profiles; what only the documented profile does is pinned at the end (the
// wild profile's own shapes are in wild-*.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Adjustment, LineItem, Persona, PersonaPage, Recommendation, StoreInfo, Timeline, Wallet } from '../../../electron/aiq/types'
import { PERSONAS, PROFILES, startSandbox, UNKNOWN_EMAIL, UNKNOWN_PHONE, type Sandbox } from '../../../electron/sandbox'
import { call, errorMessage, get, rowsOf } from '../../support/http'

const m = PERSONAS.member
const ACCOUNTS = [{ uid: '1000', apiKey: 'training-key' }, { uid: '2000', apiKey: 'other-key' }]

describe.each(PROFILES)('%s profile', (profile) => {
  let sb: Sandbox
  beforeAll(async () => {
    sb = await startSandbox({ profile, port: 0, accounts: ACCOUNTS })
  })
  afterAll(() => sb.close())

  describe('auth and routing', () => {
    it('listens on 127.0.0.1 and reports its url, profile and the training account', () => {
      expect(sb.profile).toBe(profile)
      expect(sb.url).toBe(`http://127.0.0.1:${sb.port}`)
      expect(sb.port).toBeGreaterThan(0)
      expect([sb.uid, sb.apiKey]).toEqual(['1000', 'training-key'])
    })

    it('rejects a missing or wrong API key with 403 and AIQ\'s message', async () => {
      for (const key of [null, 'nope', '']) {
        const r = await get(sb, '/api/v1.1/stores/1000', key)
        expect(r.status).toBe(403)
        expect(r.body).toMatchObject({ success: false, code: 403 })
        expect(errorMessage(r.body)).toBe('Please provide a valid API key')
      }
    })

    it('rejects a valid key used on another account\'s uid with 403', async () => {
      const r = await get(sb, '/api/v1.1/stores/2000')
      expect(r.status).toBe(403)
      expect(errorMessage(r.body)).toBe('Please provide a valid API key')
      expect((await get(sb, '/api/v1.1/stores/2000', 'other-key')).status).toBe(200)
    })

    it('only accepts the key in X-APIKEY (case-insensitive header name)', async () => {
      const bearer = await fetch(`${sb.url}/api/v1.1/stores/1000`, { headers: { Authorization: `Bearer ${sb.apiKey}` } })
      expect(bearer.status).toBe(403)
      const lower = await fetch(`${sb.url}/api/v1.1/stores/1000`, { headers: { 'x-apikey': sb.apiKey } })
      expect(lower.status).toBe(200)
    })

    it('answers an unknown route with 404 success:false', async () => {
      const r = await get(sb, '/api/v2/tiers/1000')
      expect(r.status).toBe(404)
      expect(r.body).toMatchObject({ success: false, code: 404 })
    })
  })

  describe('GET /api/v1.1/piis/{uid} (list)', () => {
    it('pages through every persona except the blocklisted, in name order', async () => {
      const seen: string[] = []
      let total = 0
      for (let start = 0; start < 1000; start += 100) {
        const r = await get(sb, `/api/v1.1/piis/1000?start=${start}&limit=100&search=%20`)
        if (!r.body.data?.results) break // documented: results null; wild: no data at all
        const page = PersonaPage.parse(r.body.data)
        total = page.total
        if (!page.results) break
        seen.push(...page.results.map((p) => p.contactID))
        expect(page.size).toBe(page.results.length)
      }
      const visible = sb.data.all().filter((p) => !p.blocklisted)
      expect(sb.data.size).toBe(240)
      expect(sb.data.all().filter((p) => p.blocklisted).length).toBeGreaterThanOrEqual(5)
      expect(seen).toHaveLength(visible.length)
      expect(total).toBe(visible.length)
      expect(new Set(seen).size).toBe(seen.length)
      expect(seen).not.toContain(PERSONAS.blocklisted.contactID)
      const page1 = (await get(sb, '/api/v1.1/piis/1000?limit=50')).body.data.results as Persona[]
      const names = page1.map((p) => `${p.lastName}\u0000${p.firstName}`.toLowerCase())
      expect(names).toEqual([...names].sort())
    })

    it('caps limit at 2000, defaults to 100, and answers 200 with no rows past the end', async () => {
      expect((await get(sb, '/api/v1.1/piis/1000?limit=5000')).body.data.limit).toBe(2000)
      expect((await get(sb, '/api/v1.1/piis/1000')).body.data).toMatchObject({ limit: 100, size: 100, start: 0 })
      const past = await get(sb, '/api/v1.1/piis/1000?start=100000')
      expect(past.status).toBe(200)
      expect(past.body).toMatchObject({ success: true, code: 200 })
      expect(rowsOf(past.body)).toEqual([])
    })

    it('sorts by points descending', async () => {
      const rows = (await get(sb, '/api/v1.1/piis/1000?limit=20&sort=points&dir=desc')).body.data.results as Persona[]
      const points = rows.map((p) => p.loyaltyPoints!)
      expect(points).toEqual([...points].sort((a, b) => b - a))
      expect(points[0]).toBe(Math.max(...sb.data.all().filter((p) => !p.blocklisted).map((p) => p.loyaltyPoints!)))
    })

    it('finds a persona by phone (any format), email, email: prefix, contactID, srcID and quoted full name', async () => {
      const searches = [m.phone, '(303) 555-0100', m.email, `email:${m.email.toUpperCase()}`, m.contactID, m.srcID, '"Maya Lopez"']
      for (const search of searches) {
        const page = (await get(sb, `/api/v1.1/piis/1000?search=${encodeURIComponent(search)}`)).body.data
        expect(page.results?.map((p: Persona) => p.contactID), search).toContain(m.contactID)
        if (search !== '"Maya Lopez"') expect(page.total, search).toBe(1)
      }
    })

    it('searches names by part and filters is:member / not:member / has:email', async () => {
      const lopez = (await get(sb, '/api/v1.1/piis/1000?search=lopez&limit=2000')).body.data.results as Persona[]
      expect(lopez.length).toBeGreaterThan(0)
      expect(lopez.every((p) => `${p.firstName} ${p.lastName}`.toLowerCase().includes('lopez'))).toBe(true)
      const members = (await get(sb, '/api/v1.1/piis/1000?search=is:member&limit=2000')).body.data
      const others = (await get(sb, '/api/v1.1/piis/1000?search=not:member&limit=2000')).body.data
      expect(members.results.every((p: Persona) => p.loyalty === true)).toBe(true)
      expect(others.results.every((p: Persona) => p.loyalty !== true)).toBe(true)
      expect(members.total + others.total).toBe(sb.data.all().filter((p) => !p.blocklisted).length)
      expect(others.total / (members.total + others.total)).toBeGreaterThan(0.07)
      expect(others.total / (members.total + others.total)).toBeLessThan(0.25)
      const withEmail = (await get(sb, '/api/v1.1/piis/1000?search=has:email%20not:member&limit=2000')).body.data.results as Persona[]
      expect(withEmail.every((p) => p.email && p.loyalty !== true)).toBe(true)
    })

    it('hides blocklisted personas from search too, and finds nothing for an unknown phone', async () => {
      for (const search of [PERSONAS.blocklisted.phone, UNKNOWN_PHONE]) {
        const r = await get(sb, `/api/v1.1/piis/1000?search=${search}`)
        expect(r.body).toMatchObject({ success: true, code: 200 })
        expect(rowsOf(r.body)).toEqual([])
      }
    })
  })

  describe('one persona', () => {
    it('GET piis/{uid}/{contactID} returns the persona with spend and referral', async () => {
      const p = Persona.parse((await get(sb, `/api/v1.1/piis/1000/${m.contactID}`)).body.data)
      expect(p).toMatchObject({ firstName: 'Maya', lastName: 'Lopez', mobilePhone: m.phone, email: m.email, loyalty: true })
      expect(p.contactID).toMatch(/^[0-9a-f]{32}$/)
      expect(p.spent).toBeGreaterThan(0)
      expect(p.referCode).toBeTruthy()
    })

    it('GET bysrcid finds by the POS id; unknown ids are 404 success:false', async () => {
      expect((await get(sb, `/api/v1.1/piis/1000/bysrcid/${m.srcID}`)).body.data.contactID).toBe(m.contactID)
      for (const path of ['/api/v1.1/piis/1000/bysrcid/no-such-id', `/api/v1.1/piis/1000/${'0'.repeat(32)}`]) {
        const r = await get(sb, path)
        expect(r.status).toBe(404)
        expect(r.body.success).toBe(false)
      }
    })

    it('blocklisted personas are still reachable by id', async () => {
      expect((await get(sb, `/api/v1.1/piis/1000/${PERSONAS.blocklisted.contactID}`)).status).toBe(200)
    })

    it('orders are flat line items of cannabis products; one visit shares a timestamp', async () => {
      const items = (await get(sb, `/api/v1.1/contact/orders/1000/${m.contactID}`)).body.data.map((x: unknown) => LineItem.parse(x))
      expect(items.length).toBeGreaterThanOrEqual(2)
      const visits = new Set(items.map((i: LineItem) => i.timestamp))
      expect(visits.size).toBeGreaterThanOrEqual(2)
      expect(visits.size).toBeLessThan(items.length + 1)
      for (const i of items) {
        expect(['Flower', 'Pre-Rolls', 'Vapes', 'Edibles', 'Concentrates', 'Tinctures', 'Topicals']).toContain(i.category)
        expect(i.brand && i.sku && i.storeName).toBeTruthy()
        expect(i.totalPrice).toBeGreaterThan(0)
      }
    })

    it('the points timeline ends at the current balance and filters by start/end', async () => {
      const t = Timeline.parse((await get(sb, `/api/v1.1/contact/loyaltyPoints/timeline/1000/${m.contactID}`)).body.data)
      const events = t.events!
      expect(events.length).toBeGreaterThan(1)
      expect(events.at(-1)!.balance).toBe(sb.data.byPhone(m.phone)!.loyaltyPoints)
      expect(events.reduce((s, e) => s + e.value, 0)).toBe(sb.data.byPhone(m.phone)!.loyaltyPoints)
      const mid = events[1]!.ts
      const later = (await get(sb, `/api/v1.1/contact/loyaltyPoints/timeline/1000/${m.contactID}?start=${mid}&end=${mid}`)).body.data.events
      expect(later.every((e: { ts: number }) => e.ts === mid)).toBe(true)
    })

    it('every seeded member\'s timeline adds up to their points', () => {
      for (const p of sb.data.all().slice(0, 60)) {
        const sum = sb.data.timeline(p.contactID).reduce((s, e) => s + e.value, 0)
        expect(sum, p.contactID).toBe(p.loyaltyPoints)
      }
    })

    it('recommendations are ranked best first', async () => {
      const recs = (await get(sb, `/api/v2/contact/recommendations/${m.contactID}`)).body.data.map((x: unknown) => Recommendation.parse(x))
      expect(recs.length).toBeGreaterThan(3)
      const scores = recs.map((r: Recommendation) => r.score!)
      expect(scores).toEqual([...scores].sort((a, b) => b - a))
      expect((await get(sb, `/api/v2/contact/recommendations/${'f'.repeat(32)}`)).status).toBe(404)
    })

    it('stores lists 3-4 stores', async () => {
      const stores = (await get(sb, '/api/v1.1/stores/1000')).body.data.stores.map((s: unknown) => StoreInfo.parse(s))
      expect(stores.length).toBeGreaterThanOrEqual(3)
      expect(stores.length).toBeLessThanOrEqual(4)
    })

    it('loyalty lookup by phone or email tells membership and consent; unknown is all false', async () => {
      const look = async (pii: string) => (await get(sb, `/api/v2/loyalty/lookup/${encodeURIComponent(pii)}`)).body.data
      expect(await look(m.phone)).toMatchObject({ loyalty: true, optedIn: true, emailOptIn: true })
      expect(await look(m.email)).toMatchObject({ loyalty: true, optedIn: true, emailOptIn: true })
      expect(await look(PERSONAS.optedOut.phone)).toMatchObject({ loyalty: true, optedIn: false })
      expect(await look(PERSONAS.pending.phone)).toMatchObject({ loyalty: true, optedIn: false })
      expect(await look(PERSONAS.nonMember.phone)).toMatchObject({ loyalty: false, optedIn: false })
      expect(await look(UNKNOWN_PHONE)).toEqual({ loyalty: false, optedIn: false, emailOptIn: false })
      expect(await look(UNKNOWN_EMAIL)).toEqual({ loyalty: false, optedIn: false, emailOptIn: false })
    })

    it('wallet by phone or email shows points and rewards; unknown is 404', async () => {
      const w = Wallet.parse((await call(sb, 'POST', '/api/v2/wallet', { body: { phone: m.phone } })).body.data)
      const points = sb.data.byPhone(m.phone)!.loyaltyPoints!
      expect(w).toMatchObject({ contactID: m.contactID, loyaltyPoints: points, hidePointsInWallet: false })
      expect(w.discountTemplates!.length).toBeGreaterThan(0)
      for (const d of w.discountTemplates!) {
        expect(d.available).toBe(points >= d.pointsDeduction!)
        expect(d).toHaveProperty('redemptionURL')
        expect(d).toHaveProperty('expiration')
        expect(d).toHaveProperty('inStoreRedemption')
      }
      expect((await call(sb, 'POST', '/api/v2/wallet', { body: { email: m.email } })).body.data.contactID).toBe(m.contactID)
      const unknown = await call(sb, 'POST', '/api/v2/wallet', { body: { phone: UNKNOWN_PHONE } })
      expect(unknown.status).toBe(404)
      expect(unknown.body.success).toBe(false)
    })

    it('adjustments for an empty window have no rows', async () => {
      const r = await get(sb, '/api/v1.1/adjustments/1000/1/2')
      expect(r.status).toBe(200)
      expect(r.body.success).toBe(true)
      expect(r.body.data ?? null).toBeNull()
    })
  })

  describe('seeding', () => {
    it('is deterministic for a seed and different across seeds', async () => {
      // one clock for all three: seeded history leads up to the start time, and two starts may fall in different seconds
      const clock = { now: () => 1_760_000_000_000 }
      const a = await startSandbox({ profile, seed: 7, personas: 50, clock })
      const b = await startSandbox({ profile, seed: 7, personas: 50, clock })
      const c = await startSandbox({ profile, seed: 8, personas: 50, clock })
      try {
        const rows = (s: Sandbox) => JSON.stringify(s.data.all().map((p) => [p.contactID, p.firstName, p.mobilePhone, p.loyaltyPoints]))
        expect(rows(a)).toBe(rows(b))
        expect(rows(a)).not.toBe(rows(c))
        const id = a.data.all()[20]!.contactID
        expect(JSON.stringify(a.data.orders(id))).toBe(JSON.stringify(b.data.orders(id)))
        expect(a.data.byPhone(PERSONAS.member.phone)!.contactID).toBe(c.data.byPhone(PERSONAS.member.phone)!.contactID)
      } finally {
        await Promise.all([a.close(), b.close(), c.close()])
      }
    })

    it('never seeds UNKNOWN_PHONE, uses 10-digit phones, and gives each persona unique ids', () => {
      const all = sb.data.all()
      expect(sb.data.byPhone(UNKNOWN_PHONE)).toBeUndefined()
      expect(all.every((p) => p.mobilePhone === null || /^\d{10}$/.test(p.mobilePhone!))).toBe(true)
      expect(new Set(all.map((p) => p.contactID)).size).toBe(all.length)
      expect(new Set(all.map((p) => p.srcID)).size).toBe(all.length)
      expect(all.some((p) => p.hasRequested)).toBe(true)
      expect(all.filter((p) => p.optoutTime).length).toBeGreaterThan(3)
    })

    it('a second account starts empty and is isolated', async () => {
      const r = await get(sb, '/api/v1.1/piis/2000', 'other-key')
      expect(r.status).toBe(200)
      expect(rowsOf(r.body)).toEqual([])
      expect((await get(sb, `/api/v1.1/piis/2000/${m.contactID}`, 'other-key')).status).toBe(404)
    })
  })
})

describe('documented profile only', () => {
  let sb: Sandbox
  beforeAll(async () => {
    sb = await startSandbox({ profile: 'documented', port: 0, accounts: ACCOUNTS })
  })
  afterAll(() => sb.close())

  it('403 body is {success:false, code, message}', async () => {
    const r = await get(sb, '/api/v1.1/stores/1000', 'nope')
    expect(r.body).toEqual({ success: false, code: 403, message: 'Please provide a valid API key' })
  })

  it('matches path segments case-insensitively', async () => {
    for (const path of [
      `/api/v1.1/adjust/loyaltypoints/1000/${m.contactID}`,
      `/API/V1.1/ADJUST/LOYALTYPOINTS/1000/${m.contactID}`,
    ]) {
      expect((await call(sb, 'PUT', path, { body: { value: 0, note: 'case check' } })).status).toBe(200)
    }
    expect((await get(sb, `/api/v1.1/piis/1000/BYSRCID/${m.srcID}`)).status).toBe(200)
    expect((await get(sb, `/api/v1.1/piis/1000/bySrcID/${m.srcID}`)).status).toBe(200)
    expect((await get(sb, `/api/v1.1/contact/LoyaltyPoints/Timeline/1000/${m.contactID}`)).status).toBe(200)
  })

  it('a known path with the wrong method is a 404 like any unknown route', async () => {
    const r = await call(sb, 'DELETE', '/api/v1.1/stores/1000')
    expect(r.status).toBe(404)
    expect(r.body).toMatchObject({ success: false, code: 404 })
  })

  it('list past the end is results:null with code 200', async () => {
    const past = await get(sb, '/api/v1.1/piis/1000?start=100000')
    expect(past.body).toMatchObject({ success: true, code: 200, data: { results: null, size: 0 } })
    for (const search of [PERSONAS.blocklisted.phone, UNKNOWN_PHONE]) {
      const r = await get(sb, `/api/v1.1/piis/1000?search=${search}`)
      expect(r.body).toMatchObject({ success: true, code: 200, data: { results: null, total: 0 } })
    }
    expect((await get(sb, '/api/v1.1/piis/2000', 'other-key')).body.data).toMatchObject({ results: null, total: 0 })
  })

  it('loyalty lookup names the contactID', async () => {
    const look = async (pii: string) => (await get(sb, `/api/v2/loyalty/lookup/${encodeURIComponent(pii)}`)).body.data
    expect(await look(m.phone)).toEqual({ loyalty: true, optedIn: true, emailOptIn: true, contactID: m.contactID })
    expect(await look(m.email)).toMatchObject({ contactID: m.contactID })
  })

  it('adjustments for an empty window are data:null', async () => {
    const r = await get(sb, '/api/v1.1/adjustments/1000/1/2')
    expect(r.body).toEqual({ success: true, data: null })
    Adjustment.array().nullable().parse(r.body.data)
  })
})

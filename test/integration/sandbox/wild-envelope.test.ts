// The wild profile's envelope, as AIQ's Go library gserv writes it: {data?, code, success} with data left out when
// empty, and {errors: [{message}], code, success:false} for every error. The documented shapes are pinned alongside.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { PERSONAS, startSandbox, UNKNOWN_PHONE, type Sandbox } from '../../../electron/sandbox'
import { call, get } from '../../support/http'

const m = PERSONAS.member
const NOBODY = '9705559876' // never seeded in a 40-persona sandbox
const ACCOUNTS = [{ uid: '1000', apiKey: 'training-key' }, { uid: '2000', apiKey: 'other-key' }]

describe('wild profile: success bodies', () => {
  let sb: Sandbox
  let empty: string // a contact with no orders, no recommendations and no points events
  beforeAll(async () => {
    sb = await startSandbox({ profile: 'wild', personas: 40, accounts: ACCOUNTS })
    empty = sb.data.add({ mobilePhone: UNKNOWN_PHONE, firstName: 'Nia', lastName: 'Brooks', loyalty: true, loyaltyPoints: 0 }).contactID
  })
  afterAll(() => sb.close())

  it('a body with data is {data, code:200, success:true}, in that order', async () => {
    const r = await get(sb, `/api/v1.1/piis/1000/${m.contactID}`)
    expect(r.status).toBe(200)
    expect(Object.keys(r.body)).toEqual(['data', 'code', 'success'])
    expect(r.body).toMatchObject({ code: 200, success: true, data: { contactID: m.contactID } })
    expect(r.body).not.toHaveProperty('message')
  })

  it('the list with rows is {data:{results,...}, code, success}', async () => {
    const r = await get(sb, '/api/v1.1/piis/1000?limit=5')
    expect(r.body).toMatchObject({ code: 200, success: true, data: { start: 0, limit: 5, size: 5 } })
    expect(r.body.data.results).toHaveLength(5)
  })

  it('the list with no results leaves data out entirely', async () => {
    expect(sb.data.byPhone(NOBODY)).toBeUndefined()
    for (const path of [
      `/api/v1.1/piis/1000?search=${NOBODY}`,
      `/api/v1.1/piis/1000?search=${PERSONAS.blocklisted.phone}`,
      '/api/v1.1/piis/1000?start=100000',
    ]) {
      const r = await get(sb, path)
      expect(r.status, path).toBe(200)
      expect(r.body, path).toEqual({ code: 200, success: true })
    }
    expect((await get(sb, '/api/v1.1/piis/2000', 'other-key')).body).toEqual({ code: 200, success: true })
  })

  it('empty adjustments, orders and recommendations leave data out', async () => {
    for (const path of [
      '/api/v1.1/adjustments/1000/1/2',
      `/api/v1.1/contact/orders/1000/${empty}`,
      `/api/v2/contact/recommendations/${empty}`,
    ]) {
      const r = await get(sb, path)
      expect(r.status, path).toBe(200)
      expect(r.body, path).toEqual({ code: 200, success: true })
    }
  })

  it('a timeline with no events leaves the events key out', async () => {
    const r = await get(sb, `/api/v1.1/contact/loyaltyPoints/timeline/1000/${empty}`)
    expect(r.body).toEqual({ data: { contactID: empty, loyaltyPoints: 0 }, code: 200, success: true })
    const some = await get(sb, `/api/v1.1/contact/loyaltyPoints/timeline/1000/${m.contactID}`)
    expect(some.body.data.events.length).toBeGreaterThan(0)
  })

  it('the opt-in PUT answers {code:200, success:true}', async () => {
    const r = await call(sb, 'PUT', `/api/v2/optin/text/${PERSONAS.noConsent.phone}/true`)
    expect(r.body).toEqual({ code: 200, success: true })
  })

  it('traits [] and overrides {} are sent as they are (they were never null)', async () => {
    await call(sb, 'PUT', `/api/v1.1/contact/traits/1000/${empty}`, { body: [] })
    expect((await get(sb, `/api/v1.1/contact/traits/1000/${empty}`)).body).toEqual({ data: [], code: 200, success: true })
    expect((await get(sb, `/api/v2/loyaltyContact/override/1000/${empty}`)).body).toEqual({ data: {}, code: 200, success: true })
  })
})

describe('wild profile: error bodies', () => {
  let sb: Sandbox
  beforeEach(async () => {
    sb = await startSandbox({ profile: 'wild', personas: 20, accounts: ACCOUNTS })
  })
  afterEach(() => sb.close())

  const errorBody = (code: number, message: string) => ({ errors: [{ message }], code, success: false })

  it('403 for a missing, wrong or other account\'s key, with AIQ\'s text and no top-level message', async () => {
    for (const key of [null, 'nope']) {
      const r = await get(sb, '/api/v1.1/stores/1000', key)
      expect(r.status).toBe(403)
      expect(r.body).toEqual(errorBody(403, 'Please provide a valid API key'))
    }
    expect((await get(sb, '/api/v1.1/stores/2000')).body).toEqual(errorBody(403, 'Please provide a valid API key'))
  })

  it('unknown path: gserv\'s own 404', async () => {
    const r = await get(sb, '/api/v2/tiers/1000')
    expect(r.status).toBe(404)
    expect(r.body).toEqual({ errors: [{ message: 'Not Found' }], code: 404, success: false })
  })

  it('known path, wrong method: 405 Method Not Allowed', async () => {
    const r = await call(sb, 'DELETE', '/api/v1.1/stores/1000')
    expect(r.status).toBe(405)
    expect(r.body).toEqual({ errors: [{ message: 'Method Not Allowed' }], code: 405, success: false })
  })

  it('a handler\'s own errors (unknown contact, bad body) use the same shape', async () => {
    const missing = await get(sb, `/api/v1.1/piis/1000/${'0'.repeat(32)}`)
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({ code: 404, success: false, errors: [{ message: expect.any(String) }] })
    expect(missing.body).not.toHaveProperty('message')
    expect(missing.body.errors[0].message).not.toBe('Not Found')
    const bad = await call(sb, 'POST', '/api/v2/loyalty', { body: { firstName: 'Nobody' } })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body)).toEqual(['errors', 'code', 'success'])
  })

  it('fault-injected statuses use the same error shape', async () => {
    sb.faults.set({ kind: 'status', status: 503, times: 1 }, { kind: 'rateLimit', retryAfterSec: 3, times: 1 })
    const down = await get(sb, '/api/v1.1/stores/1000')
    expect(down.status).toBe(503)
    expect(down.body).toEqual(errorBody(503, 'Sandbox fault: HTTP 503'))
    const limited = await get(sb, '/api/v1.1/stores/1000')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('3')
    expect(limited.body).toEqual(errorBody(429, 'Too many requests'))
  })
})

describe('documented profile: the same cases keep today\'s shapes', () => {
  let sb: Sandbox
  let empty: string
  beforeAll(async () => {
    sb = await startSandbox({ profile: 'documented', personas: 40 })
    empty = sb.data.add({ mobilePhone: UNKNOWN_PHONE, loyalty: true, loyaltyPoints: 0 }).contactID
  })
  afterAll(() => sb.close())

  it('empty collections are null; the empty list adds code:200', async () => {
    expect((await get(sb, '/api/v1.1/piis/1000?start=100000')).body).toEqual({
      success: true, code: 200, data: { results: null, start: 100000, limit: 100, size: 0, total: expect.any(Number) },
    })
    for (const path of ['/api/v1.1/adjustments/1000/1/2', `/api/v1.1/contact/orders/1000/${empty}`, `/api/v2/contact/recommendations/${empty}`]) {
      expect((await get(sb, path)).body, path).toEqual({ success: true, data: null })
    }
    expect((await get(sb, `/api/v1.1/contact/loyaltyPoints/timeline/1000/${empty}`)).body).toEqual({
      success: true, data: { contactID: empty, loyaltyPoints: 0, events: null },
    })
  })

  it('errors are {success:false, code, message}', async () => {
    expect((await get(sb, '/api/v1.1/stores/1000', 'nope')).body).toEqual({ success: false, code: 403, message: 'Please provide a valid API key' })
    expect((await get(sb, '/api/v2/tiers/1000')).body).toEqual({ success: false, code: 404, message: 'No route for GET /api/v2/tiers/1000' })
    sb.faults.set({ kind: 'status', status: 503, times: 1 })
    expect((await get(sb, '/api/v1.1/stores/1000')).body).toEqual({ success: false, code: 503, message: 'Sandbox fault: HTTP 503' })
  })
})

// Routing per profile: wild matches paths case-sensitively in exactly the casing electron/aiq/client.ts sends and
// tells a wrong method (405) from an unknown path (404); documented matches any casing and says 404 to both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PERSONAS, PROFILES, REWARDS, startSandbox, type Sandbox } from '../../../electron/sandbox'
import { RedemptionBook } from '../../../electron/sandbox/redemptions'
import { call } from '../../support/http'

const m = PERSONAS.member
const id = m.contactID
/** the member's first reward link in a fresh sandbox (one-time tokens are issued in a fixed order per account) */
const token = new RedemptionBook('1000').tokenFor(id, REWARDS[0]!.id)

/** Every endpoint, spelled as the client sends it (plus the wallet's redemption URL). */
const CLIENT_PATHS: Array<[method: string, path: string, body?: unknown]> = [
  ['GET', '/api/v1.1/piis/1000?search=3035550100'],
  ['GET', `/api/v1.1/piis/1000/${id}`],
  ['GET', `/api/v1.1/piis/1000/bysrcid/${m.srcID}`],
  ['POST', '/api/v2/loyalty', { mobilePhone: m.phone }],
  ['GET', `/api/v2/loyaltyContact/override/1000/${id}`],
  ['POST', `/api/v2/loyaltyContact/override/1000/${id}`, { nickname: 'M' }],
  ['GET', `/api/v2/loyalty/lookup/${m.phone}`],
  ['PUT', `/api/v2/optin/text/${m.phone}/true`],
  ['PUT', `/api/v1.1/adjust/loyaltyPoints/1000/${id}`, { value: 0, note: 'routing' }],
  ['GET', '/api/v1.1/adjustments/1000/1/2'],
  ['GET', `/api/v1.1/contact/traits/1000/${id}`],
  ['POST', `/api/v1.1/contact/traits/1000/${id}`, [{ key: 'a', value: '1' }]],
  ['PUT', `/api/v1.1/contact/traits/1000/${id}`, [{ key: 'a', value: '1' }]],
  ['GET', `/api/v1.1/contact/orders/1000/${id}`],
  ['GET', `/api/v1.1/contact/loyaltyPoints/timeline/1000/${id}`],
  ['GET', `/api/v2/contact/recommendations/${id}`],
  ['POST', '/api/v2/wallet', { phone: m.phone }],
  ['GET', '/api/v1.1/stores/1000'],
  ['PUT', `/api/v1.1/discount/redeem/1000/${REWARDS[0]!.id}/${token}/TXN-1`],
  ['GET', '/api/v1.1/redemptions/1000/1/2'],
]

/** Other casings of client paths: only the documented profile accepts them. */
const OTHER_CASINGS: Array<[method: string, path: string, body?: unknown]> = [
  ['GET', `/api/v1.1/piis/1000/bySrcID/${m.srcID}`],
  ['GET', `/api/v1.1/piis/1000/BYSRCID/${m.srcID}`],
  ['GET', `/api/v2/loyaltycontact/override/1000/${id}`],
  ['PUT', `/api/v1.1/adjust/loyaltypoints/1000/${id}`, { value: 0, note: 'routing' }],
  ['PUT', `/API/V1.1/ADJUST/LOYALTYPOINTS/1000/${id}`, { value: 0, note: 'routing' }],
  ['GET', `/api/v1.1/contact/loyaltypoints/timeline/1000/${id}`],
  ['GET', `/api/v1.1/contact/LoyaltyPoints/Timeline/1000/${id}`],
  ['GET', `/api/v2/loyalty/Lookup/${m.phone}`],
  ['GET', `/api/v2/Loyalty/lookup/${m.phone}`],
  ['POST', '/api/v2/Wallet', { phone: m.phone }],
  ['GET', '/API/v1.1/stores/1000'],
  ['GET', '/api/V1.1/piis/1000'],
]

describe.each(PROFILES)('%s profile: the client\'s own casing', (profile) => {
  let sb: Sandbox
  beforeAll(async () => {
    sb = await startSandbox({ profile, personas: 20 })
  })
  afterAll(() => sb.close())

  it.each(CLIENT_PATHS)('%s %s answers 200', async (method, path, body) => {
    const r = await call(sb, method, path, { body })
    expect(r.status).toBe(200)
    expect(r.body.success).toBe(true)
  })

  it('an unknown path is a 404', async () => {
    for (const path of ['/api/v2/tiers/1000', '/api/v2/loyalty/1000', '/nope', `/api/v1.1/piis/1000/${id}/extra/segments`]) {
      const r = await call(sb, 'GET', path)
      expect(r.status, path).toBe(404)
      expect(r.body).toMatchObject({ success: false, code: 404 })
    }
  })
})

describe('wild profile: case-sensitive, 405 for a wrong method', () => {
  let sb: Sandbox
  beforeAll(async () => {
    sb = await startSandbox({ profile: 'wild', personas: 20 })
  })
  afterAll(() => sb.close())

  it.each(OTHER_CASINGS)('%s %s is gserv\'s 404', async (method, path, body) => {
    const r = await call(sb, method, path, { body })
    expect(r.status).toBe(404)
    expect(r.body).toEqual({ errors: [{ message: 'Not Found' }], code: 404, success: false })
  })

  it('a wrongly cased adjust never lands', async () => {
    await call(sb, 'PUT', `/api/v1.1/adjust/loyaltypoints/1000/${id}`, { body: { value: 10, note: 'lost' } })
    expect(sb.ledger).toHaveLength(0)
  })

  it('a known path with a method it does not take is a 405, before auth', async () => {
    for (const [method, path] of [
      ['DELETE', '/api/v1.1/stores/1000'],
      ['POST', `/api/v1.1/piis/1000/${id}`],
      ['GET', `/api/v1.1/adjust/loyaltyPoints/1000/${id}`],
      ['PUT', '/api/v2/loyalty'],
      ['GET', '/api/v2/wallet'],
      ['DELETE', `/api/v1.1/contact/traits/1000/${id}`],
    ] as const) {
      const r = await call(sb, method, path, { key: null })
      expect(r.status, `${method} ${path}`).toBe(405)
      expect(r.body).toEqual({ errors: [{ message: 'Method Not Allowed' }], code: 405, success: false })
    }
  })

  it('a wrong method on a wrongly cased path is still a 404 (the path is unknown)', async () => {
    expect((await call(sb, 'DELETE', '/api/v1.1/Stores/1000')).status).toBe(404)
  })

  it('params keep their case and are not part of the casing rule', async () => {
    expect((await call(sb, 'GET', `/api/v1.1/piis/1000/${id.toUpperCase()}`)).status).toBe(200)
    expect((await call(sb, 'GET', `/api/v1.1/piis/1000/bysrcid/${m.srcID.toUpperCase()}`)).status).toBe(200)
  })
})

describe('documented profile: case-insensitive, 404 for a wrong method', () => {
  let sb: Sandbox
  beforeAll(async () => {
    sb = await startSandbox({ profile: 'documented', personas: 20 })
  })
  afterAll(() => sb.close())

  it.each(OTHER_CASINGS)('%s %s answers 200', async (method, path, body) => {
    const r = await call(sb, method, path, { body })
    expect(r.status).toBe(200)
    expect(r.body.success).toBe(true)
  })

  it('a known path with a method it does not take is a 404', async () => {
    for (const [method, path] of [['DELETE', '/api/v1.1/stores/1000'], ['GET', `/api/v1.1/adjust/loyaltyPoints/1000/${id}`], ['PUT', '/api/v2/loyalty']] as const) {
      const r = await call(sb, method, path)
      expect(r.status, `${method} ${path}`).toBe(404)
      expect(r.body).toMatchObject({ success: false, code: 404 })
    }
  })
})

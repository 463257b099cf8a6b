// Each AIQ endpoint: what is sent (method, path, query, key, body) and how the answer is unwrapped.
import { describe, expect, it } from 'vitest'
import { toPhone10 } from '../../../../shared/phone'
import type { AiqClient } from '../../../../electron/aiq/types'
import { type Expected, expectSent, fakeAiq, json, ok, UID } from '../../../support/fake-fetch'

const persona = { contactID: 'c0ffee', firstName: 'Ana', mobilePhone: '5552010001', loyaltyPoints: 120, leakyBucket: 'gold' }
/** what the client keeps: the fields the app uses (an unknown one like leakyBucket is reported, not passed on) */
const { leakyBucket: _unused, ...read } = persona
const traits = [
  { key: 'tier', value: 'gold' },
  { key: 'pet', value: 'dog' },
]

type Case = { name: string; call: (c: AiqClient) => Promise<unknown>; sent: Expected; data: unknown; result: unknown }

const cases: Case[] = [
  {
    name: 'listPersonas',
    call: (c) => c.listPersonas({ start: 0, limit: 1, search: '5552010001', sort: 'points', dir: 'desc' }),
    sent: { method: 'GET', path: `/api/v1.1/piis/${UID}`, query: { start: '0', limit: '1', search: '5552010001', sort: 'points', dir: 'desc' } },
    data: { results: [persona], start: 0, limit: 1, size: 1, total: 7, code: 200 },
    result: { results: [read], start: 0, limit: 1, size: 1, total: 7 },
  },
  {
    name: 'getPersona',
    call: (c) => c.getPersona('c0ffee'),
    sent: { method: 'GET', path: `/api/v1.1/piis/${UID}/c0ffee` },
    data: persona,
    result: read,
  },
  {
    name: 'getPersonaBySrcId (segment encoded)',
    call: (c) => c.getPersonaBySrcId('pos/77 a'),
    sent: { method: 'GET', path: `/api/v1.1/piis/${UID}/bysrcid/pos%2F77%20a` },
    data: { ...persona, srcID: 'pos/77 a' },
    result: { ...read, srcID: 'pos/77 a' },
  },
  {
    name: 'signUp (phone normalised)',
    call: (c) => c.signUp({ mobilePhone: '(555) 201-0001', firstName: 'Ana', loyalty: true, smsoptin: false, favoriteStoreID: 3 }),
    sent: {
      method: 'POST',
      path: '/api/v2/loyalty',
      body: { mobilePhone: '5552010001', firstName: 'Ana', loyalty: true, smsoptin: false, favoriteStoreID: 3 },
    },
    data: { contactID: 'c0ffee' },
    result: { contactID: 'c0ffee' },
  },
  {
    name: 'getOverrides',
    call: (c) => c.getOverrides('c0ffee'),
    sent: { method: 'GET', path: `/api/v2/loyaltyContact/override/${UID}/c0ffee` },
    data: { firstName: 'Annie', birthday: '1990-02-03' },
    result: { firstName: 'Annie', birthday: '1990-02-03' },
  },
  {
    name: 'setOverrides',
    call: (c) => c.setOverrides('c0ffee', { firstName: 'Annie', mobilePhone: '+1 555 201 0002' }),
    sent: { method: 'POST', path: `/api/v2/loyaltyContact/override/${UID}/c0ffee`, body: { firstName: 'Annie', mobilePhone: '5552010002' } },
    data: { firstName: 'Annie', mobilePhone: '5552010002', lastName: 'Lee' },
    result: { firstName: 'Annie', mobilePhone: '5552010002', lastName: 'Lee' },
  },
  {
    name: 'lookupLoyalty by phone',
    call: (c) => c.lookupLoyalty(toPhone10('+1 (555) 201-0001')!),
    sent: { method: 'GET', path: '/api/v2/loyalty/lookup/5552010001' },
    data: { loyalty: true, optedIn: false, contactID: 'c0ffee' },
    result: { loyalty: true, optedIn: false, contactID: 'c0ffee' },
  },
  {
    name: 'lookupLoyalty by email (URL-encoded)',
    call: (c) => c.lookupLoyalty(' ana+pos@example.com '),
    sent: { method: 'GET', path: '/api/v2/loyalty/lookup/ana%2Bpos%40example.com' },
    data: { loyalty: false, optedIn: false, emailOptIn: true },
    result: { loyalty: false, optedIn: false, emailOptIn: true },
  },
  {
    name: 'setSmsOptIn',
    call: (c) => c.setSmsOptIn(toPhone10('555.201.0001')!, true, { doubleOpt: true, loyalty: false }),
    sent: { method: 'PUT', path: '/api/v2/optin/text/5552010001/true', query: { doubleOpt: 'true', loyalty: 'false' } },
    data: null,
    result: undefined,
  },
  {
    name: 'setSmsOptIn without options',
    call: (c) => c.setSmsOptIn(toPhone10('5552010001')!, false),
    sent: { method: 'PUT', path: '/api/v2/optin/text/5552010001/false' },
    data: null,
    result: undefined,
  },
  {
    name: 'adjustPoints',
    call: (c) => c.adjustPoints('c0ffee', { value: -25, note: 'refund #81' }),
    sent: { method: 'PUT', path: `/api/v1.1/adjust/loyaltyPoints/${UID}/c0ffee`, body: { value: -25, note: 'refund #81' } },
    data: { loyaltyPoints: 95 },
    result: { loyaltyPoints: 95 },
  },
  {
    name: 'listAdjustments',
    call: (c) => c.listAdjustments(1_700_000_000, 1_700_086_400),
    sent: { method: 'GET', path: `/api/v1.1/adjustments/${UID}/1700000000/1700086400` },
    data: [{ contactID: 'c0ffee', value: 10, note: 'sale', ts: 1_700_000_100, email: null }],
    result: [{ contactID: 'c0ffee', value: 10, note: 'sale', ts: 1_700_000_100, email: null }],
  },
  {
    name: 'getTraits',
    call: (c) => c.getTraits('c0ffee'),
    sent: { method: 'GET', path: `/api/v1.1/contact/traits/${UID}/c0ffee` },
    data: traits,
    result: traits,
  },
  {
    name: 'addTraits',
    call: (c) => c.addTraits('c0ffee', [{ key: 'pet', value: 'dog' }]),
    sent: { method: 'POST', path: `/api/v1.1/contact/traits/${UID}/c0ffee`, body: [{ key: 'pet', value: 'dog' }] },
    data: traits,
    result: traits,
  },
  {
    name: 'replaceTraits',
    call: (c) => c.replaceTraits('c0ffee', traits),
    sent: { method: 'PUT', path: `/api/v1.1/contact/traits/${UID}/c0ffee`, body: traits },
    data: traits,
    result: traits,
  },
  {
    name: 'getOrders',
    call: (c) => c.getOrders('c0ffee'),
    sent: { method: 'GET', path: `/api/v1.1/contact/orders/${UID}/c0ffee` },
    data: [{ name: 'Blue Dream 3.5g', brand: 'Acme', quantity: 1, totalPrice: 35, timestamp: 1_700_000_000, storeName: 'Main' }],
    result: [{ name: 'Blue Dream 3.5g', brand: 'Acme', quantity: 1, totalPrice: 35, timestamp: 1_700_000_000, storeName: 'Main' }],
  },
  {
    name: 'getTimeline with a window',
    call: (c) => c.getTimeline('c0ffee', { startSec: 1_700_000_000, endSec: 1_700_086_400 }),
    sent: { method: 'GET', path: `/api/v1.1/contact/loyaltyPoints/timeline/${UID}/c0ffee`, query: { start: '1700000000', end: '1700086400' } },
    data: { contactID: 'c0ffee', events: [{ ts: 1_700_000_100, type: 'adjust', value: 10, note: 'sale', balance: 130 }] },
    result: { events: [{ ts: 1_700_000_100, type: 'adjust', value: 10, note: 'sale', balance: 130 }] },
  },
  {
    name: 'getRecommendations (rank order kept)',
    call: (c) => c.getRecommendations('c0ffee'),
    sent: { method: 'GET', path: '/api/v2/contact/recommendations/c0ffee' },
    data: [
      { name: 'Gummies', score: 0.9 },
      { name: 'Pre-roll', score: 0.4 },
    ],
    result: [
      { name: 'Gummies', score: 0.9 },
      { name: 'Pre-roll', score: 0.4 },
    ],
  },
  {
    name: 'getWallet by phone',
    call: (c) => c.getWallet({ phone: toPhone10('1-555-201-0001')! }),
    sent: { method: 'POST', path: '/api/v2/wallet', body: { phone: '5552010001' } },
    data: { contactID: 'c0ffee', loyaltyPoints: 120, discountTemplates: [{ id: 'd1', name: '$5 off', pointsDeduction: 100 }] },
    result: { contactID: 'c0ffee', loyaltyPoints: 120, discountTemplates: [{ id: 'd1', name: '$5 off', pointsDeduction: 100 }] },
  },
  {
    name: 'getWallet by email',
    call: (c) => c.getWallet({ email: 'ana@example.com' }),
    sent: { method: 'POST', path: '/api/v2/wallet', body: { email: 'ana@example.com' } },
    data: { loyaltyPoints: 0, hidePointsInWallet: true },
    result: { loyaltyPoints: 0, hidePointsInWallet: true },
  },
  {
    name: 'listStores (data.stores)',
    call: (c) => c.listStores(),
    sent: { method: 'GET', path: `/api/v1.1/stores/${UID}` },
    data: { stores: [{ id: 1, name: 'Main St', nickname: null, addr: '1 Main' }] },
    result: [{ id: 1, name: 'Main St', nickname: null, addr: '1 Main' }],
  },
  {
    name: 'redeem (the wallet URL, transaction id appended)',
    call: (c) => c.redeem(`http://127.0.0.1:9/api/v1.1/discount/redeem/${UID}/d1/tok9`, 'TXN-5'),
    sent: { method: 'PUT', path: `/api/v1.1/discount/redeem/${UID}/d1/tok9/TXN-5` },
    data: { loyaltyPoints: 20 },
    result: { loyaltyPoints: 20 },
  },
  {
    name: 'listRedemptions',
    call: (c) => c.listRedemptions(100, 200),
    sent: { method: 'GET', path: `/api/v1.1/redemptions/${UID}/100/200` },
    data: [{ contactID: 'c0ffee', discountID: 'd1', transactionID: 'TXN-5', pointsDeduction: 100, ts: 150 }],
    result: [{ contactID: 'c0ffee', discountID: 'd1', transactionID: 'TXN-5', points: 100, ts: 150 }],
  },
]

describe('AIQ client: each endpoint', () => {
  it.each(cases)('$name sends the right request and returns the unwrapped data', async ({ call, sent: want, data, result }) => {
    const { client, sent } = fakeAiq(() => ok(data))
    // answers are normalised: every known field is there (null when AIQ sent none), so compare what was sent
    const got = await call(client)
    // wrapped, so one assertion holds for an object, a list (same length, each item matched) and nothing at all
    expect({ got }).toMatchObject({ got: result })
    await expectSent(sent, want)
  })

  it('covers every method of the AiqClient interface', () => {
    const { client } = fakeAiq()
    const methods = Object.keys(client).filter((k) => k !== 'derive' && typeof (client as unknown as Record<string, unknown>)[k] === 'function')
    const covered = new Set(cases.map((c) => c.name.split(' ')[0]))
    expect(methods.sort()).toEqual([...covered].sort())
    expect(methods).toHaveLength(20)
  })
})

describe('AIQ client: null and missing data mean empty', () => {
  const empties: [string, (c: AiqClient) => Promise<unknown>, unknown, unknown][] = [
    ['listPersonas results null', (c) => c.listPersonas(), { results: null, start: 0, limit: 100, size: 0, total: 0 }, { results: [], start: 0, limit: 100, size: 0, total: 0 }],
    ['listPersonas data null', (c) => c.listPersonas({ start: 200, limit: 100 }), null, { results: [], start: 200, limit: 100, size: 0, total: 200, received: 0, hasTotal: false }],
    ['getOverrides', (c) => c.getOverrides('c0ffee'), null, {}],
    ['listAdjustments', (c) => c.listAdjustments(0, 10), null, []],
    ['getTraits', (c) => c.getTraits('c0ffee'), null, []],
    ['getOrders', (c) => c.getOrders('c0ffee'), null, []],
    ['getTimeline events null', (c) => c.getTimeline('c0ffee'), { events: null }, { events: [] }],
    ['getTimeline data null', (c) => c.getTimeline('c0ffee'), null, { events: [] }],
    ['getRecommendations', (c) => c.getRecommendations('c0ffee'), null, []],
    ['listStores data null', (c) => c.listStores(), null, []],
    ['listStores stores null', (c) => c.listStores(), { stores: null }, []],
    ['adjustPoints', (c) => c.adjustPoints('c0ffee', { value: 5, note: 'x' }), null, {}],
  ]
  it.each(empties)('%s', async (_name, call, data, result) => {
    const { client } = fakeAiq(() => ok(data))
    await expect(call(client)).resolves.toMatchObject(result as object)
  })

  it('a persona that AIQ answers with null is "no such customer"', async () => {
    const { client } = fakeAiq(() => ok(null))
    await expect(client.getPersona('c0ffee')).rejects.toMatchObject({ name: 'AiqError', kind: 'not_found' })
    await expect(client.getPersonaBySrcId('pos-1')).rejects.toMatchObject({ kind: 'not_found' })
    await expect(client.getWallet({ phone: toPhone10('5552010001')! })).rejects.toMatchObject({ kind: 'not_found' })
  })

  it('bySrcID answered with a list gives the first persona', async () => {
    const { client } = fakeAiq(() => ok([persona, { contactID: 'other' }]))
    await expect(client.getPersonaBySrcId('pos-1')).resolves.toMatchObject(read)
  })

  it('a body without a data envelope is read as the payload itself', async () => {
    const { client } = fakeAiq(() => json({ success: true, contactID: 'c0ffee', loyaltyPoints: 40, discountTemplates: null }))
    await expect(client.getWallet({ phone: toPhone10('5552010001')! })).resolves.toEqual({ contactID: 'c0ffee', loyaltyPoints: 40, discountTemplates: [] })
  })

  it('a bare "ok" answer to saving overrides or traits returns what was saved', async () => {
    const { client } = fakeAiq(() => json({ success: true }))
    await expect(client.setOverrides('c0ffee', { firstName: 'Annie' })).resolves.toEqual({ firstName: 'Annie' })
    await expect(client.replaceTraits('c0ffee', traits)).resolves.toEqual(traits)
  })

  it('an empty 200 body is fine for the opt-in PUT', async () => {
    const { client } = fakeAiq(() => new Response(null, { status: 204 }))
    await expect(client.setSmsOptIn(toPhone10('5552010001')!, true)).resolves.toBeUndefined()
  })

  it('a timeline without a window sends no query', async () => {
    const { client, sent } = fakeAiq(() => ok({ events: [] }))
    await client.getTimeline('c0ffee')
    expect(new URL(sent[0]!.url).search).toBe('')
  })
})

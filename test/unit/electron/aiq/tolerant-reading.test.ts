// AIQ as it may really be: the reader takes aliases, seconds or milliseconds, numbers as strings, items it can't read
// (skipped and counted), gserv's envelope, and reads errors in the context of the call. Field names only are reported.
import { describe, expect, it } from 'vitest'
import { toPhone10 } from '../../../../shared/phone'
import { ENDPOINT } from '../../../../electron/aiq/endpoints'
import { epochSec, isoDay } from '../../../../electron/aiq/read'
import { fieldName } from '../../../../electron/aiq/shapes'
import type { AiqError } from '../../../../electron/aiq/errors'
import { fakeAiq, json, ok } from '../../../support/fake-fetch'

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to fail')
    },
    (e: unknown) => e as AiqError,
  )
/** gserv's envelope: no `data` when empty, errors as a list */
const gserv = (body: Record<string, unknown>, status = 200) => json({ code: status, success: status < 300, ...body }, { status })

describe('adjustment rows as AIQ may send them', () => {
  it('reads the contact from cntID, contactID or contactId, and keeps whether a note field was there', async () => {
    const rows = [
      { cntID: 'a1', value: 5, note: '[aiqc:X] visit', ts: 1_700_000_000 },
      { contactID: 'a2', value: '7', ts: '1700000001' },
      { contactId: 'a3', value: -3, ts: 1_700_000_002_000 },
    ]
    const { client } = fakeAiq(() => ok(rows))
    const got = await client.listAdjustments(1, 2)
    expect(got.map((r) => [r.contactID, r.value, r.hasNote, r.ts])).toEqual([
      ['a1', 5, true, 1_700_000_000],
      ['a2', 7, false, 1_700_000_001],
      ['a3', -3, false, 1_700_000_002],
    ])
    expect(client.shapes.report(ENDPOINT.listAdjustments)).toMatchObject({ itemsRead: 3, itemsSkipped: 0 })
  })

  it('skips and counts a row it cannot use; never fails the list', async () => {
    const rows = [{ cntID: 'a1', value: 5, ts: 1 }, { value: 9 }, 'junk', { cntID: 'a2', value: 'many' }, { cntID: 'a3', value: 1, ts: 2 }]
    const { client } = fakeAiq(() => ok(rows))
    expect((await client.listAdjustments(1, 2)).map((r) => r.contactID)).toEqual(['a1', 'a3'])
    const report = client.shapes.report(ENDPOINT.listAdjustments)!
    expect(report).toMatchObject({ itemsRead: 2, itemsSkipped: 3 })
    expect(report.lastProblem).toMatch(/value|cntID/)
  })

  it('reports when no row carries a note field (reconcile then matches by customer, value and time)', async () => {
    const { client } = fakeAiq(() => ok([{ cntID: 'a1', value: 5, ts: 1 }]))
    await client.listAdjustments(1, 2)
    expect(client.shapes.report(ENDPOINT.listAdjustments)?.missingFields).toContain('note')
  })
})

describe('times and numbers', () => {
  it('tells seconds from milliseconds by magnitude; numeric strings and ISO dates too; negatives are no time', () => {
    expect(epochSec(1_700_000_000)).toBe(1_700_000_000)
    expect(epochSec(1_700_000_000_999)).toBe(1_700_000_000)
    expect(epochSec('1700000000')).toBe(1_700_000_000)
    expect(epochSec(1_700_000_000.75)).toBe(1_700_000_000)
    expect(epochSec('2023-11-14T22:13:20Z')).toBe(1_700_000_000)
    expect(epochSec(-5)).toBeNull()
    expect(epochSec('soon')).toBeNull()
    expect(epochSec(null)).toBeNull()
  })

  it('a persona with points and times as strings or milliseconds is read as numbers and seconds', async () => {
    const { client } = fakeAiq(() => ok({ contactID: 'c1', loyaltyPoints: '1250', optinTime: 1_700_000_000_000, loyalty: 'true', favoriteStoreID: '3' }))
    expect(await client.getPersona('c1')).toMatchObject({ loyaltyPoints: 1250, optinTime: 1_700_000_000, loyalty: true, favoriteStoreID: 3 })
  })

  it('timeline events with fractional or millisecond times are normalised; an event without a time is skipped', async () => {
    const events = [{ ts: 1_700_000_000.5, type: 'earn', value: 10 }, { ts: 1_700_000_100_000, value: '5', type: 'adjust' }, { type: 'earn', value: 1 }]
    const { client } = fakeAiq(() => ok({ events }))
    const t = await client.getTimeline('c1')
    expect(t.events.map((e) => [e.ts, e.value])).toEqual([
      [1_700_000_000, 10],
      [1_700_000_100, 5],
    ])
    expect(client.shapes.report(ENDPOINT.getTimeline)?.itemsSkipped).toBe(1)
  })
})

describe("gserv's envelope", () => {
  it('a missing data means empty, for every collection', async () => {
    const { client } = fakeAiq(() => gserv({}))
    await expect(client.listPersonas({ search: 'x' })).resolves.toMatchObject({ results: [], total: 0 })
    await expect(client.listAdjustments(1, 2)).resolves.toEqual([])
    await expect(client.getOrders('c1')).resolves.toEqual([])
    await expect(client.getRecommendations('c1')).resolves.toEqual([])
    await expect(client.getTimeline('c1')).resolves.toEqual({ events: [] })
    await expect(client.getTraits('c1')).resolves.toEqual([])
    await expect(client.listStores()).resolves.toEqual([])
  })

  it("the message comes from errors[0].message, then message, then the status text", async () => {
    const a = await failure(fakeAiq(() => json({ errors: [{ message: 'value is required' }], message: 'other', code: 400, success: false }, { status: 400 })).client.adjustPoints('c1', { value: 1, note: 'x' }))
    expect(a.details.aiqMessage).toBe('value is required')
    const b = await failure(fakeAiq(() => json({ message: 'only this' }, { status: 400 })).client.adjustPoints('c1', { value: 1, note: 'x' }))
    expect(b.details.aiqMessage).toBe('only this')
    const c = await failure(fakeAiq(() => new Response('', { status: 400, statusText: 'Bad Request' })).client.adjustPoints('c1', { value: 1, note: 'x' }))
    expect(c.details.aiqMessage).toBe('Bad Request')
  })

  it('errors without success:true on a 200 is a refusal in AIQ’s words', async () => {
    const { client } = fakeAiq(() => json({ errors: [{ message: 'contact is blocked' }], code: 200 }))
    expect(await failure(client.adjustPoints('c1', { value: 1, note: 'x' }))).toMatchObject({ kind: 'bad_response', details: { aiqMessage: 'contact is blocked' } })
  })
})

describe('errors read in the context of the call', () => {
  const notFound = () => json({ errors: [{ message: 'Not Found' }], code: 404, success: false }, { status: 404 })

  it('a 404 where a customer was asked for means no such customer', async () => {
    expect((await failure(fakeAiq(notFound).client.getPersona('c1'))).kind).toBe('not_found')
  })

  it('a 404 from the stores list is a wrong address, never "no such customer"', async () => {
    const e = await failure(fakeAiq(notFound).client.listStores())
    expect(e.kind).toBe('bad_response')
    expect(e.message).toMatch(/no such address/)
    expect(e.message).not.toMatch(/customer/)
    expect(e.details.wrongAddress).toBe(true)
  })

  it('a 405 says the path or method is wrong', async () => {
    const { client } = fakeAiq(() => json({ errors: [{ message: 'Method Not Allowed' }], code: 405, success: false }, { status: 405 }))
    const e = await failure(client.adjustPoints('c1', { value: 1, note: 'x' }))
    expect(e).toMatchObject({ kind: 'bad_response', status: 405, details: { wrongAddress: true } })
    expect(e.message).toMatch(/method/)
  })
})

describe('path casing AIQ may serve', () => {
  it('after a 404 for the camelCase path, tries the lower-case one and remembers which AIQ answered', async () => {
    const { client, sent } = fakeAiq((req) => (new URL(req.url).pathname.includes('/loyaltypoints/') ? ok({ loyaltyPoints: 9 }) : new Response('', { status: 404 })))
    await expect(client.adjustPoints('c1', { value: 1, note: 'x' })).resolves.toEqual({ loyaltyPoints: 9 })
    await client.adjustPoints('c1', { value: 1, note: 'x' })
    expect(sent.map((r) => new URL(r.url).pathname)).toEqual([
      '/api/v1.1/adjust/loyaltyPoints/4242/c1',
      '/api/v1.1/adjust/loyaltypoints/4242/c1',
      '/api/v1.1/adjust/loyaltypoints/4242/c1',
    ])
  })

  it('a customer AIQ does not know is still not_found after both casings', async () => {
    const { client, sent } = fakeAiq(() => new Response('', { status: 404 }))
    expect((await failure(client.getPersonaBySrcId('pos-1'))).kind).toBe('not_found')
    expect(sent).toHaveLength(2)
  })
})

describe('what AIQ sent that the app does not know', () => {
  it('keeps field names (never values) per endpoint: top level, items, unknown and missing', async () => {
    const { client } = fakeAiq(() => ok({ results: [{ contactID: 'c1', mobilePhone: '3035550100', shoeSize: 11 }], total: 1, cursor: 'abc' }))
    await client.listPersonas({ search: '3035550100' })
    const r = client.shapes.report(ENDPOINT.listPersonas)!
    expect(r.unknownFields).toEqual(['cursor', 'shoeSize'])
    expect(r.itemFields).toEqual(['contactID', 'mobilePhone', 'shoeSize'])
    expect(JSON.stringify(r)).not.toContain('3035550100')
  })

  it('a field named like a phone or an email is masked in the report', async () => {
    const { client } = fakeAiq(() => ok({ '3035550100': 1, 'a@b.co': 2 }))
    await client.getOverrides('c1')
    expect(JSON.stringify(client.shapes.reports())).not.toMatch(/3035550100|a@b\.co/)
  })

  it('a lookup answer without the expected flags is read as "not a member" and the missing flags are reported', async () => {
    const { client } = fakeAiq(() => ok({ status: 'ok' }))
    await expect(client.lookupLoyalty(toPhone10('3035550100')!)).resolves.toEqual({ loyalty: false, optedIn: false })
    expect(client.shapes.report(ENDPOINT.lookupLoyalty)?.missingFields).toEqual(['loyalty', 'optedIn'])
  })

  it('the contact id of a signup may sit under data.contact, or be missing (the caller then searches)', async () => {
    await expect(fakeAiq(() => ok({ contact: { contactID: 'c9' } })).client.signUp({ mobilePhone: '3035550100' })).resolves.toEqual({ contactID: 'c9' })
    await expect(fakeAiq(() => gserv({})).client.signUp({ mobilePhone: '3035550100' })).resolves.toEqual({ contactID: null })
  })
})

describe('more of what a real AIQ may send', () => {
  it('a 200 whose body says {code: 404, success: false} is read as a 404: no such customer', async () => {
    const { client } = fakeAiq(() => json({ errors: [{ message: 'contact not found' }], code: 404, success: false }))
    expect(await failure(client.getPersona('c1'))).toMatchObject({ kind: 'not_found', status: 404 })
  })

  it('an error message under `error` (a string or {message}) is AIQ’s words too', async () => {
    const a = await failure(fakeAiq(() => json({ error: 'value too large' }, { status: 400 })).client.adjustPoints('c1', { value: 1, note: 'x' }))
    expect(a.details.aiqMessage).toBe('value too large')
    const b = await failure(fakeAiq(() => json({ error: { message: 'nope' } }, { status: 422 })).client.adjustPoints('c1', { value: 1, note: 'x' }))
    expect(b.details.aiqMessage).toBe('nope')
  })

  it('membership under another name, or implied by a loyalty signup time; SMS consent as a bare flag', async () => {
    const read = async (p: Record<string, unknown>) => fakeAiq(() => ok({ contactID: 'c1', ...p })).client.getPersona('c1')
    expect((await read({ loyaltyMember: 'true' })).loyalty).toBe(true)
    expect((await read({ loyaltySignupTS: 1_700_000_000 })).loyalty).toBe(true)
    expect((await read({})).loyalty).toBeNull()
    expect((await read({ smsConsent: true })).smsconsent).toBe(true)
  })

  it('adjustment rows with the time as createdAt (ISO) and the note as description', async () => {
    const { client } = fakeAiq(() => ok([{ cntID: 'a1', points: 4, description: '[aiqc:X] v', createdAt: '2023-11-14T22:13:20Z' }]))
    expect(await client.listAdjustments(1, 2)).toEqual([expect.objectContaining({ contactID: 'a1', value: 4, hasNote: true, note: '[aiqc:X] v', ts: 1_700_000_000 })])
  })

  it('tells the log once per endpoint and problem, by field name only', async () => {
    const told: string[] = []
    const { client } = fakeAiq(() => ok({ results: [{ contactID: 'c1', mobilePhone: '3035550100', shoeSize: 11 }, { firstName: 'no id' }] }), {
      onShape: (endpoint, what) => told.push(`${endpoint} | ${what}`),
    })
    await client.listPersonas({ search: 'x' })
    await client.listPersonas({ search: 'x' })
    expect(told).toEqual([
      'GET /api/v1.1/piis/{uid} | skipped an item: a customer row has no contactID',
      'GET /api/v1.1/piis/{uid} | unknown fields: shoeSize',
    ])
  })
})

describe('a check-in read turned away for a moment (429)', () => {
  it('waits out a short Retry-After and asks once more; a write is never repeated', async () => {
    let n = 0
    const busyOnce = () => (n++ === 0 ? json({ errors: [{ message: 'slow down' }] }, { status: 429, headers: { 'Retry-After': '0' } }) : ok({ contactID: 'c1' }))
    const { client, sent } = fakeAiq(busyOnce)
    await expect(client.getPersona('c1')).resolves.toMatchObject({ contactID: 'c1' })
    expect(sent).toHaveLength(2)

    n = 0
    const put = fakeAiq(busyOnce)
    expect((await failure(put.client.adjustPoints('c1', { value: 1, note: 'x' }))).kind).toBe('rate_limited')
    expect(put.sent).toHaveLength(1)
  })

  it('background reads are not retried here (the sync engine and directory back off on their own)', async () => {
    const { client, sent } = fakeAiq(() => json({}, { status: 429, headers: { 'Retry-After': '0' } }))
    expect((await failure(client.derive({ priority: 'background' }).listAdjustments(1, 2))).kind).toBe('rate_limited')
    expect(sent).toHaveLength(1)
  })
})

describe('answers that must not be taken as done', () => {
  it('a redirect is never followed (the key would go elsewhere, a PUT would become a GET): a wrong address', async () => {
    const { client, sent } = fakeAiq(() => new Response(null, { status: 302, headers: { Location: 'https://elsewhere.example/x' } }))
    const e = await failure(client.adjustPoints('c1', { value: 1, note: 'x' }))
    expect(e).toMatchObject({ kind: 'bad_response', status: 302, details: { wrongAddress: true } })
    expect(sent).toHaveLength(1)
    expect(sent[0]!.redirect).toBe('manual')
  })

  it('success "false" as text is a refusal too', async () => {
    const { client } = fakeAiq(() => json({ success: 'false', message: 'contact is blocked' }))
    expect(await failure(client.adjustPoints('c1', { value: 1, note: 'x' }))).toMatchObject({ kind: 'bad_response', details: { aiqMessage: 'contact is blocked' } })
  })

  it('a date and time without a zone is UTC, not this computer’s local time', () => {
    expect(epochSec('2023-11-14 22:13:20')).toBe(1_700_000_000)
    expect(epochSec('2023-11-14T22:13:20')).toBe(1_700_000_000)
    expect(epochSec('2023-11-14T23:13:20+01:00')).toBe(1_700_000_000)
  })

  it('an id used as a field name is masked in shape reports', () => {
    expect(fieldName('c0ffee1234abcdef9876')).toBe('<masked key>')
    expect(fieldName('loyaltyPoints')).toBe('loyaltyPoints')
  })
})

describe('adjustments up to a little after now', () => {
  it('an AIQ that refuses a future end is asked again up to now; any other refusal is passed on', async () => {
    const path = (r: Request) => new URL(r.url).pathname
    const { client, sent } = fakeAiq(
      (r) => (Number(path(r).split('/').at(-1)) > 1000 ? json({ errors: [{ message: 'end must not be in the future' }] }, { status: 400 }) : ok([{ cntID: 'a', value: 1, ts: 990 }])),
      { clock: { now: () => 1_000_000 } },
    )
    expect(await client.listAdjustments(900, 1300)).toHaveLength(1)
    expect(sent.map((r) => path(r))).toEqual(['/api/v1.1/adjustments/4242/900/1300', '/api/v1.1/adjustments/4242/900/1000'])
    const later = fakeAiq((r) => (Number(path(r).split('/').at(-1)) > 1000 ? json({ errors: [{ message: 'no' }] }, { status: 400 }) : ok([])), { clock: { now: () => 1_200_000 } })
    await expect(later.client.listAdjustments(1100, 1300)).rejects.toMatchObject({ kind: 'bad_response', status: 400 })
  })
})

describe('a birthday as AIQ may write it', () => {
  it('reads yyyy-mm-dd (with a time after it) and mm/dd/yyyy as one day; anything else is no birthday', () => {
    expect(isoDay('1990-03-07')).toBe('1990-03-07')
    expect(isoDay('1990-03-07T00:00:00Z')).toBe('1990-03-07')
    expect(isoDay('3/7/1990')).toBe('1990-03-07')
    expect(isoDay(' 12/31/1989 ')).toBe('1989-12-31')
    for (const v of ['', null, undefined, 'March 7', '1990/03/07']) expect(isoDay(v)).toBeNull()
  })
})

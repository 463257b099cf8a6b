// Every way an AIQ call can fail ends as one AiqError kind with a message a budtender can act on.
import { describe, expect, it } from 'vitest'
import type { Phone10 } from '../../../../shared/phone'
import { createAiqClient } from '../../../../electron/aiq/client'
import { AiqError } from '../../../../electron/aiq/errors'
import { ENDPOINT } from '../../../../electron/aiq/endpoints'
import type { Limiter } from '../../../../electron/aiq/http'
import { API_KEY, BASE, fakeAiq, json, ok, recordingFetch, UID } from '../../../support/fake-fetch'

async function failure(p: Promise<unknown>): Promise<AiqError> {
  const e = await p.then(
    () => {
      throw new Error('expected the call to fail')
    },
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(AiqError)
  const err = e as AiqError
  expect(err.message).not.toContain(API_KEY)
  expect(JSON.stringify(err.details)).not.toContain(API_KEY)
  return err
}

const persona = { contactID: 'c0ffee' }

describe('AIQ client: transport failures', () => {
  it('times out when AIQ never answers', async () => {
    const neverUntilAborted: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)))
    const client = createAiqClient({ baseUrl: BASE, uid: UID, apiKey: API_KEY, fetch: neverUntilAborted, timeoutMs: 20, limiter: null })
    const err = await failure(client.getPersona('c0ffee'))
    expect(err.kind).toBe('timeout')
    expect(err.transient).toBe(true)
  })

  it('times out even when the fetch ignores the abort signal', async () => {
    const deaf: typeof fetch = () => new Promise(() => undefined)
    const client = createAiqClient({ baseUrl: BASE, uid: UID, apiKey: API_KEY, fetch: deaf, timeoutMs: 20, limiter: null })
    expect((await failure(client.adjustPoints('c0ffee', { value: 1, note: 'x' }))).kind).toBe('timeout')
  })

  it('times out when the body never finishes arriving', async () => {
    const stalled = () => new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"succ')) }))
    const { client } = fakeAiq(stalled, { timeoutMs: 20 })
    expect((await failure(client.getPersona('c0ffee'))).kind).toBe('timeout')
  })

  it('is offline when the connection fails', async () => {
    const { client } = fakeAiq(() => {
      throw new TypeError('fetch failed')
    })
    const err = await failure(client.getPersona('c0ffee'))
    expect(err.kind).toBe('offline')
    expect(err.message).toMatch(/internet/)
  })
})

describe('AIQ client: HTTP status', () => {
  it.each([401, 403])('%i means the key was rejected', async (status) => {
    const { client } = fakeAiq(() => json({ success: false, message: 'Please provide a valid API key' }, { status }))
    const err = await failure(client.getPersona('c0ffee'))
    expect(err).toMatchObject({ kind: 'unauthorized', status, details: { aiqMessage: 'Please provide a valid API key' } })
    expect(err.message).toMatch(/API key/)
    expect(err.transient).toBe(false)
  })

  it('404 means no such customer', async () => {
    const { client } = fakeAiq(() => json({ success: false, code: 404, message: 'contact not found' }, { status: 404 }))
    const err = await failure(client.getPersona('c0ffee'))
    expect(err).toMatchObject({ kind: 'not_found', status: 404, details: { aiqMessage: 'contact not found' } })
  })

  it('429 with Retry-After in seconds', async () => {
    const { client } = fakeAiq(() => json({ success: false }, { status: 429, headers: { 'Retry-After': '7' } }))
    const err = await failure(client.getPersona('c0ffee'))
    expect(err).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 7000 })
    expect(err.transient).toBe(true)
  })

  it('429 with Retry-After as an HTTP date', async () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT')
    const { client } = fakeAiq(() => new Response('slow down', { status: 429, headers: { 'Retry-After': 'Wed, 21 Oct 2026 07:28:30 GMT' } }), {
      clock: { now: () => now },
    })
    expect(await failure(client.getPersona('c0ffee'))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 30_000 })
  })

  it('429 without Retry-After leaves the delay to the caller', async () => {
    const { client } = fakeAiq(() => new Response('', { status: 429 }))
    const err = await failure(client.getPersona('c0ffee'))
    expect(err.kind).toBe('rate_limited')
    expect(err.retryAfterMs).toBeUndefined()
  })

  it.each([500, 502, 503])('%i is a problem on AIQ’s side', async (status) => {
    const { client } = fakeAiq(() => new Response('<html>oops</html>', { status }))
    const err = await failure(client.adjustPoints('c0ffee', { value: 10, note: 'sale' }))
    expect(err).toMatchObject({ kind: 'server_error', status })
    expect(err.transient).toBe(true)
  })

  it('400 says what AIQ said', async () => {
    const { client } = fakeAiq(() => json({ success: false, code: 400, message: 'mobilePhone or email is required' }, { status: 400 }))
    const err = await failure(client.signUp({ email: 'ana@example.com' }))
    expect(err).toMatchObject({ kind: 'bad_response', status: 400, details: { aiqMessage: 'mobilePhone or email is required' } })
    expect(err.message).toContain('mobilePhone or email is required')
    expect(err.transient).toBe(false)
  })

  it('another 4xx takes AIQ’s message from errors[0]', async () => {
    const { client } = fakeAiq(() => json({ success: false, errors: [{ message: 'favoriteStoreID must be an integer' }] }, { status: 422 }))
    const err = await failure(client.signUp({ email: 'ana@example.com' }))
    expect(err).toMatchObject({ kind: 'bad_response', status: 422, details: { aiqMessage: 'favoriteStoreID must be an integer' } })
    expect(err.message).toContain('favoriteStoreID must be an integer')
  })

  it('a 4xx without a readable body falls back to the status text', async () => {
    const { client } = fakeAiq(() => new Response('nope', { status: 409, statusText: 'Conflict' }))
    const err = await failure(client.getPersona('c0ffee'))
    expect(err).toMatchObject({ kind: 'bad_response', status: 409, details: { aiqMessage: 'Conflict' } })
  })

  it('never repeats the API key even when AIQ echoes it', async () => {
    const { client } = fakeAiq(() => json({ success: false, message: `key ${API_KEY} is not enabled` }, { status: 400 }))
    const err = await failure(client.getPersona('c0ffee'))
    expect(err.details.aiqMessage).toBe('key [redacted] is not enabled')
  })
})

describe('AIQ client: answers it cannot read', () => {
  it('malformed JSON on a 200', async () => {
    const { client } = fakeAiq(() => new Response('{"success": true, "data": {', { status: 200 }))
    const err = await failure(client.getPersona('c0ffee'))
    expect(err).toMatchObject({ kind: 'bad_response', status: 200 })
    expect(err.message).toMatch(/could not read/)
  })

  it('a persona without its contactID', async () => {
    const { client } = fakeAiq(() => ok({ firstName: 'Ana' }))
    const err = await failure(client.getPersona('c0ffee'))
    expect(err.kind).toBe('bad_response')
    expect(err.message).toContain('contactID')
  })

  it('a new balance that is not a number: the award still counts as applied, and the odd field is reported', async () => {
    const { client } = fakeAiq(() => ok({ loyaltyPoints: 'lots' }))
    await expect(client.adjustPoints('c0ffee', { value: 1, note: 'x' })).resolves.toEqual({})
    expect(client.shapes.report(ENDPOINT.adjustPoints)?.lastProblem).toMatch(/loyaltyPoints/)
  })

  it('an object where a list was expected: an empty list, and the missing list is reported', async () => {
    const { client } = fakeAiq(() => ok({ not: 'a list' }))
    await expect(client.getOrders('c0ffee')).resolves.toEqual([])
    expect(client.shapes.report(ENDPOINT.getOrders)).toMatchObject({ missingFields: ['lineItems'], topFields: ['not'], unknownFields: ['not'] })
  })

  it('success:false in a 200 carries AIQ’s message', async () => {
    const { client } = fakeAiq(() => json({ success: false, message: 'contact is blocklisted' }))
    const err = await failure(client.adjustPoints('c0ffee', { value: 5, note: 'sale' }))
    expect(err).toMatchObject({ kind: 'bad_response', details: { aiqMessage: 'contact is blocklisted' } })
    expect(err.message).toContain('contact is blocklisted')
  })
})

/** what only a plain-JS caller could pass: the type (Phone10) refuses it before the client ever sees it */
const unparsed = (text: string) => text as Phone10

describe('AIQ client: refuses bad input without sending', () => {
  const refused: [string, (c: ReturnType<typeof fakeAiq>['client']) => Promise<unknown>][] = [
    ['opt-in with a short phone', (c) => c.setSmsOptIn(unparsed('555-0101'), true)],
    ['opt-in with a non-US phone', (c) => c.setSmsOptIn(unparsed('+44 20 7946 0958'), true)],
    ['lookup with letters', (c) => c.lookupLoyalty(unparsed('call me'))],
    ['lookup with a broken email', (c) => c.lookupLoyalty('ana@')],
    ['wallet with a bad phone', (c) => c.getWallet({ phone: unparsed('123') })],
    ['sign-up with a bad phone', (c) => c.signUp({ mobilePhone: '555', firstName: 'Ana' })],
    ['sign-up with neither phone nor email', (c) => c.signUp({ firstName: 'Ana' })],
    ['override with a bad phone', (c) => c.setOverrides('c0ffee', { mobilePhone: 'x' })],
    ['empty contactID', (c) => c.getPersona('')],
    ['blank contactID', (c) => c.adjustPoints('  ', { value: 1, note: 'x' })],
    ['".." as a contactID', (c) => c.getOrders('..')],
    ['empty srcID', (c) => c.getPersonaBySrcId('')],
    ['fractional points', (c) => c.adjustPoints('c0ffee', { value: 1.5, note: 'x' })],
    ['NaN points', (c) => c.adjustPoints('c0ffee', { value: Number.NaN, note: 'x' })],
    ['infinite points', (c) => c.adjustPoints('c0ffee', { value: Number.POSITIVE_INFINITY, note: 'x' })],
    ['adjustments window backwards', (c) => c.listAdjustments(200, 100)],
    ['a trait without a key', (c) => c.addTraits('c0ffee', [{ key: ' ', value: 'x' }])],
    ['negative page start', (c) => c.listPersonas({ start: -1 })],
  ]
  it.each(refused)('%s', async (_name, call) => {
    const { client, sent } = fakeAiq(() => ok(persona))
    const err = await failure(call(client))
    expect(err.kind).toBe('invalid_input')
    expect(err.message.length).toBeGreaterThan(10)
    expect(sent).toHaveLength(0)
  })

  it('says what is wrong with a phone', async () => {
    const { client } = fakeAiq()
    expect((await failure(client.setSmsOptIn(unparsed('12345'), true))).message).toMatch(/phone number.*10 digits/)
  })

  it('refuses to build a client without a UID, a key or a usable address', () => {
    expect(() => createAiqClient({ uid: ' ', apiKey: API_KEY })).toThrow(/UID/)
    expect(() => createAiqClient({ uid: UID, apiKey: '' })).toThrow(/API key/)
    expect(() => createAiqClient({ uid: UID, apiKey: API_KEY, baseUrl: 'lab.alpineiq.com' })).toThrow(/address/)
    expect(createAiqClient({ uid: UID, apiKey: API_KEY }).uid).toBe(UID)
  })
})

describe('AIQ client: rate limiting', () => {
  it('asks the limiter before every request it sends, and not for refused input', async () => {
    let acquired = 0
    const limiter: Limiter = { acquire: async () => void (acquired += 1) }
    const { client, sent } = fakeAiq(() => ok(persona), { limiter })
    await client.getPersona('c0ffee')
    await client.getOrders('c0ffee').catch(() => undefined)
    await client.setSmsOptIn(unparsed('bad'), true).catch(() => undefined)
    expect(acquired).toBe(2)
    expect(sent).toHaveLength(2)
  })

  it('by default lets a whole check-in (15 calls) through at once and holds the 16th for ~200 ms', async () => {
    const { fetch, sent } = recordingFetch(() => ok(persona))
    const client = createAiqClient({ baseUrl: BASE, uid: UID, apiKey: API_KEY, fetch, clock: { now: () => 0 } })
    const calls = Array.from({ length: 16 }, () => client.getPersona('c0ffee'))
    await new Promise((r) => setTimeout(r, 50))
    expect(sent).toHaveLength(15)
    await Promise.all(calls)
    expect(sent).toHaveLength(16)
  })
})

// Phone -> contact without depending on the loyalty lookup's (never observed) shape.
import { describe, expect, it } from 'vitest'
import { AiqError } from '../../../../electron/aiq/errors'
import { findByPhone, findBySrcId, phoneToAsk as phone, pickExact } from '../../../../electron/aiq/lookup'
import { fakeAiq, json, ok } from '../../../support/fake-fetch'

const page = (results: unknown[]) => ok({ results, start: 0, limit: 10, size: results.length, total: results.length })
const path = (r: Request) => new URL(r.url).pathname

describe('finding a customer by phone', () => {
  it('takes the lookup’s contact id when it gives one (one call)', async () => {
    const { client, sent } = fakeAiq(() => ok({ loyalty: true, optedIn: true, contactID: 'c1' }))
    expect(await findByPhone(client, phone('(303) 555-0100'))).toEqual({ contactID: 'c1', persona: null, blocklisted: false })
    expect(sent).toHaveLength(1)
  })

  it('no contact id in the lookup: asks the list search and keeps only the exact 10-digit match', async () => {
    const { client, sent } = fakeAiq((r) =>
      path(r).includes('/lookup/')
        ? ok({ loyalty: true, optedIn: false })
        : page([{ contactID: 'partial', mobilePhone: '3035550100999' }, { contactID: 'other', mobilePhone: '7205550100' }, { contactID: 'c2', mobilePhone: '+1 (303) 555-0100' }]),
    )
    expect(await findByPhone(client, phone('3035550100'))).toMatchObject({ contactID: 'c2' })
    expect(new URL(sent[1]!.url).searchParams.get('search')).toBe('3035550100')
  })

  it('a lookup that 404s or answers in an unknown shape still finds the customer through the search', async () => {
    for (const lookup of [() => json({ errors: [{ message: 'Not Found' }], code: 404, success: false }, { status: 404 }), () => new Response('<html>', { status: 200 })]) {
      const { client } = fakeAiq((r) => (path(r).includes('/lookup/') ? lookup() : page([{ contactID: 'c3', mobilePhone: '3035550100' }])))
      expect(await findByPhone(client, phone('3035550100'))).toMatchObject({ contactID: 'c3' })
    }
  })

  it('a blocklisted phone: the lookup says so, named or not; never "nobody" (the list leaves them out)', async () => {
    const named = fakeAiq(() => ok({ loyalty: true, optedIn: false, contactID: 'c9', blocklisted: true }))
    expect(await findByPhone(named.client, phone('3035550104'))).toEqual({ contactID: 'c9', persona: null, blocklisted: true })
    const unnamed = fakeAiq((r) => (path(r).includes('/lookup/') ? ok({ loyalty: true, optedIn: false, blocklisted: true }) : page([])))
    expect(await findByPhone(unnamed.client, phone('3035550104'))).toEqual({ contactID: null, persona: null, blocklisted: true })
    expect(unnamed.sent).toHaveLength(1)
  })

  it('nobody with exactly that phone: null, never a near miss', async () => {
    const { client } = fakeAiq((r) => (path(r).includes('/lookup/') ? ok({ loyalty: false, optedIn: false }) : page([{ contactID: 'x', mobilePhone: '3035550101' }])))
    expect(await findByPhone(client, phone('3035550100'))).toBeNull()
  })

  it('AIQ unreachable or the key rejected is not "not found": the error goes to the caller', async () => {
    const { client } = fakeAiq(() => json({ success: false }, { status: 403 }))
    await expect(findByPhone(client, phone('3035550100'))).rejects.toBeInstanceOf(AiqError)
  })

  it('several exact matches: a loyalty member wins; a home phone counts only when no mobile matches', () => {
    const a = { contactID: 'a', mobilePhone: '3035550100', loyalty: false }
    const b = { contactID: 'b', mobilePhone: '3035550100', loyalty: true }
    const h = { contactID: 'h', homePhone: '3035550100' }
    expect(pickExact([a, b], phone('3035550100'))?.contactID).toBe('b')
    expect(pickExact([h], phone('3035550100'))?.contactID).toBe('h')
    expect(pickExact([h, a], phone('3035550100'))?.contactID).toBe('a')
  })
})

describe('finding a customer by POS id', () => {
  it('the by-source-id endpoint first; when AIQ has no such route, the list search with an exact srcID match', async () => {
    const { client, sent } = fakeAiq((r) =>
      path(r).includes('/bysrcid/') || path(r).includes('/bySrcID/')
        ? json({ errors: [{ message: 'Not Found' }], code: 404, success: false }, { status: 404 })
        : page([{ contactID: 'near', srcID: 'pos-77x' }, { contactID: 'c7', srcID: 'pos-77' }]),
    )
    expect(await findBySrcId(client, 'pos-77')).toMatchObject({ contactID: 'c7' })
    expect(sent.map((r) => path(r))).toEqual(['/api/v1.1/piis/4242/bysrcid/pos-77', '/api/v1.1/piis/4242/bySrcID/pos-77', '/api/v1.1/piis/4242'])
  })
})

// Redeeming a wallet reward: the PUT goes to the wallet's URL with the POS transaction id appended, only when that URL
// is on the client's own AIQ origin (otherwise nothing is sent: the key never leaves for another host); the
// redemptions list is read tolerantly like every other list.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAiqClient } from '../../../../electron/aiq/client'
import { ForeignUrlError } from '../../../../electron/aiq/errors'
import { ENDPOINT } from '../../../../electron/aiq/endpoints'
import { API_KEY, BASE, expectSent, fakeAiq, json, ok } from '../../../support/fake-fetch'

const link = `${BASE}/api/v1.1/discount/redeem/4242/rw-5off/tok123`

describe('redeem', () => {
  it('PUTs the wallet URL with the transaction id appended, with the key, and reads the new balance', async () => {
    const { client, sent } = fakeAiq(() => ok({ loyaltyPoints: 1150 }))
    await expect(client.redeem(link, 'TXN-77')).resolves.toEqual({ loyaltyPoints: 1150 })
    await expectSent(sent, { method: 'PUT', path: '/api/v1.1/discount/redeem/4242/rw-5off/tok123/TXN-77' })
  })

  it('keeps the URL’s own query, and an answer without a balance is still a success', async () => {
    const { client, sent } = fakeAiq(() => json({ success: true }))
    await expect(client.redeem(`${link}?src=pos`, 'T1')).resolves.toEqual({})
    await expectSent(sent, { method: 'PUT', path: '/api/v1.1/discount/redeem/4242/rw-5off/tok123/T1', query: { src: 'pos' } })
  })

  it('reads the balance under its aliases and records one it cannot read', async () => {
    const { client } = fakeAiq(() => ok({ balance: '990' }))
    await expect(client.redeem(link, 'T2')).resolves.toEqual({ loyaltyPoints: 990 })
    const odd = fakeAiq(() => ok({ loyaltyPoints: 'lots' }))
    await expect(odd.client.redeem(link, 'T3')).resolves.toEqual({})
    expect(odd.client.shapes.report(ENDPOINT.redeem)?.lastProblem).toMatch(/not a number/)
  })

  it('a refusal comes back in AIQ’s words', async () => {
    const { client } = fakeAiq(() => json({ success: false, code: 400, message: 'This reward link was already used' }, { status: 400 }))
    await expect(client.redeem(link, 'T4')).rejects.toMatchObject({ kind: 'bad_response', details: { aiqMessage: 'This reward link was already used' } })
  })

  it.each([
    ['another host', 'https://evil.example/api/v1.1/discount/redeem/4242/rw-5off/tok'],
    ['another port', 'http://127.0.0.1:10/api/v1.1/discount/redeem/4242/rw-5off/tok'],
    ['another scheme', 'https://127.0.0.1:9/api/v1.1/discount/redeem/4242/rw-5off/tok'],
    ['credentials in the URL', 'http://user:pw@127.0.0.1:9/api/v1.1/discount/redeem/4242/rw-5off/tok'],
  ])('refuses a URL on %s and sends nothing', async (_, url) => {
    const { client, sent } = fakeAiq(() => ok({ loyaltyPoints: 1 }))
    await expect(client.redeem(url, 'T5')).rejects.toBeInstanceOf(ForeignUrlError)
    expect(sent).toHaveLength(0)
  })

  it('refuses a transaction id that would change the path, and a link that is not a URL', async () => {
    const { client, sent } = fakeAiq(() => ok({}))
    for (const txn of ['', '../x', 'a/b', 'x'.repeat(65)]) await expect(client.redeem(link, txn)).rejects.toMatchObject({ kind: 'invalid_input' })
    await expect(client.redeem('not a url', 'T6')).rejects.toMatchObject({ kind: 'bad_response' })
    expect(sent).toHaveLength(0)
  })
})

describe('a redemption URL on a foreign origin, over real HTTP', () => {
  let capture: Server
  let captured = 0
  let captureUrl = ''
  beforeAll(async () => {
    capture = createServer((req, res) => {
      captured++
      res.end('{}')
    })
    await new Promise<void>((r) => capture.listen(0, '127.0.0.1', r))
    captureUrl = `http://127.0.0.1:${(capture.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise((r) => capture.close(r)))

  it('no request (so no key) ever arrives at the other server', async () => {
    const client = createAiqClient({ baseUrl: 'http://127.0.0.1:9', uid: '4242', apiKey: API_KEY, limiter: null })
    const err = await client.redeem(`${captureUrl}/api/v1.1/discount/redeem/4242/rw-5off/tok`, 'TXN-1').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ForeignUrlError)
    expect((err as ForeignUrlError).message).not.toContain(API_KEY)
    // the same server is reachable: a plain request gets there, so the zero above is the client's refusal
    await fetch(captureUrl)
    expect(captured).toBe(1)
  })
})

describe('the redemptions list', () => {
  it('reads rows under known aliases, in seconds or milliseconds, skipping and counting what it cannot use', async () => {
    const rows = [
      { contactID: 'c1', discountID: 'rw-5off', transactionID: 'T1', pointsDeduction: 100, ts: 1_800_000_000 },
      { cntID: 'c2', templateId: 'rw-10off', posTransactionId: 77, points: -200, redeemedAt: 1_800_000_001_000 },
      { discountID: 'rw-5off' },
      'junk',
    ]
    const { client, sent } = fakeAiq(() => ok(rows))
    const got = await client.listRedemptions(1, 2)
    expect(got).toEqual([
      { contactID: 'c1', discountID: 'rw-5off', transactionID: 'T1', name: null, points: 100, ts: 1_800_000_000 },
      { contactID: 'c2', discountID: 'rw-10off', transactionID: '77', name: null, points: 200, ts: 1_800_000_001 },
    ])
    await expectSent(sent, { method: 'GET', path: '/api/v1.1/redemptions/4242/1/2' })
    expect(client.shapes.report(ENDPOINT.listRedemptions)).toMatchObject({ itemsRead: 2, itemsSkipped: 2 })
    // rows it could not read: "not in this list" would prove nothing, so the list says it is not complete
    expect(got.complete).toBe(false)
  })

  it('a list under a key the app does not know is not complete; an empty answer is (review finding)', async () => {
    expect((await fakeAiq(() => ok({ entries: [{ contactID: 'c1' }] })).client.listRedemptions(1, 2)).complete).toBe(false)
    expect((await fakeAiq(() => ok([])).client.listRedemptions(1, 2)).complete).toBe(true)
    expect((await fakeAiq(() => json({ code: 200, success: true })).client.listRedemptions(1, 2)).complete).toBe(true)
  })

  it('no data, null, or a wrapped list all read; rows without a transaction id are recorded as missing it', async () => {
    expect(await fakeAiq(() => json({ code: 200, success: true })).client.listRedemptions(1, 2)).toEqual([])
    expect(await fakeAiq(() => ok(null)).client.listRedemptions(1, 2)).toEqual([])
    const wrapped = fakeAiq(() => ok({ redemptions: [{ contactID: 'c1', ts: 5, extra: 1 }] }))
    expect(await wrapped.client.listRedemptions(1, 2)).toHaveLength(1)
    const report = wrapped.client.shapes.report(ENDPOINT.listRedemptions)!
    expect(report.missingFields).toContain('transactionID')
    expect(report.unknownFields).toContain('extra')
  })
})

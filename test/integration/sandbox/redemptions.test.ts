// Reward redemption in the sandbox, both profiles: one-time links from the wallet, a PUT with the POS transaction id
// appended redeems once and deducts at once, the same link again is refused, and the redemptions list shows it.
import { afterEach, describe, expect, it } from 'vitest'
import { PERSONAS, PROFILES, startSandbox, type Sandbox } from '../../../electron/sandbox'
import { call, errorMessage } from '../../support/http'

const m = PERSONAS.member

describe.each(PROFILES)('%s profile: redemption', (profile) => {
  let sb: Sandbox
  const start = async (o: Parameters<typeof startSandbox>[0] = {}) => {
    sb = await startSandbox({ profile, personas: 20, clock: { now: () => 1_800_000_000_000 }, ...o })
    return sb
  }
  afterEach(() => sb?.close())

  const wallet = async (phone = m.phone) => (await call(sb, 'POST', '/api/v2/wallet', { body: { phone } })).body.data
  const reward = async (id = 'rw-5off', phone = m.phone) =>
    (await wallet(phone)).discountTemplates.find((d: { id: string }) => d.id === id) as { redemptionURL: string; pointsDeduction: number; posDiscountID: string }
  const put = (url: string, txn: string) => call(sb, 'PUT', new URL(`${url}/${txn}`).pathname)
  const points = () => sb.data.byPhone(m.phone)!.loyaltyPoints!
  const list = async (from = 1_799_999_000, to = 1_800_001_000) => {
    const body = (await call(sb, 'GET', `/api/v1.1/redemptions/${sb.uid}/${from}/${to}`)).body
    return (body.data ?? []) as Array<Record<string, unknown>>
  }

  it('each reward has a one-time link on the sandbox origin that stays the same until used', async () => {
    await start()
    const a = await reward()
    expect(new URL(a.redemptionURL).origin).toBe(sb.url)
    expect(a.posDiscountID).toBe('POS-5OFF')
    expect((await reward()).redemptionURL).toBe(a.redemptionURL)
    await put(a.redemptionURL, 'TXN-1')
    expect((await reward()).redemptionURL).not.toBe(a.redemptionURL)
  })

  it('a PUT redeems once and deducts at once; the same link again is refused and changes nothing', async () => {
    await start()
    const before = points()
    const r = await reward()
    const first = await put(r.redemptionURL, 'TXN-1')
    expect(first.status).toBe(200)
    expect(first.body.data.loyaltyPoints).toBe(before - r.pointsDeduction)
    expect(points()).toBe(before - r.pointsDeduction)
    const again = await put(r.redemptionURL, 'TXN-1')
    expect(again.status).toBe(400)
    expect(errorMessage(again.body)).toBe('This reward link was already used')
    expect(points()).toBe(before - r.pointsDeduction)
    expect(sb.data.redemptions.list).toHaveLength(1)
  })

  it('not enough points is refused in words, an unknown link is a 404', async () => {
    await start()
    sb.data.update(m.contactID, { loyaltyPoints: 120 })
    const r = await reward('rw-10off')
    const refused = await put(r.redemptionURL, 'TXN-2')
    expect(refused.status).toBe(400)
    expect(errorMessage(refused.body)).toBe('Not enough points for this reward')
    expect((await call(sb, 'PUT', `/api/v1.1/discount/redeem/${sb.uid}/rw-5off/nosuchtoken/TXN-3`)).status).toBe(404)
    expect(points()).toBe(120)
  })

  it('the redemptions list names the contact, the reward, the transaction and the time', async () => {
    await start()
    await put((await reward()).redemptionURL, 'TXN-9')
    const rows = await list()
    expect(rows).toHaveLength(1)
    const row = rows[0]!
    expect(row[profile === 'wild' ? 'cntID' : 'contactID']).toBe(m.contactID)
    expect(row).toMatchObject({ discountID: 'rw-5off', transactionID: 'TXN-9', ts: 1_800_000_000 })
    expect(row[profile === 'wild' ? 'points' : 'pointsDeduction']).toBe(100)
    expect(await list(1, 2)).toEqual([])
  })

  it('the redemption shows on the timeline as a redeem event', async () => {
    await start()
    await put((await reward()).redemptionURL, 'TXN-4')
    const tl = (await call(sb, 'GET', `/api/v1.1/contact/loyaltyPoints/timeline/${sb.uid}/${m.contactID}`)).body.data
    expect(tl.events.at(-1)).toMatchObject({ type: 'redeem', value: -100, note: 'Redeemed: $5 off (transaction TXN-4)' })
  })

  it('redemptionOrigin makes the wallet hand out links on another origin', async () => {
    await start({ quirks: { redemptionOrigin: 'http://127.0.0.1:9' } })
    expect(new URL((await reward()).redemptionURL).origin).toBe('http://127.0.0.1:9')
  })

  it('the fault knobs apply: applyThenDrop redeems without an answer; hang and reset redeem nothing', async () => {
    await start()
    const before = points()
    const path = /\/discount\/redeem\//
    sb.faults.set({ kind: 'reset', match: { path }, times: 1 })
    await expect(put((await reward()).redemptionURL, 'TXN-R')).rejects.toThrow()
    expect(points()).toBe(before)
    sb.faults.set({ kind: 'hang', match: { path }, times: 1 })
    const aborted = call(sb, 'PUT', new URL(`${(await reward()).redemptionURL}/TXN-H`).pathname, { signal: AbortSignal.timeout(200) })
    await expect(aborted).rejects.toThrow()
    expect(points()).toBe(before)
    sb.faults.set({ kind: 'status', status: 503, match: { path }, times: 1 })
    expect((await put((await reward()).redemptionURL, 'TXN-S')).status).toBe(503)
    sb.faults.set({ kind: 'applyThenDrop', match: { path }, times: 1 })
    const r = await reward()
    await expect(put(r.redemptionURL, 'TXN-D')).rejects.toThrow()
    expect(points()).toBe(before - r.pointsDeduction)
    expect((await list()).map((x) => x.transactionID)).toEqual(['TXN-D'])
  })
})

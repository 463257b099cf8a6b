// "Never twice, never lost": each redemption reaches AIQ at most once, through the real services and client against
// the sandbox with its fault knobs — a double press, a lost answer (applyThenDrop, reset, hang) and then a retry, a
// restart mid-redeem — and a refusal is kept in AIQ's words and never retried.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PERSONAS, PROFILES, startSandbox, type Sandbox } from '../../../../electron/sandbox'
import { eventually, PRACTICE_MANAGER_PIN, startHarness, type Harness } from '../../../support/counter'

const m = PERSONAS.member
const REDEEM = /\/discount\/redeem\//
const puts = (sb: Sandbox) => sb.requests.filter((r) => r.method === 'PUT' && REDEEM.test(r.path)).length

describe.each(PROFILES)('%s profile: a redemption reaches AIQ at most once', (profile) => {
  const harnesses: Harness[] = []
  let sandbox: Sandbox | undefined
  const start = async (o: Parameters<typeof startHarness>[0] = {}) => {
    const h = await startHarness({ profile, redeemSettleMs: 400, aiqTimeoutMs: 800, ...o })
    harnesses.push(h)
    return h
  }
  afterEach(async () => {
    for (const h of harnesses.splice(0).reverse()) await h.close()
    await sandbox?.close()
    sandbox = undefined
  })

  const redeem = (h: Harness, over: Partial<{ rewardId: string; posTransactionId: string }> = {}) =>
    h.services.api.redeemReward({ contactID: m.contactID, rewardId: 'rw-5off', posTransactionId: 'TXN-100', customerName: 'Maya Lopez', budtender: 'Ana', ...over })
  const redeemed = (sb: Sandbox) => sb.data.redemptions.list.filter((r) => r.contactID === m.contactID)
  const points = (sb: Sandbox) => sb.data.byPhone(m.phone)!.loyaltyPoints!

  it('happy path: redeemed once, the points deducted at once, the customer re-read with AIQ’s new balance', async () => {
    const h = await start()
    const before = points(h.sandbox)
    const out = await redeem(h)
    expect(out.redemption).toMatchObject({ state: 'redeemed', rewardName: '$5 off', posDiscountID: 'POS-5OFF', points: 100, posTransactionId: 'TXN-100', balanceAfter: before - 100, foundInAiq: false })
    expect(out.customer?.points).toBe(before - 100)
    expect(points(h.sandbox)).toBe(before - 100)
    expect(redeemed(h.sandbox).map((r) => r.transactionID)).toEqual(['TXN-100'])
    const tl = await h.services.api.getTimeline({ contactID: m.contactID })
    expect(tl.events[0]).toMatchObject({ type: 'redeem', value: -100 })
  })

  it('a double press (two calls at once, then a third) sends one PUT and answers each with the same redemption', async () => {
    const h = await start()
    h.sandbox.faults.set({ kind: 'latency', ms: 150, match: { path: REDEEM } })
    const [a, b] = await Promise.all([redeem(h), redeem(h)])
    const c = await redeem(h)
    expect(new Set([a.redemption.id, b.redemption.id, c.redemption.id]).size).toBe(1)
    expect(c.redemption.state).toBe('redeemed')
    expect(puts(h.sandbox)).toBe(1)
    expect(redeemed(h.sandbox)).toHaveLength(1)
  })

  it('applyThenDrop: AIQ redeemed it but the answer was lost — found in AIQ’s list at once, never sent again', async () => {
    const h = await start()
    const before = points(h.sandbox)
    h.sandbox.faults.set({ kind: 'applyThenDrop', match: { path: REDEEM }, times: 1 })
    const out = await redeem(h)
    expect(out.redemption).toMatchObject({ state: 'redeemed', foundInAiq: true, balanceAfter: before - 100 })
    const again = await h.services.api.retryRedemption({ id: out.redemption.id })
    expect(again.redemption.state).toBe('redeemed')
    expect(puts(h.sandbox)).toBe(1)
    expect(redeemed(h.sandbox)).toHaveLength(1)
  })

  it.each(['reset', 'hang'] as const)('%s: not redeemed, in doubt; a retry looks first, waits out the settle time, then sends the same link once', async (kind) => {
    const h = await start()
    const before = points(h.sandbox)
    h.sandbox.faults.set({ kind, match: { path: REDEEM }, times: 1 })
    const out = await redeem(h)
    expect(out.redemption.state).toBe('in_doubt')
    expect(out.redemption.message).toMatch(/never sent twice/)
    expect(points(h.sandbox)).toBe(before)
    // too soon: AIQ may still be working on it; nothing is sent
    const soon = Date.now() < out.redemption.checkAfter!
    if (soon) await expect(h.services.api.retryRedemption({ id: out.redemption.id })).rejects.toThrow(/Check again in/)
    expect(puts(h.sandbox)).toBe(1)
    // checkAfter is in AIQ's time, learnt from Date headers (whole seconds): allow that second
    await new Promise((r) => setTimeout(r, Math.max(0, out.redemption.checkAfter! - Date.now() + 1_100)))
    const lists = h.sandbox.requests.filter((r) => r.path.includes('/redemptions/')).length
    const done = await h.services.api.retryRedemption({ id: out.redemption.id })
    expect(done.redemption).toMatchObject({ id: out.redemption.id, state: 'redeemed', attempts: 2, balanceAfter: before - 100 })
    // it looked in AIQ's list before sending again
    expect(h.sandbox.requests.filter((r) => r.path.includes('/redemptions/')).length).toBeGreaterThan(lists)
    expect(puts(h.sandbox)).toBe(2)
    expect(redeemed(h.sandbox)).toHaveLength(1)
    expect(points(h.sandbox)).toBe(before - 100)
  })

  it('a refusal is kept in AIQ’s words and never retried', async () => {
    const h = await start()
    h.sandbox.data.update(m.contactID, { loyaltyPoints: 50 })
    const out = await redeem(h)
    expect(out.redemption).toMatchObject({ state: 'refused', message: 'Not enough points for this reward' })
    expect(out.customer).toBeNull()
    const again = await h.services.api.retryRedemption({ id: out.redemption.id })
    expect(again.redemption.state).toBe('refused')
    expect(puts(h.sandbox)).toBe(1)
  })

  it('the same sale confirmed again after a refusal that did not depend on the balance gets AIQ’s words again, not a second PUT', async () => {
    const h = await start()
    h.sandbox.faults.set({ kind: 'status', status: 400, match: { path: REDEEM }, times: 1 })
    const first = await redeem(h)
    expect(first.redemption.state).toBe('refused')
    const again = await redeem(h)
    expect(again.redemption).toMatchObject({ id: first.redemption.id, state: 'refused' })
    expect(puts(h.sandbox)).toBe(1)
  })

  it('"not enough points" does not stick to the sale: once the balance has grown, the same sale’s reward is redeemed (issue 18, item 6)', async () => {
    const h = await start()
    h.sandbox.data.update(m.contactID, { loyaltyPoints: 50 })
    const first = await redeem(h)
    expect(first.redemption).toMatchObject({ state: 'refused', message: 'Not enough points for this reward' })
    h.sandbox.data.update(m.contactID, { loyaltyPoints: 5000 })
    const again = await redeem(h)
    expect(again.redemption).toMatchObject({ state: 'redeemed', posTransactionId: 'TXN-100' })
    expect(again.redemption.id).not.toBe(first.redemption.id)
    expect(redeemed(h.sandbox)).toHaveLength(1)
    // and it stays at most once: a third press finds the redeemed row
    await redeem(h)
    expect(redeemed(h.sandbox)).toHaveLength(1)
  })

  it('the same customer named in upper and in lower case is one customer: a second press sends nothing (issue 18, item 6)', async () => {
    const h = await start()
    const a = await h.services.api.redeemReward({ contactID: m.contactID.toUpperCase(), rewardId: 'rw-5off', posTransactionId: 'TXN-100', customerName: 'Maya Lopez' })
    const b = await redeem(h)
    expect(b.redemption.id).toBe(a.redemption.id)
    expect(puts(h.sandbox)).toBe(1)
  })

  it('a redemption of the reward still in doubt stops a new one on another sale; a retry needs someone signed in (review findings)', async () => {
    const h = await start()
    h.sandbox.faults.set({ kind: 'reset', match: { path: REDEEM }, times: 1 })
    const out = await redeem(h)
    expect(out.redemption.state).toBe('in_doubt')
    await expect(redeem(h, { posTransactionId: 'TXN-200' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/TXN-100.*not confirmed it yet/) })
    expect(puts(h.sandbox)).toBe(1)
    await h.services.api.signOutBudtender({})
    await expect(h.services.api.retryRedemption({ id: out.redemption.id })).rejects.toMatchObject({ code: 'needs_sign_in' })
    expect(puts(h.sandbox)).toBe(1)
  })

  it('AIQ down: nothing is redeemed and nothing is queued; once the counter knows, Redeem is refused before any call', async () => {
    const h = await start()
    await h.sandbox.stop()
    await expect(redeem(h)).rejects.toMatchObject({ code: 'offline' })
    h.sandbox.requests.length = 0
    await expect(redeem(h)).rejects.toThrow(/Redeeming needs AIQ/)
    expect(h.sandbox.requests).toHaveLength(0)
    expect((await h.services.api.redemptionReport({ from: 0, to: Date.now() + 1000 })).local).toEqual([])
    await h.sandbox.restart()
    await new Promise((r) => setTimeout(r, 300))
    expect(puts(h.sandbox)).toBe(0)
    expect(redeemed(h.sandbox)).toHaveLength(0)
  })

  it('restart mid-redeem: the row left sending is in doubt after the restart; AIQ already has it, so it is redeemed without a second PUT', async () => {
    sandbox = await startSandbox({ port: 0, profile })
    const first = await start({ sandbox, aiqTimeoutMs: 20_000 })
    // the PUT is applied and the answer never comes: the first counter is still waiting when the "restart" happens
    sandbox.faults.set({ kind: 'applyThenDrop', match: { path: REDEEM }, times: 1 }, { kind: 'hang', match: { path: /\/redemptions\// }, times: 1 })
    const stuck = redeem(first).catch(() => null)
    await eventually(() => redeemed(sandbox!).length === 1)
    // the counter stops while its PUT is unanswered, as in a crash (the row is left 'sending' on disk); only then may
    // another counter open the folder (one per data folder, issue 10 item 12)
    await first.services.close()
    const second = await start({ sandbox, dataDir: first.dataDir })
    const report = await eventually(async () => {
      const r = await second.services.api.redemptionReport({ from: 0, to: Date.now() + 1000 })
      return r.local[0]?.state === 'redeemed' ? r : null
    })
    expect(report!.local[0]).toMatchObject({ foundInAiq: true, posTransactionId: 'TXN-100' })
    expect(report!.aiq.redemptions).toMatchObject([{ posTransactionId: 'TXN-100', redemptionId: report!.local[0]!.id }])
    expect(puts(sandbox)).toBe(1)
    // the first counter's hanging read ends (its row is no longer 'sending': it changes nothing)
    await sandbox.stop()
    await sandbox.restart()
    await stuck
    expect(puts(sandbox)).toBe(1)
    expect(redeemed(sandbox)).toHaveLength(1)
  })
})

describe('AIQ sends no Date header (a proxy strips it) and this computer’s clock is 2 hours slow', () => {
  let h: Harness | undefined
  let sandbox: Sandbox | undefined
  afterEach(async () => {
    await h?.close()
    await sandbox?.close()
  })

  it('a redemption whose answer was lost is looked for widely, found in AIQ’s list, never sent again (issue 21 item 1: as awards do)', async () => {
    sandbox = await startSandbox({ port: 0, quirks: { dateHeader: false } })
    h = await startHarness({ sandbox, clock: { now: () => Date.now() - 120 * 60_000 }, redeemSettleMs: 400, aiqTimeoutMs: 800 })
    sandbox.faults.set({ kind: 'applyThenDrop', match: { path: REDEEM }, times: 1 })
    const out = await h.services.api.redeemReward({ contactID: m.contactID, rewardId: 'rw-5off', posTransactionId: 'TXN-77', customerName: 'Maya Lopez', budtender: 'Ana' })
    expect(out.redemption).toMatchObject({ state: 'redeemed', foundInAiq: true })
    expect(puts(sandbox)).toBe(1)
    expect(sandbox.data.redemptions.list.filter((r) => r.transactionID === 'TXN-77')).toHaveLength(1)
  })
})

describe('the key goes only to AIQ', () => {
  let capture: Server | undefined
  let h: Harness | undefined
  afterEach(async () => {
    await h?.close()
    await new Promise((r) => (capture ? capture.close(r) : r(null)))
  })

  it('a wallet whose redemption link points elsewhere is refused and logged; no request reaches that server', async () => {
    let arrived = 0
    capture = createServer((_req, res) => {
      arrived++
      res.end('{"success":true,"data":{"loyaltyPoints":0}}')
    })
    await new Promise<void>((r) => capture!.listen(0, '127.0.0.1', r))
    const elsewhere = `http://127.0.0.1:${(capture.address() as AddressInfo).port}`
    h = await startHarness({ logs: true })
    h.sandbox.quirks.redemptionOrigin = elsewhere
    const out = await h.services.api.redeemReward({ contactID: m.contactID, rewardId: 'rw-5off', posTransactionId: 'TXN-9', customerName: '', budtender: 'Ana' })
    expect(out.redemption).toMatchObject({ state: 'not_sent' })
    expect(out.redemption.message).toMatch(/points to another server \(127\.0\.0\.1:\d+\)/)
    expect(arrived).toBe(0)
    expect(h.sandbox.data.redemptions.list).toHaveLength(0)
    const log = readFileSync(join(h.dataDir, 'logs', 'aiq-counter.log'), 'utf8')
    const line = log.split('\n').find((l) => l.includes('points away from AIQ'))
    expect(line).toBeDefined()
    expect(line).not.toContain(h.sandbox.apiKey)
    expect(line).not.toMatch(/discount\/redeem/)
  })
})

describe('a redemption above the store’s points threshold needs the manager (issue 18, item 6)', () => {
  let h: Harness | undefined
  afterEach(async () => h?.close())

  it('default 500; lowered to 120: a 100-point reward goes through, a 150-point one asks for the manager’s PIN first', async () => {
    h = await startHarness()
    expect((await h.services.api.getStaff({})).rules.redeemLimit).toBe(500)
    const rules = { ...(await h.services.api.getStaff({})).rules, redeemLimit: 120 }
    await h.services.api.saveRules({ rules, approval: PRACTICE_MANAGER_PIN })
    const redeem = (rewardId: string, approval?: { pin: string }) =>
      h!.services.api.redeemReward({ contactID: m.contactID, rewardId, posTransactionId: `TXN-${rewardId}`, customerName: 'Maya Lopez', ...(approval ? { approval } : {}) })
    await expect(redeem('rw-5off')).resolves.toMatchObject({ redemption: { state: 'redeemed' } })
    await expect(redeem('rw-preroll')).rejects.toMatchObject({ code: 'needs_manager', message: expect.stringMatching(/more than 120 points/) })
    expect(h.sandbox.data.redemptions.list.filter((r) => r.discountID === 'rw-preroll')).toHaveLength(0)
    await expect(redeem('rw-preroll', { pin: '1111' })).rejects.toMatchObject({ code: 'wrong_pin' })
    await expect(redeem('rw-preroll', PRACTICE_MANAGER_PIN)).resolves.toMatchObject({ redemption: { state: 'redeemed' } })
  })
})

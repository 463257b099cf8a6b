// Issue 18, item 1: the practice PIN anyone may read never reaches a live account's rows. Any action on an account's
// awards needs that account's own manager, whatever mode the counter is in now. Through dispatch, as the screens call.
import { afterEach, beforeEach, expect, it } from 'vitest'
import { PERSONAS, startSandbox } from '../../../../electron/sandbox'
import { DEFAULT_RULES } from '../../../../shared/staff-rules'
import { call, eventually, LIVE_MANAGER, PRACTICE_MANAGER_PIN, signInLive, signInPractice, startHarness, type Harness } from '../../../support/counter'

let h: Harness
beforeEach(async () => {
  h = await startHarness({ training: false })
})
afterEach(async () => {
  await h.services.api.signOut({ leaveWaiting: true, approval: rosa }).catch(() => {})
  await h.close()
})

const award = (value: number, extra: object = {}) => ({ customer: { contactID: PERSONAS.member.contactID }, customerName: 'Maya', value, reason: 'Purchase', ...extra })
const rosa = { pin: LIVE_MANAGER.pin }

it('live awards left waiting in training mode: the practice manager cannot discard them, and an unconfigured counter cannot loosen the rules to', async () => {
  const { services, sandbox } = h
  await call(services, 'saveAccount', { uid: sandbox.uid, apiKey: sandbox.apiKey, baseUrl: sandbox.url })
  await signInLive(services)
  await sandbox.stop() // AIQ down: the awards wait
  const plus = await call(services, 'awardPoints', award(300))
  const minus = await call(services, 'awardPoints', award(-200, { approval: rosa }))
  await call(services, 'useTrainingMode', { leaveWaiting: true, approval: rosa })
  await signInPractice(services) // Alex, 1111: on the sign-in screen for anyone to read

  for (const id of [plus.id, minus.id])
    await expect(call(services, 'discardOutboxEntry', { id, reason: 'practice', approval: PRACTICE_MANAGER_PIN })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(new RegExp(`given in AIQ account ${sandbox.uid}`)),
    })
  await expect(call(services, 'fixOutboxCustomer', { id: minus.id, customer: { phone: PERSONAS.pending.phone! }, approval: PRACTICE_MANAGER_PIN })).rejects.toMatchObject({ code: 'invalid_input' })

  // sign the account out: the counter is unconfigured, which reads the practice roster
  await call(services, 'signOut', { leaveWaiting: true, approval: PRACTICE_MANAGER_PIN })
  expect((await call(services, 'getStatus', {})).mode).toBe('unconfigured')
  await expect(call(services, 'saveRules', { rules: { ...DEFAULT_RULES, discardNeedsManager: false, deductNeedsManager: false } })).rejects.toMatchObject({ code: 'needs_manager' })
  // refused at the door (the rules ask a manager's PIN) and, were the rules loose, by the row itself (another account's)
  await expect(call(services, 'discardOutboxEntry', { id: minus.id, reason: 'gone' })).rejects.toMatchObject({ code: expect.stringMatching(/^(needs_manager|invalid_input)$/) })

  // nothing was discarded: with the account connected again, both reach AIQ, and its rules are as its manager left them
  expect((await call(services, 'listOutbox', {})).entries.map((e) => e.state)).toEqual(['pending', 'pending'])
  await sandbox.restart()
  await call(services, 'saveAccount', { uid: sandbox.uid, apiKey: sandbox.apiKey, baseUrl: sandbox.url })
  await signInLive(services)
  expect((await call(services, 'getStaff', {})).rules).toEqual(DEFAULT_RULES)
  await eventually(() => sandbox.ledger.length === 2, 5000)
})

it("a redemption left in doubt is checked only while its own account is connected: never sent to another one", async () => {
  const { services, sandbox } = h
  await call(services, 'useTrainingMode', {})
  await signInPractice(services)
  sandbox.faults.set({ kind: 'reset', match: { path: /\/discount\/redeem\// }, times: 1 })
  const { redemption } = await call(services, 'redeemReward', { contactID: PERSONAS.member.contactID, rewardId: 'rw-5off', posTransactionId: 'TXN-7' })
  expect(redemption.state).toBe('in_doubt')
  const other = await startSandbox({ port: 0, accounts: [{ uid: '4242', apiKey: 'real-key' }] })
  try {
    await call(services, 'saveAccount', { uid: '4242', apiKey: 'real-key', baseUrl: other.url, leaveWaiting: true, approval: PRACTICE_MANAGER_PIN })
    await signInLive(services)
    await expect(call(services, 'retryRedemption', { id: redemption.id })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/made in another account/) })
    expect(other.requests.filter((r) => /\/discount\/redeem\//.test(r.path))).toHaveLength(0)
  } finally {
    await call(services, 'signOut', { leaveWaiting: true, approval: rosa }).catch(() => {})
    await other.close()
  }
})

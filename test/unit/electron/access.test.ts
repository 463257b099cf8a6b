// Issue 18, item 8: who may call what, in one place. Every method of the contract carries its rule, and dispatch
// refuses each one without it before the service runs — walked over the whole method table, with the real staff rules.
import { describe, expect, it } from 'vitest'
import { dispatch } from '../../../electron/dispatch'
import { createAccessGate } from '../../../electron/services/access'
import { access } from '../../../shared/contract/access'
import { createEventHub } from '../../../electron/services/events'
import type { Services } from '../../../electron/services'
import { createStaffService } from '../../../electron/services/staff'
import { CounterError } from '../../../electron/errors'
import { openDatabase } from '../../../electron/store/db'
import { createSettings } from '../../../electron/store/settings'
import { createStaffStore } from '../../../electron/store/staff'
import { methodNames, methods, type MethodInput, type MethodName } from '../../../shared/contract'
import { DEFAULT_RULES, roleFor, type CounterAction } from '../../../shared/staff-rules'

const contactID = '9f3a0c2b7d1e4f5a8b6c0d2e4f6a8b0c'
/** one valid input per method (the typecheck holds the table to the contract: a new method needs its line here) */
const SAMPLE: { [M in MethodName]: MethodInput<M> } = {
  getStatus: {},
  dismissDatabaseNotice: {},
  checkIn: { input: '3035550100' },
  checkInFromDirectory: { input: '3035550100' },
  searchCustomers: { query: 'Maya' },
  getRewards: { contactID },
  getVisits: { contactID },
  getTimeline: { contactID },
  getRecommendations: { contactID },
  getTraits: { contactID },
  saveTraits: { contactID, traits: [], mode: 'add' },
  getOverrides: { contactID },
  saveOverrides: { contactID, overrides: {} },
  awardPoints: { customer: { contactID }, value: 600, reason: 'Purchase' },
  signUp: { firstName: 'Maya', phone: '3035550100', loyalty: true, sms: 'none' },
  requestSmsOptIn: { phone: '3035550100' },
  listStores: {},
  recentAwards: { customer: { contactID } },
  shiftReport: { from: 0, to: 1 },
  listOutbox: {},
  retryOutboxEntry: { id: 'a' },
  fixOutboxCustomer: { id: 'a', customer: { phone: '3035550100' } },
  discardOutboxEntry: { id: 'a', reason: 'twice' },
  testConnection: { uid: '4242' },
  saveAccount: { uid: '4242', apiKey: 'k' },
  signOut: {},
  useTrainingMode: {},
  refreshDirectory: {},
  clearDirectory: {},
  setDirectoryEnabled: { enabled: true },
  redeemReward: { contactID, rewardId: 'r', posTransactionId: 'T1' },
  retryRedemption: { id: 'a' },
  redemptionReport: { from: 0, to: 1 },
  checkCompatibility: { phone: '3035550100' },
  getCounter: {},
  saveCounter: { name: 'Counter 2', onlyCounter: false },
  getStaff: {},
  setUpManager: { name: 'Rosa', pin: '4821' },
  signInBudtender: { staffId: 'x', pin: '1111' },
  signOutBudtender: {},
  stillHere: {},
  addStaff: { name: 'Kim', role: 'budtender', pin: '7316' },
  removeStaff: { staffId: 'x' },
  saveRules: { rules: DEFAULT_RULES },
  changeMyPin: { oldPin: '1111', newPin: '4747' },
  resetStaffPin: { staffId: 'x', pin: '4747' },
  unlockStaff: { staffId: 'x' },
  recoverManagerPin: { apiKey: 'k', pin: '4747' },
  unlockSettings: {},
  getCustomerScreen: {},
  openCustomerScreen: {},
  askCustomerConsent: { phone: '3035550100' },
  cancelCustomerConsent: {},
  clearCustomerScreen: {},
  getConsentSettings: {},
  saveConsentSettings: { storeName: 'Green Leaf', programName: 'Green Leaf Rewards', terms: 'greenleaf.example/terms', doubleOptIn: true, askDataRetention: false },
  listConsents: { from: 0, to: 1 },
  exportConsents: { from: 0, to: 1 },
  checkId: { scan: '@ANSI' },
  overrideIdCheck: { checkId: 'c', reason: 'checked by eye' },
}
const MANAGER = { pin: '9999' } // training mode's practice manager
const RAN = 'the service ran'
const reached = { ok: false, error: { message: RAN } }

async function counter(mode: 'training' | 'live' | 'unconfigured' = 'training') {
  const db = openDatabase(':memory:')
  const staff = createStaffService({ store: createStaffStore(db), settings: createSettings(db), clock: { now: () => Date.now() }, mode: () => mode, savedKey: async () => null, onChange: () => {} })
  staff.stop()
  const roster = (await staff.api.getStaff()).staff
  const ran: string[] = []
  // each service only says it ran (its output is beside the point here)
  const api = Object.fromEntries(
    methodNames.map((m) => [
      m,
      async () => {
        ran.push(m)
        throw new CounterError('not_found', RAN)
      },
    ]),
  )
  const services = { api, access: createAccessGate(staff.guard), events: createEventHub(), close: async () => {} } as unknown as Services
  const signIn = (name: string, pin: string) => staff.api.signInBudtender({ staffId: roster.find((p) => p.name === name)!.id, pin })
  return { services, ran, signIn, staff }
}

const rules = methodNames.map((m) => [m, access[m]] as const)

it('every method of the contract says who may call it', () => {
  for (const [m, rule] of rules) expect(['anyone', 'signed_in', 'manager'], m).toContain(rule?.who)
})

describe.each(rules)('%s', { timeout: 30_000 }, (method, rule) => {
  const call = (c: Awaited<ReturnType<typeof counter>>, extra: object = {}) => dispatch(c.services, method, { ...SAMPLE[method], ...extra })
  const action = rule.who === 'signed_in' && rule.approval ? (rule.approval as (a: unknown) => CounterAction)(methods[method].input.parse(SAMPLE[method])) : null
  const needsPin = rule.who === 'manager' || (action !== null && roleFor(action, DEFAULT_RULES) === 'manager')

  if (rule.who === 'anyone') {
    it('anyone: runs with nobody signed in', async () => {
      const c = await counter()
      expect(await call(c)).toMatchObject(reached)
      expect(c.ran).toEqual([method])
    })
    return
  }
  if (rule.who === 'signed_in') {
    it('refused with nobody signed in, before the service runs', async () => {
      const c = await counter()
      expect(await call(c, needsPin ? { approval: MANAGER } : {})).toMatchObject({ ok: false, error: { code: 'needs_sign_in' } })
      expect(c.ran).toEqual([])
    })
  }
  if (needsPin) {
    it("refused to a budtender without the manager's approval, and with a wrong PIN; runs with it", async () => {
      const c = await counter()
      await c.signIn('Alex', '1111')
      expect(await call(c)).toMatchObject({ ok: false, error: { code: 'needs_manager' } })
      expect(await call(c, { approval: { pin: '1111' } })).toMatchObject({ ok: false, error: { code: 'wrong_pin' } })
      expect(c.ran).toEqual([])
      expect(await call(c, { approval: MANAGER })).toMatchObject(reached)
      expect(c.ran).toEqual([method])
    })
  } else {
    it('runs for anyone signed in', async () => {
      const c = await counter()
      await c.signIn('Alex', '1111')
      expect(await call(c)).toMatchObject(reached)
      expect(c.ran).toEqual([method])
    })
  }
})

describe('the first run', { timeout: 30_000 }, () => {
  it('nothing configured: the first choice (training or an account) needs no PIN; rules, staff and the directory do', async () => {
    const c = await counter('unconfigured')
    for (const m of ['useTrainingMode', 'saveAccount', 'signOut'] as const) expect(await dispatch(c.services, m, SAMPLE[m]), m).toMatchObject(reached)
    for (const m of ['saveRules', 'addStaff', 'removeStaff', 'setDirectoryEnabled', 'clearDirectory', 'unlockSettings'] as const)
      expect(await dispatch(c.services, m, SAMPLE[m]), m).toMatchObject({ ok: false, error: { code: 'needs_manager' } })
    expect(c.ran).toEqual(['useTrainingMode', 'saveAccount', 'signOut'])
  })
})

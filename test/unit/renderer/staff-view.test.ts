import { describe, expect, it } from 'vitest'
import { withApproval } from '../../../renderer/src/state/with-approval'
import { createClient } from '../../../renderer/src/api'
import { byBudtender } from '../../../renderer/src/state/staff-view'
import { DEFAULT_RULES } from '../../../shared/staff-rules'
import { asWedge, card } from '../../support/aamva-samples'
import { entry, Failure, fakeCounter, jane, makeStore } from '../../support/fake-api'

describe('the shift report by budtender', () => {
  it('each person’s awards, deductions, approvals, discards and ID checks', () => {
    const rows = byBudtender(
      [
        entry({ id: '1', budtender: 'Jordan', value: 40 }),
        entry({ id: '2', budtender: 'Alex', value: 25 }),
        entry({ id: '3', budtender: 'Alex', value: -10, approvedBy: 'Morgan' }),
        entry({ id: '4', budtender: 'Alex', value: 600, approvedBy: 'Morgan' }),
        entry({ id: '5', budtender: 'Jordan', value: 5, state: 'discarded' }),
      ],
      [
        { at: 1, budtender: 'Alex', outcome: 'passed', overrideReason: null, approvedBy: null },
        { at: 2, budtender: 'Casey', outcome: 'overridden', overrideReason: 'by eye', approvedBy: 'Morgan' },
      ],
    )
    expect(rows).toEqual([
      { budtender: 'Alex', awards: 2, awarded: 625, deductions: 1, deducted: 10, approved: 2, discarded: 0, idPassed: 1, idRefused: 0, idOverridden: 0 },
      { budtender: 'Casey', awards: 0, awarded: 0, deductions: 0, deducted: 0, approved: 0, discarded: 0, idPassed: 0, idRefused: 0, idOverridden: 1 },
      { budtender: 'Jordan', awards: 1, awarded: 40, deductions: 0, deducted: 0, approved: 0, discarded: 1, idPassed: 0, idRefused: 0, idOverridden: 0 },
    ])
  })
})

const directory = { enabled: false, size: 0, lastFullRefreshAt: null, refresh: { state: 'idle' as const, loaded: 0, total: null, error: null } }
const staff = { roster: 'training' as const, needsManager: false, signedIn: null, staff: [], practicePins: null, rules: DEFAULT_RULES }

describe('unlocked Settings (issue 18, item 3)', () => {
  const PASS = 'p'.repeat(32)
  it('an ordinary change carries the unlocked screen’s pass, never the PIN; reads carry nothing', async () => {
    const { raw, calls } = fakeCounter({ setDirectoryEnabled: () => directory, addStaff: () => staff, getStaff: () => staff })
    const asked: string[] = []
    const api = withApproval(createClient(raw), PASS, async () => (asked.push('pin'), null), () => {})
    await api.setDirectoryEnabled({ enabled: true })
    await api.addStaff({ name: 'Kim', role: 'budtender', pin: '7316' })
    await api.getStaff({})
    expect(asked).toEqual([])
    expect(calls.map((c) => [c.method, c.input])).toEqual([
      ['setDirectoryEnabled', { enabled: true, approval: { pass: PASS } }],
      ['addStaff', { name: 'Kim', role: 'budtender', pin: '7316', approval: { pass: PASS } }],
      ['getStaff', {}],
    ])
  })
  it('a change that grants power asks the PIN again and sends it; without it nothing is sent', async () => {
    const { raw, calls } = fakeCounter({ setDirectoryEnabled: () => directory, addStaff: () => staff, saveRules: () => staff })
    let pin: { pin: string } | null = { pin: '9999' }
    const api = withApproval(createClient(raw), PASS, async () => pin, () => {})
    await api.addStaff({ name: 'Sam Boss', role: 'manager', pin: '7316' })
    await api.setDirectoryEnabled({ enabled: false })
    await api.saveRules({ rules: DEFAULT_RULES })
    pin = null
    await expect(api.addStaff({ name: 'Eve', role: 'manager', pin: '1234' })).rejects.toMatchObject({ code: 'needs_manager' })
    expect(calls.map((c) => [c.method, (c.input as { approval?: unknown }).approval])).toEqual([
      ['addStaff', { pin: '9999' }],
      ['setDirectoryEnabled', { pin: '9999' }],
      ['saveRules', { pin: '9999' }],
    ])
  })
})

const panelsFor = {
  getRewards: () => ({ points: 0, hidePoints: false, rewards: [] }),
  getVisits: () => ({ visits: [] }),
  getTimeline: () => ({ events: [] }),
  getRecommendations: () => ({ products: [] }),
  getTraits: () => ({ traits: [] }),
  getOverrides: () => ({ overrides: {} }),
}

describe('a licence in the check-in field', () => {
  const outcome = (over: object = {}) => ({
    checkId: 'k1', verdict: 'pass' as const, overridden: false, problem: null, age: 30, minimumAge: 21,
    holder: { firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1996-01-01', expiry: '2030-01-01', state: 'VA', document: 'DL' as const },
    lookup: 'found' as const, matches: [jane], ...over,
  })
  it('goes to the ID check by its content, never to a customer lookup; one match opens them', async () => {
    const { store, calls } = makeStore({ checkId: () => outcome(), ...panelsFor })
    await store.getState().checkIn(asWedge(card(10, 'DL', '1996-01-01', '2030-01-01')))
    expect(calls.map((c) => c.method)).toContain('checkId')
    expect(calls.map((c) => c.method)).not.toContain('checkIn')
    expect(store.getState().checkin.result).toMatchObject({ kind: 'customer', customer: { contactID: jane.contactID } })
    expect(store.getState().notice).toEqual({ tone: 'ok', text: 'ID checked — passed.' })
  })
  it('a fail stays on screen for the override; the override sends the reason and the PIN', async () => {
    const { store, calls } = makeStore({ checkId: () => outcome({ verdict: 'under_age', lookup: 'not_looked_up', matches: [] }), overrideIdCheck: () => outcome({ verdict: 'under_age', overridden: true, lookup: 'none', matches: [] }), listStores: () => ({ stores: [] }) })
    await store.getState().checkIn(card(10, 'DL', '2010-01-01', '2030-01-01'))
    expect(store.getState().idCheck).toMatchObject({ state: 'done', outcome: { verdict: 'under_age' } })
    expect(await store.getState().overrideIdCheck('checked by eye', { pin: '9999' })).toBeNull()
    expect(calls.find((c) => c.method === 'overrideIdCheck')?.input).toEqual({ checkId: 'k1', reason: 'checked by eye', approval: { pin: '9999' } })
    expect(store.getState().idCheck).toMatchObject({ state: 'done', outcome: { overridden: true, lookup: 'none' } })
  })
})

describe('PINs changed from the staff slice (the dialogs keep only what is typed)', () => {
  const sam = { id: 's1', name: 'Sam', role: 'manager' as const, locked: false }
  it('Change my PIN: main’s answer is who is signed in, and the notice says it is changed', async () => {
    const { store, calls } = makeStore({ changeMyPin: () => ({ ...staff, signedIn: sam, staff: [sam] }) })
    expect(await store.getState().changeMyPin('1111', '2222')).toBeNull()
    expect(calls.find((c) => c.method === 'changeMyPin')?.input).toEqual({ oldPin: '1111', newPin: '2222' })
    expect(store.getState().staff?.signedIn?.name).toBe('Sam')
    expect(store.getState().notice).toEqual({ tone: 'ok', text: 'Your PIN is changed. Use the new one from now on.' })
  })
  it('a refused old PIN comes back in main’s words and changes nothing on screen', async () => {
    const { store } = makeStore({ changeMyPin: () => Promise.reject(new Failure('invalid_input', 'That is not your current PIN.')) })
    expect(await store.getState().changeMyPin('1111', '2222')).toBe('That is not your current PIN.')
    expect(store.getState().staff).toBeNull()
    expect(store.getState().notice).toBeNull()
  })
  it('a recovered manager PIN signs that manager in and says so; a wrong key is refused in words', async () => {
    const { store } = makeStore({ recoverManagerPin: () => ({ ...staff, signedIn: sam, staff: [sam] }) })
    expect(await store.getState().recoverManagerPin({ apiKey: 'k', pin: '2222' })).toBeNull()
    expect(store.getState().notice).toEqual({ tone: 'ok', text: 'New manager PIN set. Sam is signed in.' })
    const refused = makeStore({ recoverManagerPin: () => Promise.reject(new Failure('invalid_input', 'That is not this account’s API key.')) })
    expect(await refused.store.getState().recoverManagerPin({ apiKey: 'x', pin: '2222' })).toBe('That is not this account’s API key.')
    expect(refused.store.getState().staff).toBeNull()
  })
})

// The settings slice (issue 21 item 4): Settings' calls to main go through it. Locked, a call is the plain one (the
// first run's account setup); unlocked, each change carries main's pass, kept out of the store's state; a change that
// grants power waits for the manager's PIN again, asked through state the lock renders; locking forgets the pass.
import { describe, expect, it } from 'vitest'
import { DEFAULT_RULES } from '../../../shared/staff-rules'
import { makeStore, settle } from '../../support/fake-api'

const PASS = 'pass-0123456789abcdef0123456789abcdef'
const staff = { roster: 'training' as const, needsManager: false, signedIn: null, staff: [], practicePins: null, rules: DEFAULT_RULES }
const counter = { name: 'Front', onlyCounter: false }

function open() {
  return makeStore({
    unlockSettings: () => ({ ...staff, settingsPass: PASS }),
    saveCounter: () => counter,
    saveRules: () => staff,
  })
}

describe('Settings’ calls to main', () => {
  it('locked: the plain call, no approval (the first run sets up the account this way)', async () => {
    const { store, calls } = open()
    await store.getState().settingsCall('saveCounter', { name: 'Front', onlyCounter: false })
    expect(calls.at(-1)).toEqual({ method: 'saveCounter', input: { name: 'Front', onlyCounter: false } })
  })

  it('unlocked with the PIN: each change carries main’s pass, which is nowhere in the store’s state; locking forgets it', async () => {
    const { store, calls } = open()
    await store.getState().unlockSettings({ pin: '9999' })
    expect(calls.at(-1)).toEqual({ method: 'unlockSettings', input: { approval: { pin: '9999' } } })
    expect(store.getState().settingsLock).toEqual({ unlocked: true, pinAgain: null })
    expect(JSON.stringify(store.getState())).not.toContain(PASS)
    await store.getState().settingsCall('saveCounter', { name: 'Back', onlyCounter: true })
    expect(calls.at(-1)).toEqual({ method: 'saveCounter', input: { name: 'Back', onlyCounter: true, approval: { pass: PASS } } })

    store.getState().lockSettings()
    expect(store.getState().settingsLock.unlocked).toBe(false)
    await store.getState().settingsCall('saveCounter', { name: 'Back', onlyCounter: true })
    expect(calls.at(-1)).toEqual({ method: 'saveCounter', input: { name: 'Back', onlyCounter: true } })
  })

  it('a change that grants power asks the PIN again through state, and sends the PIN typed; cancelled, nothing is sent', async () => {
    const { store, calls } = open()
    await store.getState().unlockSettings()
    expect(calls.at(-1)).toEqual({ method: 'unlockSettings', input: {} }) // a manager signed in: their session
    const saving = store.getState().settingsCall('saveRules', { rules: DEFAULT_RULES })
    await settle()
    expect(store.getState().settingsLock.pinAgain).toEqual({ method: 'saveRules', input: { rules: DEFAULT_RULES } })
    store.getState().answerPinAgain({ pin: '9999' })
    await saving
    expect(calls.at(-1)).toEqual({ method: 'saveRules', input: { rules: DEFAULT_RULES, approval: { pin: '9999' } } })
    expect(store.getState().settingsLock.pinAgain).toBeNull()

    const sent = calls.length
    const cancelled = store.getState().settingsCall('saveRules', { rules: DEFAULT_RULES })
    await settle()
    store.getState().answerPinAgain(null)
    await expect(cancelled).rejects.toMatchObject({ code: 'needs_manager' })
    expect(calls).toHaveLength(sent)
  })

  it('locking while the PIN is asked cancels that change', async () => {
    const { store, calls } = open()
    await store.getState().unlockSettings({ pin: '9999' })
    const sent = calls.length
    const saving = store.getState().settingsCall('saveRules', { rules: DEFAULT_RULES })
    await settle()
    store.getState().lockSettings()
    await expect(saving).rejects.toMatchObject({ code: 'needs_manager' })
    expect(store.getState().settingsLock).toEqual({ unlocked: false, pinAgain: null })
    expect(calls).toHaveLength(sent)
  })
})

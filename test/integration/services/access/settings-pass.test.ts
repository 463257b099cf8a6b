// Issue 18, item 3: an unlocked Settings screen holds main's pass, not the manager's PIN. The pass carries ordinary
// changes; a change that grants power needs the PIN itself on that very call, whatever the screen sends.
import { afterEach, beforeEach, expect, it } from 'vitest'
import { DEFAULT_RULES } from '../../../../shared/staff-rules'
import { call, PRACTICE_MANAGER_PIN, signInPractice, startHarness, type Harness } from '../../../support/counter'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => h.close())

it('the pass adds a budtender; adding a manager, the rules, the account and the directory off need the PIN again', async () => {
  const { settingsPass } = await call(h.services, 'unlockSettings', { approval: PRACTICE_MANAGER_PIN })
  const pass = { pass: settingsPass }
  await call(h.services, 'addStaff', { name: 'Kim', role: 'budtender', pin: '7316', approval: pass })
  const again = { code: 'needs_manager', message: 'This change needs the manager’s PIN again.' }
  await expect(call(h.services, 'addStaff', { name: 'Sam Boss', role: 'manager', pin: '7317', approval: pass })).rejects.toMatchObject(again)
  await expect(call(h.services, 'saveRules', { rules: { ...DEFAULT_RULES, discardNeedsManager: false }, approval: pass })).rejects.toMatchObject(again)
  await expect(call(h.services, 'setDirectoryEnabled', { enabled: false, approval: pass })).rejects.toMatchObject(again)
  await expect(call(h.services, 'signOut', { leaveWaiting: true, approval: pass })).rejects.toMatchObject(again)
  expect((await call(h.services, 'getStaff', {})).staff.filter((m) => m.role === 'manager').map((m) => m.name)).toEqual(['Morgan'])
  await call(h.services, 'addStaff', { name: 'Sam Boss', role: 'manager', pin: '7317', approval: PRACTICE_MANAGER_PIN })
})

it('a made-up pass, a pass after sign-out, and a pass for an override are refused', async () => {
  const { settingsPass } = await call(h.services, 'unlockSettings', { approval: PRACTICE_MANAGER_PIN })
  await expect(call(h.services, 'clearDirectory', { approval: { pass: 'x'.repeat(32) } })).rejects.toMatchObject({ code: 'needs_manager' })
  await expect(call(h.services, 'discardOutboxEntry', { id: 'a', reason: 'r', approval: { pass: settingsPass } as never })).rejects.toMatchObject({ code: 'invalid_input' })
  await call(h.services, 'signOutBudtender', {})
  await expect(call(h.services, 'clearDirectory', { approval: { pass: settingsPass } })).rejects.toMatchObject({ code: 'needs_manager', message: expect.stringMatching(/locked again/) })
})

it('a manager signed in at the counter opens Settings on their session; the pass still does not grant power; a budtender types the PIN', async () => {
  await expect(call(h.services, 'unlockSettings', {})).rejects.toMatchObject({ code: 'needs_manager' }) // Alex, a budtender
  await signInPractice(h.services, 'Morgan')
  const { settingsPass } = await call(h.services, 'unlockSettings', {})
  await call(h.services, 'addStaff', { name: 'Kim', role: 'budtender', pin: '7316', approval: { pass: settingsPass } })
  await expect(call(h.services, 'saveRules', { rules: DEFAULT_RULES, approval: { pass: settingsPass } })).rejects.toMatchObject({ code: 'needs_manager', message: 'This change needs the manager’s PIN again.' })
  await expect(call(h.services, 'saveRules', { rules: DEFAULT_RULES })).rejects.toMatchObject({ code: 'needs_manager' })
})

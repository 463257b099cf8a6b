// Issue 21, item 2: the renderer shows a PIN box exactly when main would refuse the call without one. Every method,
// with nobody / a budtender / a manager signed in, under the locked-down rules and loosened ones, on a first run and
// not: main's gate (the real staff service) against the contract's `asks`, which the renderer reads.
import { describe, expect, it } from 'vitest'
import { createAccessGate } from '../../../electron/services/access'
import { createStaffService } from '../../../electron/services/staff'
import { openDatabase } from '../../../electron/store/db'
import { createSettings } from '../../../electron/store/settings'
import { createStaffStore } from '../../../electron/store/staff'
import { access, asks } from '../../../shared/contract/access'
import { methodNames } from '../../../shared/contract/names'
import { DEFAULT_RULES, type CounterRules } from '../../../shared/staff-rules'

const LOOSE: CounterRules = { ...DEFAULT_RULES, awardLimit: 10_000, redeemLimit: 10_000, deductNeedsManager: false, discardNeedsManager: false, repointNeedsManager: false, editCustomerNeedsManager: false }
/** what the rules read from an input: an award's size, a reward's cost, a new member's role, the directory on or off */
const INPUTS = [{ value: 50, points: 50, role: 'budtender', enabled: true }, { value: 600, points: 600, role: 'manager', enabled: false }, { value: -5, points: 0, role: 'budtender', enabled: true }]

async function counter(mode: 'training' | 'unconfigured', rules: CounterRules, who: 'nobody' | 'Alex' | 'Morgan') {
  const db = openDatabase(':memory:')
  const staff = createStaffService({ store: createStaffStore(db), settings: createSettings(db), clock: { now: () => Date.now() }, mode: () => mode, savedKey: async () => null, onChange: () => {} })
  staff.stop()
  const roster = (await staff.api.getStaff()).staff
  if (mode === 'training') await staff.api.saveRules({ rules })
  if (who !== 'nobody') await staff.api.signInBudtender({ staffId: roster.find((p) => p.name === who)!.id, pin: who === 'Alex' ? '1111' : '9999' })
  return staff
}

describe.each([
  ['training', 'locked-down rules', DEFAULT_RULES],
  ['training', 'loosened rules', LOOSE],
  ['unconfigured', 'first run', DEFAULT_RULES],
] as const)('%s, %s', { timeout: 60_000 }, (mode, _label, rules) => {
  it.each(['nobody', 'Alex', 'Morgan'] as const)('signed in: %s — the PIN box shows exactly where main refuses without it', async (who) => {
    const staff = await counter(mode, rules, who)
    const gate = createAccessGate(staff.guard)
    const seen: string[] = []
    for (const m of methodNames)
      for (const input of INPUTS) {
        const refused = await gate.check(access[m], input).then(
          () => null,
          (e: { code: string }) => e.code,
        )
        if (refused === 'needs_sign_in') continue // the sign-in screen, not a PIN box
        const rule = access[m]
        // the renderer: the counter as its state shows it (main's byService rules are asked by the service: the same question)
        const box = asks(rule, input, { rules: () => rules, firstRun: () => mode === 'unconfigured', managerHere: () => who === 'Morgan' }) !== null
        const mainAsks = rule.who === 'signed_in' && rule.byService ? staff.guard.approve((rule.approval as (a: unknown) => never)(input), undefined).then(() => false, () => true) : refused === 'needs_manager'
        expect(box, `${m} ${JSON.stringify(input)}`).toBe(await mainAsks)
        if (box) seen.push(m)
      }
    // the walk is not empty: each setting has methods that ask and methods that do not
    expect(seen.length).toBeGreaterThan(0)
  })
})

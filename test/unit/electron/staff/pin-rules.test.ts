import { describe, expect, it } from 'vitest'
import { hashPin, verifyPin } from '../../../../electron/staff/pin'
import { isIdle, touched } from '../../../../electron/staff/session'
import { DEFAULT_RULES, pinProblem, roleFor, type CounterAction } from '../../../../shared/staff-rules'

describe('which action needs which role (locked-down defaults)', () => {
  it.each<[string, CounterAction, 'budtender' | 'manager']>([
    ['an award of 500', { kind: 'award', value: 500 }, 'budtender'],
    ['an award of 501', { kind: 'award', value: 501 }, 'manager'],
    ['any deduction, even 1 point', { kind: 'award', value: -1 }, 'manager'],
    ['a redemption of 500 points', { kind: 'redeem', points: 500 }, 'budtender'],
    ['a redemption of 501 points', { kind: 'redeem', points: 501 }, 'manager'],
    ['discarding a queued award', { kind: 'discard' }, 'manager'],
    ['re-pointing a queued award', { kind: 'repoint' }, 'manager'],
    ['overriding an ID check', { kind: 'override_id' }, 'manager'],
    ['changing Settings', { kind: 'change_settings' }, 'manager'],
    ['changing a customer’s saved details', { kind: 'edit_customer' }, 'manager'],
  ])('%s: %s', (_, action, role) => {
    expect(roleFor(action, DEFAULT_RULES)).toBe(role)
  })

  it('a manager may loosen deductions, discards, re-points and the limit, never ID overrides or Settings', () => {
    const loose = { ...DEFAULT_RULES, awardLimit: 2000, deductNeedsManager: false, discardNeedsManager: false, repointNeedsManager: false, editCustomerNeedsManager: false }
    expect(roleFor({ kind: 'award', value: -50 }, loose)).toBe('budtender')
    expect(roleFor({ kind: 'award', value: 2000 }, loose)).toBe('budtender')
    expect(roleFor({ kind: 'award', value: 2001 }, loose)).toBe('manager')
    expect(roleFor({ kind: 'discard' }, loose)).toBe('budtender')
    expect(roleFor({ kind: 'repoint' }, loose)).toBe('budtender')
    expect(roleFor({ kind: 'edit_customer' }, loose)).toBe('budtender')
    expect(roleFor({ kind: 'override_id' }, loose)).toBe('manager')
    expect(roleFor({ kind: 'change_settings' }, loose)).toBe('manager')
  })
})

describe('PIN hashing', () => {
  it('scrypt with its own salt: the same PIN hashes differently, verifies, and a wrong one does not', async () => {
    const [a, b] = await Promise.all([hashPin('4821'), hashPin('4821')])
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
    expect(a).not.toBe(b)
    expect(a).not.toContain('4821')
    expect(await verifyPin('4821', a)).toBe(true)
    expect(await verifyPin('4812', a)).toBe(false)
    expect(await verifyPin('4821', 'plain$4821')).toBe(false)
  })
})

describe('auto sign-out', () => {
  it('idle for the configured minutes signs out; any activity restarts the clock', () => {
    const s = { staffId: 'a', signedInAt: 0, lastActiveAt: 0 }
    expect(isIdle(s, 9 * 60_000, 10)).toBe(false)
    expect(isIdle(s, 10 * 60_000, 10)).toBe(true)
    expect(isIdle(touched(s, 5 * 60_000), 10 * 60_000, 10)).toBe(false)
  })
})

describe('PIN lengths (issue 18)', () => {
  it('a budtender chooses 4 digits; a manager may choose 4 or 6', () => {
    expect(pinProblem('4821', 'budtender')).toBeNull()
    expect(pinProblem('482193', 'budtender')).toBe('A budtender’s PIN is 4 digits.')
    expect(pinProblem('4821', 'manager')).toBeNull()
    expect(pinProblem('482193', 'manager')).toBeNull()
    for (const bad of ['48219', '4821937', '48a1', '']) expect(pinProblem(bad, 'manager')).toBe('A manager’s PIN is 4 or 6 digits.')
  })
})

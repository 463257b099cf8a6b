// The staff service with a clock the test moves: idle sign-out happens in main, not only on screen.
import { describe, expect, it } from 'vitest'
import { createStaffService } from '../../../../electron/services/staff'
import { openDatabase } from '../../../../electron/store/db'
import { createSettings } from '../../../../electron/store/settings'
import { createStaffStore } from '../../../../electron/store/staff'
import type { StaffStatus } from '../../../../shared/contract'
import { hashPin } from '../../../../electron/staff/pin'
import { tempDir } from '../../../support/temp-db'

function counter(mode: () => 'training' | 'live' = () => 'training') {
  const db = openDatabase(':memory:')
  let now = 1_700_000_000_000
  const seen: StaffStatus[] = []
  const staff = createStaffService({ store: createStaffStore(db), settings: createSettings(db), clock: { now: () => now }, mode, savedKey: async () => null, onChange: (s) => seen.push(s) })
  staff.stop()
  return { staff, seen, advance: (ms: number) => (now += ms) }
}

describe('auto sign-out after the configured idle time', () => {
  it('ten idle minutes sign Alex out; activity before then keeps them in', async () => {
    const { staff, advance } = counter()
    const alex = (await staff.api.getStaff()).staff.find((m) => m.name === 'Alex')!
    await staff.api.signInBudtender({ staffId: alex.id, pin: '1111' })
    advance(9 * 60_000)
    expect(staff.guard.actor().name).toBe('Alex') // an award, say: activity
    advance(9 * 60_000)
    expect((await staff.api.stillHere()).signedIn?.name).toBe('Alex')
    advance(10 * 60_000)
    expect((await staff.api.stillHere()).signedIn).toBeNull()
    expect(() => staff.guard.actor()).toThrow('Sign in with your PIN first.')
  })
  it('the idle time is a setting', async () => {
    const { staff, advance } = counter()
    const { staff: list, rules } = await staff.api.getStaff()
    await staff.api.saveRules({ rules: { ...rules, idleMinutes: 2 } })
    await staff.api.signInBudtender({ staffId: list.find((m) => m.name === 'Jordan')!.id, pin: '2222' })
    advance(2 * 60_000)
    expect((await staff.api.getStaff()).signedIn).toBeNull()
  })
  it('training mode shows its practice PINs; they work like real ones', async () => {
    const { staff } = counter()
    const s = await staff.api.getStaff()
    expect(s.practicePins).toEqual([
      { name: 'Alex', role: 'budtender', pin: '1111' },
      { name: 'Jordan', role: 'budtender', pin: '2222' },
      { name: 'Morgan', role: 'manager', pin: '9999' },
    ])
    await expect(staff.api.signInBudtender({ staffId: s.staff.find((m) => m.name === 'Alex')!.id, pin: '2222' })).rejects.toMatchObject({ code: 'wrong_pin' })
  })
})

describe('the lockout holds against guesses sent all at once (review finding)', () => {
  it('40 parallel PINs against one person: five are judged, the rest find the PIN locked, the right one among them included', async () => {
    const { staff } = counter()
    const morgan = (await staff.api.getStaff()).staff.find((m) => m.name === 'Morgan')!
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 20 ? '9999' : String(1000 + i)))
    const answers = await Promise.all(guesses.map((pin) => staff.api.signInBudtender({ staffId: morgan.id, pin }).then(() => 'in', (e: { code: string }) => e.code)))
    expect(answers.filter((a) => a === 'wrong_pin')).toHaveLength(4)
    expect(answers.filter((a) => a === 'in')).toHaveLength(0)
    expect(answers.filter((a) => a === 'pin_locked')).toHaveLength(36)
  }, 60_000)
})

describe('each roster has its own rules (review finding)', () => {
  it("the practice manager's PIN loosens training's rules only; the live counter keeps its defaults", async () => {
    let mode: 'training' | 'live' = 'training'
    const { staff } = counter(() => mode)
    const { rules } = await staff.api.getStaff()
    await staff.api.saveRules({ rules: { ...rules, deductNeedsManager: false, awardLimit: 100_000 } })
    expect((await staff.api.getStaff()).rules).toMatchObject({ deductNeedsManager: false, awardLimit: 100_000 })
    mode = 'live'
    expect((await staff.api.getStaff()).rules).toMatchObject({ deductNeedsManager: true, awardLimit: 500 })
  })
})

describe('practising, then signing in at once: the practice roster’s seeding cannot race the first sign-in (issue 17)', () => {
  /** A PIN hasher the test holds: each call waits until the test releases it, oldest first, with a real scrypt hash. */
  function heldHasher() {
    const real = new Map<string, Promise<string>>()
    const waiting: Array<{ pin: string; go: (h: string) => void }> = []
    const hash = (pin: string) => new Promise<string>((go) => waiting.push({ pin, go }))
    const tick = () => new Promise((r) => setImmediate(r))
    return {
      hash,
      pending: () => waiting.length,
      async releaseOldest() {
        const next = waiting.shift()
        if (!next) throw new Error('no PIN hash is waiting')
        if (!real.has(next.pin)) real.set(next.pin, hashPin(next.pin))
        next.go(await real.get(next.pin)!)
        for (let i = 0; i < 5; i++) await tick()
      },
      tick,
    }
  }

  it('a seeding started before "Practise in training mode" and the one after it, with a sign-in between them: signed in, one row per person', async () => {
    const files = tempDir()
    try {
      const db = openDatabase(files.file('counter.db'))
      const store = createStaffStore(db)
      const held = heldHasher()
      let mode: 'unconfigured' | 'training' = 'unconfigured'
      const staff = createStaffService({ store, settings: createSettings(db), clock: { now: () => 1_700_000_000_000 }, mode: () => mode, savedKey: async () => null, onChange: () => {}, hashPin: held.hash })
      staff.stop()
      // the first-run screen asks for the staff list: the practice roster starts seeding (its hashes held)
      const firstLook = staff.api.getStaff()
      // "Practise in training mode": the account changes while the first seeding is still hashing
      mode = 'training'
      staff.accountChanged()
      // the first seeding finishes: its people are listed on the sign-in screen…
      while (!store.list('training').some((m) => m.name === 'Alex')) await held.releaseOldest()
      const alex = store.list('training').find((m) => m.name === 'Alex')!
      // …and Alex signs in while the second seeding is still hashing
      let settled = false
      const signingIn = staff.api.signInBudtender({ staffId: alex.id, pin: '1111' }).finally(() => (settled = true))
      signingIn.catch(() => {})
      while (!settled) await (held.pending() ? held.releaseOldest() : held.tick())
      await expect(signingIn).resolves.toMatchObject({ signedIn: { name: 'Alex' } })
      await firstLook
      expect(store.list('training').map((m) => m.name).sort()).toEqual(['Alex', 'Jordan', 'Morgan'])
      db.close()
    } finally {
      files.cleanup()
    }
  }, 30_000)
})

describe('practice staff (issue 18: the training first run)', () => {
  it('set up once even when the first run switches to training while they are being set up', async () => {
    let mode: 'training' | 'unconfigured' = 'unconfigured'
    const { staff } = counter(() => mode as 'training')
    const first = staff.api.getStaff()
    mode = 'training'
    staff.accountChanged() // starts a second set-up while the first one hashes
    const second = staff.api.getStaff() // a sign-in right then waits for that second one
    const [, again] = await Promise.all([first, second])
    expect(again.staff.map((m) => m.name).sort()).toEqual(['Alex', 'Jordan', 'Morgan'])
  }, 60_000)
})

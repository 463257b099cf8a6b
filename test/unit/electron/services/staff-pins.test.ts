// Issue 18, items 4 and 9, in the staff service with a real SQLite file and a clock the test moves: PIN locks that
// escalate and survive a restart, one guess per person, changing and resetting PINs, and recovering a lost manager PIN
// with the account's API key.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createStaffService } from '../../../../electron/services/staff'
import { openDatabase } from '../../../../electron/store/db'
import { createSettings } from '../../../../electron/store/settings'
import { createStaffStore } from '../../../../electron/store/staff'
import { methods, type MethodInput, type MethodName, type MethodOutput, type Mode } from '../../../../shared/contract'
import { createAccessGate } from '../../../../electron/services/access'
import { access } from '../../../../shared/contract/access'
import { CounterError } from '../../../../electron/errors'
import { fakeClock, tempDir } from '../../../support/temp-db'

// every PIN tried is a real scrypt (~100 ms on a busy machine): these tests try dozens
vi.setConfig({ testTimeout: 60_000 })
const tmp = tempDir('aiqc-staff-pins-')
afterEach(() => tmp.cleanup())
const MIN = 60_000
const KEY = 'aiq-live-key-0123456789'

/** One counter on one data file; `restart` opens the same file again as a restarted app would. */
function counter(opts: { mode?: Mode; savedKey?: string | null } = {}) {
  const clock = fakeClock()
  const file = tmp.file('counter.db')
  const open = () => {
    const db = openDatabase(file)
    const staff = createStaffService({
      store: createStaffStore(db),
      settings: createSettings(db),
      clock,
      mode: () => opts.mode ?? 'training',
      savedKey: async () => (opts.savedKey === undefined ? KEY : opts.savedKey),
      onChange: () => {},
    })
    staff.stop()
    return { db, staff }
  }
  let c = open()
  type StaffMethod = keyof typeof c.staff.api & MethodName
  /** as dispatch calls it: the contract's rule (a manager's PIN for Settings changes) checked before the service runs */
  const gated = () =>
    Object.fromEntries(
      Object.entries(c.staff.api).map(([m, run]) => [
        m,
        async (args: unknown) => {
          const checked = methods[m as StaffMethod].input.safeParse(args)
          if (!checked.success) throw new CounterError('invalid_input', checked.error.message)
          const parsed: unknown = checked.data
          await createAccessGate(c.staff.guard).check(access[m as StaffMethod], parsed)
          return (run as (a: unknown) => Promise<unknown>)(parsed)
        },
      ]),
    ) as { [M in StaffMethod]: (args: MethodInput<M>) => Promise<MethodOutput<M>> }
  return {
    get api() {
      return gated()
    },
    get guard() {
      return c.staff.guard
    },
    clock,
    restart() {
      c.db.close()
      c = open()
    },
    async id(name: string) {
      const m = (await c.staff.api.getStaff()).staff.find((x) => x.name === name)
      if (!m) throw new Error(`no ${name}`)
      return m.id
    },
    close: () => c.db.close(),
  }
}
type Counter = ReturnType<typeof counter>
const outcome = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code: string }) => e.code)
async function wrongTimes(c: Counter, staffId: string, n: number) {
  for (let i = 0; i < n; i++) await outcome(c.api.signInBudtender({ staffId, pin: '0000' }))
}

describe('wrong PINs lock longer each time, and the locks survive a restart (item 9)', () => {
  it('5 min, then 15, then 1 hour, then only a manager unlocks: across restarts', async () => {
    const c = counter()
    const jordan = await c.id('Jordan')
    await wrongTimes(c, jordan, 5)
    c.restart()
    await expect(c.api.signInBudtender({ staffId: jordan, pin: '2222' })).rejects.toMatchObject({ code: 'pin_locked', message: /locked for 5 min/ })
    c.clock.advance(5 * MIN)
    await wrongTimes(c, jordan, 4)
    await expect(c.api.signInBudtender({ staffId: jordan, pin: '0000' })).rejects.toMatchObject({ code: 'pin_locked', message: /locked for 15 min/ })
    c.restart()
    c.clock.advance(15 * MIN)
    await wrongTimes(c, jordan, 5)
    await expect(c.api.signInBudtender({ staffId: jordan, pin: '2222' })).rejects.toMatchObject({ code: 'pin_locked', message: /locked for 60 min/ })
    c.clock.advance(60 * MIN)
    await wrongTimes(c, jordan, 5)
    c.restart()
    c.clock.advance(7 * 24 * 60 * MIN)
    await expect(c.api.signInBudtender({ staffId: jordan, pin: '2222' })).rejects.toMatchObject({
      code: 'pin_locked',
      message: 'Too many wrong PINs: this PIN is locked until a manager unlocks it (Settings → Staff and PINs).',
    })
    expect((await c.api.getStaff({})).staff.find((m) => m.id === jordan)).toMatchObject({ locked: true })
    await expect(c.api.unlockStaff({ staffId: jordan })).rejects.toMatchObject({ code: 'needs_manager' })
    await c.api.unlockStaff({ staffId: jordan, approval: { pin: '9999' } })
    await expect(c.api.signInBudtender({ staffId: jordan, pin: '2222' })).resolves.toMatchObject({ signedIn: { name: 'Jordan', locked: false } })
    c.close()
  })

  it('the count is per person: guesses by sign-in and by approval add up on the one manager', async () => {
    const c = counter()
    const morgan = await c.id('Morgan')
    await wrongTimes(c, morgan, 2)
    for (let i = 0; i < 2; i++) await outcome(c.guard.approve({ kind: 'override_id' }, { managerId: morgan, pin: '0000' }))
    await expect(c.guard.approve({ kind: 'override_id' }, { pin: '0000' })).rejects.toMatchObject({ code: 'pin_locked' })
    await expect(c.api.signInBudtender({ staffId: morgan, pin: '9999' })).rejects.toMatchObject({ code: 'pin_locked' })
    // names that are not this person's id are nobody: they neither try the PIN nor start a count of their own
    for (const other of [morgan.toLowerCase(), ` ${morgan}`, `${morgan}\u0000`])
      await expect(c.api.signInBudtender({ staffId: other, pin: '9999' })).rejects.toMatchObject({ code: 'not_found' })
    c.close()
  })

  it('one guess tests one manager: with two managers an approval must say which, and a wrong one counts only on them', async () => {
    const c = counter()
    await c.api.addStaff({ name: 'Sam', role: 'manager', pin: '5858', approval: { pin: '9999' } })
    const [morgan, sam] = [await c.id('Morgan'), await c.id('Sam')]
    await expect(c.guard.approve({ kind: 'override_id' }, { pin: '5858' })).rejects.toMatchObject({
      code: 'needs_manager',
      message: 'Choose which manager is approving, then type their PIN.',
    })
    await expect(outcome(c.guard.approve({ kind: 'override_id' }, { managerId: morgan, pin: '5858' }))).resolves.toBe('wrong_pin')
    await expect(c.guard.approve({ kind: 'override_id' }, { managerId: sam, pin: '5858' })).resolves.toMatchObject({ name: 'Sam' })
    await wrongTimes(c, morgan, 4) // 1 + 4: Morgan is locked, Sam is not
    const staff = (await c.api.getStaff({})).staff
    expect(staff.find((m) => m.id === morgan)?.locked).toBe(true)
    expect(staff.find((m) => m.id === sam)?.locked).toBe(false)
    c.close()
  })

  it('a manager may choose a 6-digit PIN; a budtender may not', async () => {
    const c = counter()
    await c.api.addStaff({ name: 'Sam', role: 'manager', pin: '585858', approval: { pin: '9999' } })
    const morgan = { managerId: await c.id('Morgan'), pin: '9999' }
    await expect(c.api.addStaff({ name: 'Kim', role: 'budtender', pin: '731673', approval: morgan })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'A budtender’s PIN is 4 digits.',
    })
    await expect(c.api.signInBudtender({ staffId: await c.id('Sam'), pin: '585858' })).resolves.toMatchObject({ signedIn: { name: 'Sam' } })
    c.close()
  })
})

describe('changing a PIN (item 4)', () => {
  it('each person changes their own, old PIN first; the old one stops working', async () => {
    const c = counter()
    await c.api.addStaff({ name: 'Casey', role: 'budtender', pin: '5830', approval: { pin: '9999' } })
    const casey = await c.id('Casey')
    await expect(c.api.changeMyPin({ oldPin: '5830', newPin: '6041' })).rejects.toMatchObject({ code: 'needs_sign_in' })
    await c.api.signInBudtender({ staffId: casey, pin: '5830' })
    await expect(c.api.changeMyPin({ oldPin: '5831', newPin: '6041' })).rejects.toMatchObject({ code: 'wrong_pin', message: /4 tries left/ })
    await expect(c.api.changeMyPin({ oldPin: '5830', newPin: '60411' })).rejects.toMatchObject({ code: 'invalid_input' })
    await c.api.changeMyPin({ oldPin: '5830', newPin: '6041' })
    await c.api.signOutBudtender({})
    await expect(c.api.signInBudtender({ staffId: casey, pin: '5830' })).rejects.toMatchObject({ code: 'wrong_pin' })
    await expect(c.api.signInBudtender({ staffId: casey, pin: '6041' })).resolves.toMatchObject({ signedIn: { name: 'Casey' } })
    c.close()
  })

  it('a PIN names one person: someone else’s PIN is refused, and asking again and again locks the asker', async () => {
    const c = counter()
    await expect(c.api.addStaff({ name: 'Casey', role: 'budtender', pin: '2222', approval: { pin: '9999' } })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'Someone else on the staff already uses this PIN. Choose another one.',
    })
    await c.api.addStaff({ name: 'Casey', role: 'budtender', pin: '5830', approval: { pin: '9999' } })
    await c.api.signInBudtender({ staffId: await c.id('Casey'), pin: '5830' })
    for (let i = 0; i < 4; i++)
      await expect(c.api.changeMyPin({ oldPin: '5830', newPin: '1111' })).rejects.toMatchObject({ code: 'invalid_input', message: /already uses this PIN/ })
    await expect(c.api.changeMyPin({ oldPin: '5830', newPin: '1111' })).rejects.toMatchObject({ code: 'pin_locked' })
    c.close()
  })

  it('a manager resets a budtender’s forgotten PIN, which also lifts the lock; never a manager’s this way', async () => {
    const c = counter()
    await c.api.addStaff({ name: 'Casey', role: 'budtender', pin: '5830', approval: { pin: '9999' } })
    const casey = await c.id('Casey')
    await wrongTimes(c, casey, 5)
    await expect(c.api.resetStaffPin({ staffId: casey, pin: '7070' })).rejects.toMatchObject({ code: 'needs_manager' })
    await expect(c.api.resetStaffPin({ staffId: casey, pin: '2222', approval: { pin: '9999' } })).rejects.toMatchObject({ message: /already uses this PIN/ })
    await c.api.resetStaffPin({ staffId: casey, pin: '7070', approval: { pin: '9999' } })
    await expect(c.api.signInBudtender({ staffId: casey, pin: '7070' })).resolves.toMatchObject({ signedIn: { name: 'Casey' } })
    await expect(c.api.resetStaffPin({ staffId: await c.id('Morgan'), pin: '7171', approval: { pin: '9999' } })).rejects.toMatchObject({ code: 'invalid_input' })
    // the practice PINs stay what training mode's sign-in screen shows
    await expect(c.api.resetStaffPin({ staffId: await c.id('Alex'), pin: '7171', approval: { pin: '9999' } })).rejects.toMatchObject({ code: 'invalid_input' })
    c.close()
  })
})

describe('recovering a lost manager PIN with the account’s API key (item 4)', () => {
  async function liveWithManager(c: Counter) {
    await c.api.setUpManager({ name: 'Rosa', pin: '4821' })
    await c.api.addStaff({ name: 'Kim', role: 'budtender', pin: '7316', approval: { pin: '4821' } })
    await c.api.signOutBudtender({})
    return c.id('Rosa')
  }

  it('the saved key, typed again (a stray space or line break is fine), sets a new manager PIN and signs the manager in', async () => {
    const c = counter({ mode: 'live' })
    const rosa = await liveWithManager(c)
    await wrongTimes(c, rosa, 5)
    const s = await c.api.recoverManagerPin({ apiKey: `  ${KEY}\n`, pin: '205813' })
    expect(s).toMatchObject({ signedIn: { name: 'Rosa', role: 'manager', locked: false } })
    expect(s.staff.map((m) => m.name)).toEqual(['Rosa', 'Kim']) // nothing deleted
    await expect(c.guard.approve({ kind: 'change_settings' }, { pin: '205813' })).resolves.toMatchObject({ name: 'Rosa' })
    await expect(c.guard.approve({ kind: 'change_settings' }, { pin: '4821' })).rejects.toMatchObject({ code: 'wrong_pin' })
    c.close()
  })

  it('a wrong key is refused and counts: five in a row wait 5 minutes, even with the right key; it survives a restart', async () => {
    const c = counter({ mode: 'live' })
    await liveWithManager(c)
    for (const wrongKey of [KEY.slice(0, -1), `${KEY}x`, KEY.toUpperCase(), 'k', KEY.slice(1)])
      await expect(c.api.recoverManagerPin({ apiKey: wrongKey, pin: '205813' })).rejects.toMatchObject({ code: 'unauthorized' })
    c.restart()
    await expect(c.api.recoverManagerPin({ apiKey: KEY, pin: '205813' })).rejects.toMatchObject({ code: 'pin_locked', message: /try again in 5 min/ })
    c.clock.advance(5 * MIN)
    await expect(c.api.recoverManagerPin({ apiKey: KEY, pin: '205813' })).resolves.toMatchObject({ signedIn: { name: 'Rosa' } })
    c.close()
  })

  it('wrong keys sent all at once: five are judged, the rest (the right one among them) find it locked', async () => {
    const c = counter({ mode: 'live' })
    await liveWithManager(c)
    const keys = Array.from({ length: 12 }, (_, i) => (i === 8 ? KEY : `${KEY}-${i}`))
    const answers = await Promise.all(keys.map((apiKey) => outcome(c.api.recoverManagerPin({ apiKey, pin: '205813' }))))
    expect(answers.filter((a) => a === 'unauthorized')).toHaveLength(5)
    expect(answers.filter((a) => a === 'pin_locked')).toHaveLength(7)
    c.close()
  })

  it('not in training mode, not without a saved key, and the new PIN is still one person’s', async () => {
    const training = counter()
    await expect(training.api.recoverManagerPin({ apiKey: KEY, pin: '205813' })).rejects.toMatchObject({ code: 'invalid_input' })
    training.close()
    tmp.cleanup()
    const noKey = counter({ mode: 'live', savedKey: null })
    await liveWithManager(noKey)
    await expect(noKey.api.recoverManagerPin({ apiKey: KEY, pin: '205813' })).rejects.toMatchObject({ code: 'keychain_unavailable' })
    noKey.close()
    tmp.cleanup()
    const c = counter({ mode: 'live' })
    await liveWithManager(c)
    await expect(c.api.recoverManagerPin({ apiKey: KEY, pin: '7316' })).rejects.toMatchObject({ message: /already uses this PIN/ })
    c.close()
  })
})

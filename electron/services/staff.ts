// Who is at the counter, and the manager's PIN for the risky actions. Enforced here, in the main process: a renderer
// that skips the PIN dialog is still refused. The rule table itself is shared/staff-rules.ts.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { CounterRules as RulesSchema, type Approval, type Mode, type SettingsApproval, type StaffMember, type StaffStatus } from '../../shared/contract'
import { DEFAULT_RULES, PRACTICE_STAFF, pinProblem, roleFor, whyManager, type CounterAction, type CounterRules, type Role } from '../../shared/staff-rules'
import type { Clock } from '../clock'
import { CounterError } from '../errors'
import { afterRightPin, afterWrongPin, lockedFor, unlocked, wrongPinMessage, type PinLock } from '../staff/lockout'
import { hashPin as scryptPin, verifyPin } from '../staff/pin'
import { isIdle, touched, type Session } from '../staff/session'
import type { Settings } from '../store/settings'
import type { Roster, StaffRow, StaffStore } from '../store/staff'
import { createManagerRecovery } from './manager-recovery'

const RULES_KEY = 'counterRules'
/** how often main looks for an idle session (the renderer also signs out on its own timer) */
const IDLE_SWEEP_MS = 15_000
const TAKEN = 'Someone else on the staff already uses this PIN. Choose another one.'
const MANAGER_UNLOCK = 'another manager unlocks it (Settings → Staff and PINs), or the store uses “Forgot the manager PIN?”'
/** main forgets an unlocked Settings screen's pass after this long unused (the screen itself locks sooner) */
const SETTINGS_PASS_MS = 10 * 60_000

export type Actor = { id: string; name: string; role: Role }

export interface StaffGuard {
  /** the signed-in budtender, or a refusal; counts as activity */
  actor(): Actor
  /**
   * null when the rules let anyone signed in do it; else the manager whose PIN was given, or a refusal. A Settings
   * change may come with the unlocked screen's pass instead of the PIN, unless it grants power (`pinAgain`).
   */
  approve(action: CounterAction, approval: Approval | SettingsApproval | undefined, opts?: { pinAgain?: boolean }): Promise<Actor | null>
  rules(): CounterRules
  /** nothing to protect yet: no account chosen, or this account's manager not set up */
  firstRun(): boolean
  /** the manager signed in at the counter (not idle), else null */
  signedInManager(): Actor | null
}

export function createStaffService(deps: {
  store: StaffStore
  settings: Settings
  clock: Clock
  mode: () => Mode
  /** the live account's API key as the keychain keeps it (null: none saved); only compared, never sent */
  savedKey: () => Promise<string | null>
  onChange: (s: StaffStatus) => void
  /** scrypt by default; a test passes one it can hold, to force the order of seeding and sign-in */
  hashPin?: (pin: string) => Promise<string>
}) {
  const { store, settings, clock } = deps
  const hashPin = deps.hashPin ?? scryptPin
  const recovery = createManagerRecovery(deps)
  let session: (Session & { roster: Roster }) | null = null
  let practiceReady: Promise<void> | null = null

  const roster = (): Roster => (deps.mode() === 'live' ? 'live' : 'training')
  // each roster its own rules: the practice manager's public PIN must never loosen a live counter's
  const rulesKey = () => `${RULES_KEY}:${roster()}`
  const rules = (): CounterRules => settings.get(rulesKey(), RulesSchema, DEFAULT_RULES)
  const member = (r: StaffRow): StaffMember => ({ id: r.id, name: r.name, role: r.role, locked: lockedFor(r.lock, clock.now()) > 0 })
  const managers = () => store.list(roster()).filter((m) => m.role === 'manager')

  /**
   * Training mode's practice staff exist as real rows (hashed like any PIN), so the same code checks them. The hashes
   * are made first; the rows are then added in one transaction that looks again at who is there, so a seeding started
   * before "Practise in training mode" and the one started by it cannot both add Alex (a sign-in waiting on the second
   * used to fail on the roster's unique name).
   */
  function ensurePractice(): Promise<void> {
    if (roster() !== 'training') return Promise.resolve()
    if (practiceReady) return practiceReady
    const have = new Set(store.list('training').map((m) => m.name))
    const seeding = Promise.all(PRACTICE_STAFF.filter((p) => !have.has(p.name)).map(async (p) => ({ name: p.name, role: p.role, pinHash: await hashPin(p.pin) }))).then(
      (rows) => void (rows.length && store.addMissing('training', rows, clock.now())),
    )
    practiceReady = seeding
    // a failed seeding is tried again by the next caller; only this one is forgotten, never a newer one
    seeding.catch(() => {
      if (practiceReady === seeding) practiceReady = null
    })
    return seeding
  }

  function current(): StaffRow | null {
    if (!session) return null
    const now = clock.now()
    const row = session.roster === roster() ? store.get(session.staffId) : null
    if (!row || isIdle(session, now, rules().idleMinutes)) {
      session = null
      return null
    }
    return row
  }

  function status(): StaffStatus {
    const r = roster()
    const staff = store.list(r)
    const signed = current()
    return {
      roster: r,
      needsManager: deps.mode() === 'live' && !staff.some((m) => m.role === 'manager'),
      signedIn: signed ? member(signed) : null,
      staff: staff.map(member),
      practicePins: r === 'training' ? PRACTICE_STAFF.map((p) => ({ ...p })) : null,
      rules: rules(),
    }
  }
  const changed = (): StaffStatus => {
    const s = status()
    deps.onChange(s)
    return s
  }

  /**
   * PIN checks run one at a time, each on the lock as it is stored at that moment: guesses sent all at once would
   * otherwise each see "no failures yet" while the hash is checked, and the lockout would never hold.
   */
  let pinTurn: Promise<unknown> = Promise.resolve()
  function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = pinTurn.then(work)
    pinTurn = run.catch(() => {})
    return run
  }
  const checkPin = (row: StaffRow, pin: string): Promise<void> => oneAtATime(() => checkPinNow(row, pin))

  /**
   * The PIN against this person's hash, with their lockout as stored now (one count per person, whichever way they
   * were named): every five wrong in a row lock it, longer each time, the fourth time until a manager unlocks it.
   */
  async function checkPinNow(given: StaffRow, pin: string, keepCount = false): Promise<void> {
    const row = store.get(given.id) ?? given
    const now = clock.now()
    if (lockedFor(row.lock, now) > 0) throw new CounterError('pin_locked', lockMessage(row, row.lock, now))
    if (await verifyPin(pin, row.pinHash)) {
      if (!keepCount && (row.lock.failures > 0 || row.lock.lockedUntil !== null)) store.setLock(row.id, afterRightPin())
      return
    }
    countWrong(row, now)
  }
  /** one wrong try on this person's lock (as stored now); `taken`: the try was a new PIN someone else uses */
  function countWrong(given: StaffRow, now: number, taken = false): never {
    const row = store.get(given.id) ?? given
    const lock = afterWrongPin(row.lock, now)
    store.setLock(row.id, lock)
    if (lockedFor(lock, now) > 0) throw new CounterError('pin_locked', lockMessage(row, lock, now))
    throw taken ? new CounterError('invalid_input', TAKEN) : new CounterError('wrong_pin', lockMessage(row, lock, now))
  }
  const lockMessage = (row: StaffRow, lock: PinLock, now: number) => wrongPinMessage(lock, now, ...(row.role === 'manager' ? [MANAGER_UNLOCK] : []))

  /** Someone on this roster other than `exceptId` already signs in with this PIN (a PIN names one person). */
  async function pinTaken(pin: string, exceptId?: string): Promise<boolean> {
    const others = store.list(roster()).filter((m) => m.id !== exceptId)
    return (await Promise.all(others.map((m) => verifyPin(pin, m.pinHash)))).some(Boolean)
  }
  /** a new PIN for this role that nobody else on the roster uses, hashed; call it inside oneAtATime */
  async function newPinHash(pin: string, role: Role, exceptId?: string): Promise<string> {
    const problem = pinProblem(pin, role)
    if (problem) throw new CounterError('invalid_input', problem)
    if (await pinTaken(pin, exceptId)) throw new CounterError('invalid_input', TAKEN)
    return hashPin(pin)
  }
  function onRoster(staffId: string): StaffRow {
    const row = store.get(staffId)
    if (!row || row.roster !== roster()) throw new CounterError('not_found', 'That person is not on this counter’s staff.')
    return row
  }
  /** training mode shows the practice PINs on screen: they stay what the screen says */
  function notPractice(row: StaffRow) {
    if (row.roster === 'training' && PRACTICE_STAFF.some((p) => p.name === row.name))
      throw new CounterError('invalid_input', `${row.name}’s practice PIN stays as shown on the sign-in screen. Add your own staff to try changing a PIN.`)
  }
  const signIn = (row: StaffRow) => {
    session = { staffId: row.id, signedInAt: clock.now(), lastActiveAt: clock.now(), roster: roster() }
  }

  /** PIN approvals already checked during this call (dispatch checks first; the service asks again for the name) */
  const approved = new WeakMap<object, { action: string; roster: Roster; manager: Actor | null }>()

  /** The pass of an unlocked Settings screen: one at a time, for this roster, lapsing when unused. */
  let pass: { token: Buffer; managerId: string; roster: Roster; usedAt: number } | null = null
  function openSettings(m: Actor): string {
    const token = randomBytes(24)
    pass = { token, managerId: m.id, roster: roster(), usedAt: clock.now() }
    return token.toString('base64url')
  }
  function usePass(given: string): Actor {
    const now = clock.now()
    const token = Buffer.from(given, 'base64url')
    const m = pass && store.get(pass.managerId)
    if (!pass || !m || m.role !== 'manager' || pass.roster !== roster() || now - pass.usedAt >= SETTINGS_PASS_MS || token.length !== pass.token.length || !timingSafeEqual(token, pass.token)) {
      pass = null
      throw new CounterError('needs_manager', 'Settings are locked again. Unlock them with the manager’s PIN.')
    }
    pass.usedAt = now
    return member(m)
  }

  const guard: StaffGuard = {
    actor() {
      const row = current()
      if (!row) throw new CounterError('needs_sign_in', 'Sign in with your PIN first.')
      session = touched(session!, clock.now())
      return member(row)
    },
    async approve(action, approval, opts = {}) {
      const r = rules()
      if (roleFor(action, r) === 'budtender') return null
      await ensurePractice() // training's practice manager exists before the first approval asks for one
      const list = managers()
      if (list.length === 0) throw new CounterError('needs_manager', 'This counter has no manager yet. Set up the manager’s PIN first.')
      if (!approval) throw new CounterError('needs_manager', whyManager(action, r))
      if ('pass' in approval) {
        if (action.kind !== 'change_settings') throw new CounterError('needs_manager', whyManager(action, r))
        if (opts.pinAgain) throw new CounterError('needs_manager', 'This change needs the manager’s PIN again.')
        return usePass(approval.pass)
      }
      const key = JSON.stringify(action)
      const seen = approved.get(approval)
      if (seen && seen.action === key && seen.roster === roster()) return seen.manager
      const remember = (who: Actor): Actor => (approved.set(approval, { action: key, roster: roster(), manager: who }), who)
      // one guess tests one person: with several managers the approval names which one
      if (!approval.managerId && list.length > 1) throw new CounterError('needs_manager', 'Choose which manager is approving, then type their PIN.')
      const m = approval.managerId ? list.find((x) => x.id === approval.managerId) : list[0]
      if (!m) throw new CounterError('not_found', 'That manager is not on this counter’s staff.')
      await checkPin(m, approval.pin)
      return remember(member(m))
    },
    rules,
    firstRun: () => deps.mode() === 'unconfigured' || managers().length === 0,
    signedInManager() {
      const row = current()
      return row?.role === 'manager' ? member(row) : null
    },
  }

  const sweep = setInterval(() => {
    if (session && !current()) changed()
  }, IDLE_SWEEP_MS)
  sweep.unref?.()

  return {
    guard,
    /** who is signed in now, without counting as their activity ('' when nobody is) */
    signedInName: (): string => current()?.name ?? '',
    /** the account changed (training <-> live): the other roster's person is signed out */
    accountChanged() {
      practiceReady = null
      void ensurePractice().then(changed, () => undefined)
      if (session && session.roster !== roster()) session = null
      pass = null
      changed()
    },
    stop: () => clearInterval(sweep),

    api: {
      async getStaff(): Promise<StaffStatus> {
        await ensurePractice()
        return status()
      },
      async setUpManager({ name, pin }: { name: string; pin: string }): Promise<StaffStatus> {
        await ensurePractice()
        const already = () => new CounterError('invalid_input', 'This counter already has a manager. A manager adds staff in Settings.')
        if (managers().length > 0) throw already()
        const pinHash = await oneAtATime(() => newPinHash(pin, 'manager'))
        // asked again after the wait, with nothing awaited before the row is written: two set-ups at once make one manager
        if (managers().length > 0) throw already()
        signIn(addMember(name, 'manager', pinHash))
        return changed()
      },
      async signInBudtender({ staffId, pin }: { staffId: string; pin: string }): Promise<StaffStatus> {
        await ensurePractice()
        const row = onRoster(staffId)
        await checkPin(row, pin)
        signIn(row)
        return changed()
      },
      async signOutBudtender(): Promise<StaffStatus> {
        session = null
        pass = null
        return changed()
      },
      async stillHere(): Promise<StaffStatus> {
        const was = session !== null
        if (current()) session = touched(session!, clock.now())
        return was && !session ? changed() : status()
      },
      // Settings changes: the manager's approval is the contract's rule for each (shared/contract/methods.ts), checked by dispatch
      async addStaff({ name, role, pin }: { name: string; role: Role; pin: string }): Promise<StaffStatus> {
        await ensurePractice()
        if (managers().length === 0) throw new CounterError('needs_manager', 'Set up the manager’s PIN first.')
        await oneAtATime(async () => addMember(name, role, await newPinHash(pin, role)))
        return changed()
      },
      async removeStaff({ staffId }: { staffId: string }): Promise<StaffStatus> {
        const row = onRoster(staffId)
        if (row.role === 'manager' && managers().length === 1) throw new CounterError('invalid_input', 'This is the only manager. Add another manager first.')
        store.remove(staffId, clock.now())
        if (session?.staffId === staffId) session = null
        return changed()
      },
      /** the signed-in person's own PIN: the old one first (it counts toward their lockout like any PIN) */
      async changeMyPin({ oldPin, newPin }: { oldPin: string; newPin: string }): Promise<StaffStatus> {
        const me = current()
        if (!me) throw new CounterError('needs_sign_in', 'Sign in with your PIN first.')
        notPractice(me)
        await oneAtATime(async () => {
          await checkPinNow(me, oldPin, true) // the count clears only once the new PIN is set
          const problem = pinProblem(newPin, me.role)
          if (problem) throw new CounterError('invalid_input', problem)
          // "taken" tells the caller someone's PIN: each such answer counts as a wrong try, so it cannot be a guessing oracle
          if (await pinTaken(newPin, me.id)) countWrong(me, clock.now(), true)
          store.setPinHash(me.id, await hashPin(newPin))
        })
        session = touched(session!, clock.now())
        return changed()
      },
      /** a manager sets a budtender's forgotten PIN (which also lifts their lock) */
      async resetStaffPin({ staffId, pin }: { staffId: string; pin: string }): Promise<StaffStatus> {
        await ensurePractice()
        const row = onRoster(staffId)
        if (row.role !== 'budtender') throw new CounterError('invalid_input', `A manager changes their own PIN. If ${row.name} forgot it, use “Forgot the manager PIN?”.`)
        notPractice(row)
        await oneAtATime(async () => store.setPinHash(row.id, await newPinHash(pin, row.role, row.id)))
        return changed()
      },
      /** a manager lifts a lock (the only way out of the last one) */
      async unlockStaff({ staffId }: { staffId: string }): Promise<StaffStatus> {
        store.setLock(onRoster(staffId).id, unlocked)
        return changed()
      },
      /**
       * The store lost its manager PIN: whoever types the live account's saved API key again sets a new PIN for a
       * manager, who is then signed in. The key is compared here with the keychain's copy and goes nowhere; nothing
       * else changes (waiting awards stay and sync).
       */
      async recoverManagerPin({ apiKey, managerId, pin }: { apiKey: string; managerId?: string; pin: string }): Promise<StaffStatus> {
        if (roster() !== 'live') throw new CounterError('invalid_input', 'Training mode’s practice PINs are shown on the sign-in screen.')
        const list = managers()
        if (list.length === 0) throw new CounterError('needs_manager', 'This counter has no manager yet. Set up the manager’s PIN first.')
        if (!managerId && list.length > 1) throw new CounterError('invalid_input', 'Choose whose manager PIN to set.')
        const m = managerId ? list.find((x) => x.id === managerId) : list[0]
        if (!m) throw new CounterError('not_found', 'That manager is not on this counter’s staff.')
        const saved = await deps.savedKey()
        await oneAtATime(async () => {
          await recovery.prove(apiKey, saved)
          store.setPinHash(m.id, await newPinHash(pin, 'manager', m.id))
        })
        signIn(m)
        return changed()
      },
      /**
       * The PIN (already checked by dispatch) is asked again here only for who it is: their pass opens Settings. A
       * manager signed in at the counter needs none (their session is enough); power-granting changes still ask it.
       */
      async unlockSettings({ approval }: { approval?: Approval }): Promise<StaffStatus & { settingsPass: string }> {
        const signedIn = approval ? null : guard.signedInManager()
        if (signedIn) return { ...status(), settingsPass: openSettings(signedIn) }
        const m = await guard.approve({ kind: 'change_settings' }, approval)
        if (!m) throw new CounterError('needs_manager', 'Unlocking Settings needs the manager’s PIN.')
        return { ...status(), settingsPass: openSettings(m) }
      },
      async saveRules({ rules: next }: { rules: CounterRules }): Promise<StaffStatus> {
        settings.set(rulesKey(), RulesSchema.parse(next))
        return changed()
      },
    },
  }

  function addMember(name: string, role: Role, pinHash: string): StaffRow {
    const clean = name.trim()
    if (store.list(roster()).some((m) => m.name.toLowerCase() === clean.toLowerCase()))
      throw new CounterError('invalid_input', `${clean} is already on the staff list. Use another name (add an initial).`)
    return store.add({ roster: roster(), name: clean, role, pinHash }, clock.now())
  }
}

export type StaffService = ReturnType<typeof createStaffService>

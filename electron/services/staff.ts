// Who is at the counter, and the manager's PIN for the risky actions. Enforced here, in the main process: a renderer
// that skips the PIN dialog is still refused. The rule table itself is shared/staff-rules.ts.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { CounterRules as RulesSchema, type Approval, type Mode, type SettingsApproval, type StaffMember, type StaffStatus } from '../../shared/contract'
import { DEFAULT_RULES, PRACTICE_STAFF, roleFor, whyManager, type CounterAction, type CounterRules, type Role } from '../../shared/staff-rules'
import type { Clock } from '../clock'
import { CounterError } from '../errors'
import { afterRightPin, afterWrongPin, lockedFor, wrongPinMessage } from '../staff/lockout'
import { hashPin, verifyPin } from '../staff/pin'
import { isIdle, touched, type Session } from '../staff/session'
import type { Settings } from '../store/settings'
import type { Roster, StaffRow, StaffStore } from '../store/staff'

const RULES_KEY = 'counterRules'
/** how often main looks for an idle session (the renderer also signs out on its own timer) */
const IDLE_SWEEP_MS = 15_000
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
}

export function createStaffService(deps: {
  store: StaffStore
  settings: Settings
  clock: Clock
  mode: () => Mode
  onChange: (s: StaffStatus) => void
}) {
  const { store, settings, clock } = deps
  let session: (Session & { roster: Roster }) | null = null
  let practiceReady: Promise<void> | null = null

  const roster = (): Roster => (deps.mode() === 'live' ? 'live' : 'training')
  // each roster its own rules: the practice manager's public PIN must never loosen a live counter's
  const rulesKey = () => `${RULES_KEY}:${roster()}`
  const rules = (): CounterRules => settings.get(rulesKey(), RulesSchema, DEFAULT_RULES)
  const member = (r: StaffRow): StaffMember => ({ id: r.id, name: r.name, role: r.role })
  const managers = () => store.list(roster()).filter((m) => m.role === 'manager')

  /** Training mode's practice staff exist as real rows (hashed like any PIN), so the same code checks them. */
  function ensurePractice(): Promise<void> {
    if (roster() !== 'training') return Promise.resolve()
    practiceReady ??= (async () => {
      const missing = () => PRACTICE_STAFF.filter((p) => !store.list('training').some((m) => m.name === p.name))
      const hashed = await Promise.all(missing().map(async (p) => ({ ...p, pinHash: await hashPin(p.pin) })))
      // asked again after hashing, with nothing awaited before the rows are written: a run started meanwhile (the
      // first run switching to training) may have added them already
      for (const p of hashed) if (missing().some((m) => m.name === p.name)) store.add({ roster: 'training', name: p.name, role: p.role, pinHash: p.pinHash }, clock.now())
    })().catch((e) => {
      practiceReady = null
      throw e
    })
    return practiceReady
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

  /** The PIN against this person's hash, with their lockout as stored now: five wrong in a row and it waits. */
  async function checkPinNow(given: StaffRow, pin: string): Promise<void> {
    const row = store.get(given.id) ?? given
    const now = clock.now()
    if (lockedFor(row.lock, now) > 0) throw new CounterError('pin_locked', wrongPinMessage(row.lock, now))
    if (await verifyPin(pin, row.pinHash)) {
      if (row.lock.failures > 0 || row.lock.lockedUntil !== null) store.setLock(row.id, afterRightPin())
      return
    }
    const lock = afterWrongPin(row.lock, now)
    store.setLock(row.id, lock)
    throw new CounterError(lockedFor(lock, now) > 0 ? 'pin_locked' : 'wrong_pin', wrongPinMessage(lock, now))
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
      const m = approval.managerId ? list.find((x) => x.id === approval.managerId) : list.length === 1 ? list[0] : undefined
      if (m) {
        await checkPin(m, approval.pin)
        return remember(member(m))
      }
      if (approval.managerId) throw new CounterError('not_found', 'That manager is not on this counter’s staff.')
      // Several managers and none picked: any one's PIN will do, and a wrong one counts against each of them.
      return oneAtATime(async () => {
        const fresh = managers()
        for (const x of fresh) if (lockedFor(x.lock, clock.now()) === 0 && (await verifyPin(approval.pin, x.pinHash))) return remember(member(x))
        let last: unknown
        for (const x of fresh) await checkPinNow(x, approval.pin).catch((e: unknown) => (last = e))
        throw last
      })
    },
    rules,
    firstRun: () => deps.mode() === 'unconfigured' || managers().length === 0,
  }

  const sweep = setInterval(() => {
    if (session && !current()) changed()
  }, IDLE_SWEEP_MS)
  sweep.unref?.()

  return {
    guard,
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
        const pinHash = await hashPin(pin)
        // asked again after the wait, with nothing awaited before the row is written: two set-ups at once make one manager
        if (managers().length > 0) throw already()
        const row = addMember(name, 'manager', pinHash)
        session = { staffId: row.id, signedInAt: clock.now(), lastActiveAt: clock.now(), roster: roster() }
        return changed()
      },
      async signInBudtender({ staffId, pin }: { staffId: string; pin: string }): Promise<StaffStatus> {
        await ensurePractice()
        const row = store.get(staffId)
        if (!row || row.roster !== roster()) throw new CounterError('not_found', 'That person is not on this counter’s staff.')
        await checkPin(row, pin)
        session = { staffId: row.id, signedInAt: clock.now(), lastActiveAt: clock.now(), roster: roster() }
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
        addMember(name, role, await hashPin(pin))
        return changed()
      },
      async removeStaff({ staffId }: { staffId: string }): Promise<StaffStatus> {
        const row = store.get(staffId)
        if (!row || row.roster !== roster()) throw new CounterError('not_found', 'That person is not on this counter’s staff.')
        if (row.role === 'manager' && managers().length === 1) throw new CounterError('invalid_input', 'This is the only manager. Add another manager first.')
        store.remove(staffId, clock.now())
        if (session?.staffId === staffId) session = null
        return changed()
      },
      /** the PIN (already checked by dispatch) is asked again here only for who it is: their pass opens Settings */
      async unlockSettings({ approval }: { approval?: Approval }): Promise<StaffStatus & { settingsPass: string }> {
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

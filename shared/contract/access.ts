// Who may call a method: each method of the contract says it (methods.ts), and dispatch enforces it before the
// service runs, in Electron and in browser mode alike. Zod-free, so the renderer may read it too.
import type { CounterAction } from '../staff-rules'

export type Access =
  /** anyone at the counter, nobody signed in: the status, the sign-in screen, the first run */
  | { who: 'anyone' }
  /** someone signed in; with `approval`, also a manager's PIN where the rules ask for one for that action */
  | { who: 'signed_in'; approval?: (args: never) => CounterAction }
  /**
   * a manager's approval of a Settings change; nobody need be signed in. `firstRun`: needed only once there is
   * something to protect (an account chosen, its manager set up). `pinAgain`: the PIN itself, typed for this very
   * change — the pass of an unlocked Settings screen is not enough for a change that grants power.
   */
  | { who: 'manager'; firstRun?: boolean; pinAgain?: (args: never) => boolean; session?: boolean }

export const anyone: Access = { who: 'anyone' }
export const signedIn: Access = { who: 'signed_in' }
export const signedInWith = <A>(approval: (args: A) => CounterAction): Access => ({ who: 'signed_in', approval })
/** `session`: a manager signed in at the counter needs no PIN (opening Settings); anyone else still types one */
export const manager = <A>(o: { firstRun?: boolean; pinAgain?: (args: A) => boolean; session?: boolean } = {}): Access => ({ who: 'manager', ...o })

/**
 * A Settings change: the manager's approval (the PIN, or an unlocked Settings screen's pass) is the caller's ticket in,
 * checked by dispatch; the service gets the change alone. Opening Settings (`session`) is not one: it acts in the
 * approving manager's name, so it keeps the approval.
 */
export const isSettingsChange = (rule: Access): boolean => rule.who === 'manager' && !rule.session

/** The Settings changes that grant power (a manager, the rules, the account, the directory off): each asks the PIN again. */
export const grantsPower = {
  addStaff: (a: { role: 'budtender' | 'manager' }) => a.role === 'manager',
  saveRules: () => true,
  saveAccount: () => true,
  signOut: () => true,
  useTrainingMode: () => true,
  setDirectoryEnabled: (a: { enabled: boolean }) => !a.enabled,
} as const

// Who may call a method: each method of the contract has its rule here, and dispatch enforces it before the service
// runs, in Electron and in browser mode alike. Zod-free, so the renderer asks the same table before it shows a PIN box.
import { roleFor, type CounterAction, type CounterRules } from '../staff-rules'
import type { MethodName } from './names'

export type Access =
  /** anyone at the counter, nobody signed in: the status, the sign-in screen, the first run */
  | { who: 'anyone' }
  /** someone signed in; with `approval`, also a manager's PIN where the rules ask for one for that action */
  | { who: 'signed_in'; approval?: (args: never) => CounterAction; /** the service asks it, once it has read what it needs (dispatch cannot) */ byService?: boolean }
  /**
   * a manager's approval of a Settings change; nobody need be signed in. `firstRun`: needed only once there is
   * something to protect (an account chosen, its manager set up). `pinAgain`: the PIN itself, typed for this very
   * change — the pass of an unlocked Settings screen is not enough for a change that grants power.
   */
  | { who: 'manager'; firstRun?: boolean; pinAgain?: (args: never) => boolean; session?: boolean }

export const anyone: Access = { who: 'anyone' }
export const signedIn: Access = { who: 'signed_in' }
export const signedInWith = <A>(approval: (args: A) => CounterAction, o: { byService?: boolean } = {}): Access => ({ who: 'signed_in', approval, ...o })
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

/** Each method's rule. */
export const access = {
  getStatus: anyone,
  dismissDatabaseNotice: signedIn,
  checkIn: signedIn,
  checkInFromDirectory: signedIn,
  searchCustomers: signedIn,
  getRewards: signedIn,
  getVisits: signedIn,
  getTimeline: signedIn,
  getRecommendations: signedIn,
  getTraits: signedIn,
  saveTraits: signedInWith(() => ({ kind: 'edit_customer' })),
  getOverrides: signedIn,
  saveOverrides: signedInWith(() => ({ kind: 'edit_customer' })),
  awardPoints: signedInWith((a: { value: number }) => ({ kind: 'award', value: a.value })),
  signUp: signedIn,
  requestSmsOptIn: signedIn,
  listStores: signedIn,
  recentAwards: signedIn,
  shiftReport: signedIn,
  listOutbox: signedIn,
  retryOutboxEntry: signedIn,
  fixOutboxCustomer: signedInWith(() => ({ kind: 'repoint' })),
  discardOutboxEntry: signedInWith(() => ({ kind: 'discard' })),
  // it sends a key to a server of the caller's choosing: the manager's (or the first run's, before there is one)
  testConnection: manager({ firstRun: true }),
  saveAccount: manager({ firstRun: true, pinAgain: grantsPower.saveAccount }),
  signOut: manager({ firstRun: true, pinAgain: grantsPower.signOut }),
  useTrainingMode: manager({ firstRun: true, pinAgain: grantsPower.useTrainingMode }),
  refreshDirectory: signedIn,
  clearDirectory: manager(),
  setDirectoryEnabled: manager({ pinAgain: grantsPower.setDirectoryEnabled }),
  // the reward's cost is AIQ's word, read only once its wallet is: the service asks the manager above the threshold
  redeemReward: signedInWith((a: { points: number }) => ({ kind: 'redeem', points: a.points }), { byService: true }),
  retryRedemption: signedIn,
  redemptionReport: signedIn,
  checkCompatibility: signedIn,
  getCounter: signedIn,
  saveCounter: manager(),
  getStaff: anyone,
  setUpManager: anyone,
  signInBudtender: anyone,
  signOutBudtender: anyone,
  stillHere: anyone,
  addStaff: manager({ pinAgain: grantsPower.addStaff }),
  removeStaff: manager(),
  saveRules: manager({ pinAgain: grantsPower.saveRules }),
  changeMyPin: signedIn,
  resetStaffPin: manager(),
  unlockStaff: manager(),
  recoverManagerPin: anyone,
  unlockSettings: manager({ session: true }),
  checkId: signedIn,
  overrideIdCheck: signedInWith(() => ({ kind: 'override_id' })),
  getCustomerScreen: anyone,
  openCustomerScreen: signedIn,
  askCustomerConsent: signedIn,
  cancelCustomerConsent: signedIn,
  clearCustomerScreen: signedIn,
  getConsentSettings: signedIn,
  saveConsentSettings: manager(),
  listConsents: signedIn,
  exportConsents: signedIn,
} as const satisfies Record<MethodName, Access>

/** What the counter, as it is now, knows when it asks (read only when the rule needs it). */
export interface AskedAt {
  rules(): CounterRules
  /** nothing to protect yet: no account chosen, or no manager set up */
  firstRun(): boolean
  /** a manager is signed in at the counter (and the call sends no approval of its own) */
  managerHere(): boolean
}

/**
 * What a call needs beyond who is signed in: nothing, the manager's approval (an unlocked Settings screen's pass
 * will do), or the manager's PIN itself. Main checks this before the service runs; the renderer asks it before it
 * shows a PIN box, so the two never disagree. `input`: what the rule reads (the method's input; for a rule the
 * service applies, the facts it reads, e.g. a reward's cost).
 */
export function asks(rule: Access, input: unknown, at: AskedAt): { action: CounterAction; pinAgain: boolean } | null {
  switch (rule.who) {
    case 'anyone':
      return null
    case 'signed_in': {
      if (!rule.approval) return null
      const action = (rule.approval as (a: unknown) => CounterAction)(input)
      return roleFor(action, at.rules()) === 'manager' ? { action, pinAgain: false } : null
    }
    case 'manager':
      if (rule.firstRun && at.firstRun()) return null
      if (rule.session && at.managerHere()) return null
      return { action: { kind: 'change_settings' }, pinAgain: rule.pinAgain ? (rule.pinAgain as (a: unknown) => boolean)(input) : false }
  }
}

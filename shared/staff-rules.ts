// Who may do what at the counter: the rule table both processes read. Main enforces it (services refuse without the
// manager's PIN); the renderer reads it only to ask for the PIN before it is refused. Pure.

export type Role = 'budtender' | 'manager'

/** What a manager can loosen in Settings (with their PIN). Overriding an ID check and changing Settings always need it. */
export interface CounterRules {
  /** an award above this many points needs the manager's PIN */
  awardLimit: number
  /** a redemption costing more than this many points needs the manager's PIN */
  redeemLimit: number
  deductNeedsManager: boolean
  discardNeedsManager: boolean
  repointNeedsManager: boolean
  /** changing a customer's saved details at AIQ (custom attributes, saved overrides of their profile) */
  editCustomerNeedsManager: boolean
  /** a medical store serves customers from 18, an adult-use one from 21 */
  medical: boolean
  /** sign the budtender out after this many minutes without a key press or a click */
  idleMinutes: number
}

/** Locked down: what a new counter starts with. */
export const DEFAULT_RULES: CounterRules = {
  awardLimit: 500,
  redeemLimit: 500,
  deductNeedsManager: true,
  discardNeedsManager: true,
  repointNeedsManager: true,
  editCustomerNeedsManager: true,
  medical: false,
  idleMinutes: 10,
}

export type CounterAction =
  | { kind: 'award'; value: number }
  | { kind: 'redeem'; points: number }
  | { kind: 'discard' }
  | { kind: 'repoint' }
  | { kind: 'edit_customer' }
  | { kind: 'override_id' }
  | { kind: 'change_settings' }

/** The role the action needs: 'budtender' = anyone signed in; 'manager' = a manager's PIN for this one action. */
export function roleFor(action: CounterAction, rules: CounterRules): Role {
  switch (action.kind) {
    case 'award':
      if (action.value < 0) return rules.deductNeedsManager ? 'manager' : 'budtender'
      return action.value > rules.awardLimit ? 'manager' : 'budtender'
    case 'redeem':
      return action.points > rules.redeemLimit ? 'manager' : 'budtender'
    case 'discard':
      return rules.discardNeedsManager ? 'manager' : 'budtender'
    case 'repoint':
      return rules.repointNeedsManager ? 'manager' : 'budtender'
    case 'edit_customer':
      return rules.editCustomerNeedsManager ? 'manager' : 'budtender'
    case 'override_id':
    case 'change_settings':
      return 'manager'
  }
}

/** Why the manager's PIN is asked for, in the budtender's words. */
export function whyManager(action: CounterAction, rules: CounterRules): string {
  switch (action.kind) {
    case 'award':
      return action.value < 0 ? 'A deduction needs the manager’s PIN.' : `An award above ${rules.awardLimit.toLocaleString('en-US')} points needs the manager’s PIN.`
    case 'discard':
      return 'Discarding a queued award needs the manager’s PIN.'
    case 'repoint':
      return 'Moving a queued award to another customer needs the manager’s PIN.'
    case 'edit_customer':
      return 'Changing a customer’s saved details needs the manager’s PIN.'
    case 'override_id':
      return 'Overriding an ID check needs the manager’s PIN and a reason.'
    case 'change_settings':
      return 'Changing Settings needs the manager’s PIN.'
    case 'redeem':
      return `A reward costing more than ${rules.redeemLimit.toLocaleString('en-US')} points needs the manager’s PIN.`
  }
}

/** What a PIN field accepts: 4 digits, or 6 (a manager may choose 6). */
export const PIN_PATTERN = /^(\d{4}|\d{6})$/

/** A PIN this person may choose, or why not: a budtender's is 4 digits, a manager's 4 or 6. */
export function pinProblem(pin: string, role: Role): string | null {
  if (role === 'manager') return /^(\d{4}|\d{6})$/.test(pin) ? null : 'A manager’s PIN is 4 or 6 digits.'
  return /^\d{4}$/.test(pin) ? null : 'A budtender’s PIN is 4 digits.'
}

/** An unlocked Settings screen locks after this long without a key press or a click. */
export const SETTINGS_LOCK_MS = 2 * 60_000

/** The practice roster of training mode: the same rules, PINs anyone may know (shown on the sign-in screen). */
export const PRACTICE_STAFF: readonly { name: string; role: Role; pin: string }[] = [
  { name: 'Alex', role: 'budtender', pin: '1111' },
  { name: 'Jordan', role: 'budtender', pin: '2222' },
  { name: 'Morgan', role: 'manager', pin: '9999' },
]

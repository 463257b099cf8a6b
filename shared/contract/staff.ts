// Staff, PINs and the ID check (issue 13), as they cross the IPC contract.
import { z } from 'zod'
import { PIN_PATTERN } from '../staff-rules'
import { Customer, Millis } from './domain'

export const Pin = z.string().regex(PIN_PATTERN, 'a 4- or 6-digit PIN')
/** A manager's PIN for this one action; `managerId` names the manager (needed when there are several: one guess tests one person). */
export const Approval = z.object({ managerId: z.string().min(1).max(64).optional(), pin: Pin }).strict()
export type Approval = z.infer<typeof Approval>
/** What an unlocked Settings screen holds instead of the PIN: good for its ordinary changes until it locks. */
export const SettingsPass = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'a Settings pass')
/** A Settings change: the manager's PIN, or (for a change that grants no power) the pass of the unlocked screen. */
export const SettingsApproval = z.union([Approval, z.object({ pass: SettingsPass }).strict()])
export type SettingsApproval = z.infer<typeof SettingsApproval>
export const Role = z.enum(['budtender', 'manager'])
export const StaffMember = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  /** too many wrong PINs: refused for now, or until a manager unlocks it */
  locked: z.boolean(),
})
export type StaffMember = z.infer<typeof StaffMember>
export const CounterRules = z
  .object({
    awardLimit: z.number().int().min(0).max(100_000),
    // rules saved before this setting existed read as the default
    redeemLimit: z.number().int().min(0).max(100_000).default(500),
    deductNeedsManager: z.boolean(),
    discardNeedsManager: z.boolean(),
    repointNeedsManager: z.boolean(),
    // rules saved before this setting existed read as the default
    editCustomerNeedsManager: z.boolean().default(true),
    medical: z.boolean(),
    idleMinutes: z.number().int().min(1).max(240),
  })
  .strict()
export const StaffStatus = z.object({
  roster: z.enum(['live', 'training']),
  /** first run (of this roster): no manager yet, so the counter asks for the manager's PIN before anything else */
  needsManager: z.boolean(),
  signedIn: StaffMember.nullable(),
  staff: z.array(StaffMember),
  /** training mode only: the practice PINs, shown on screen */
  practicePins: z.array(z.object({ name: z.string(), role: Role, pin: z.string() })).nullable(),
  rules: CounterRules,
})
export type StaffStatus = z.infer<typeof StaffStatus>

export const IdVerdict = z.enum(['pass', 'under_age', 'expired', 'unreadable'])
export const IdCheckOutcome = z.object({
  /** names this check for an override; the counter forgets it after a few minutes */
  checkId: z.string(),
  verdict: IdVerdict,
  overridden: z.boolean(),
  /** why an unreadable licence could not be read */
  problem: z.string().nullable(),
  age: z.number().int().nullable(),
  minimumAge: z.number().int(),
  /** read from the licence for this screen only: never stored */
  holder: z
    .object({ firstName: z.string(), lastName: z.string(), dateOfBirth: z.string(), expiry: z.string(), state: z.string().nullable(), document: z.enum(['DL', 'ID']) })
    .nullable(),
  /** after a pass or an override: AIQ's customers with this name (and this date of birth, where AIQ has one) */
  lookup: z.enum(['found', 'none', 'not_looked_up', 'unavailable']),
  matches: z.array(Customer),
})
export type IdCheckOutcome = z.infer<typeof IdCheckOutcome>
export const IdCheckRow = z.object({ at: Millis, budtender: z.string(), outcome: z.enum(['passed', 'refused', 'overridden']), overrideReason: z.string().nullable(), approvedBy: z.string().nullable() })

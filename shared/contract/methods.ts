// The method and event table: each method's input and output schema, each event's payload schema. The main process
// checks every call against it (dispatch.ts), and who may call each is access.ts; names.ts lists the same names without zod for the preload and the
// renderer's client.
import { z } from 'zod'
import {
  AdjustmentRow,
  AiqRedemptionRow,
  AppStatus,
  CheckInResult,
  CompatReport,
  ConnectionTest,
  CounterSettings,
  ContactID,
  Customer,
  CustomerRef,
  DirectoryHit,
  DirectoryStatus,
  Millis,
  OutboxEntry,
  OutboxState,
  Overrides,
  Phone10,
  PosTransactionId,
  Recommendation,
  RecentAwards,
  RedemptionEntry,
  Rewards,
  Store,
  TimelineEvent,
  Trait,
  Visit,
  type Result,
} from './domain'
import type { EventName, ListenerName, MethodName } from './names'
import { Approval, CounterRules, IdCheckOutcome, IdCheckRow, Pin, Role, SettingsApproval, SettingsPass, StaffStatus } from './staff'
import { ConsentRow, ConsentSettings, CustomerScreenStatus, Disclosure, GivenBy } from './customer-screen'

// ---- parts of several methods' inputs and outputs --------------------------------------------

const RedemptionOutcome = z.object({ redemption: RedemptionEntry, customer: Customer.nullable() })

const Empty = z.object({}).strict()
const AccountId = z.string().trim().regex(/^\d{1,10}$/, 'the account id is a number')
/** pasted keys often bring a space or a line break along; inside a key, whitespace or control characters mean a wrong paste */
const ApiKey = z
  .string()
  .max(512)
  .trim()
  .min(1, 'Enter the API key.')
  .regex(/^[^\s\p{Cc}\p{Cf}]+$/u, 'The API key has spaces or invisible characters in it. Copy it again from AIQ and paste it.')
/** switching or signing out while awards of this account still wait: true once the person was told and said go on */
const LeaveWaiting = z.boolean().optional()
const WithApproval = z.object({ approval: SettingsApproval.optional() }).strict()
const StaffName = z.string().trim().min(1, 'a name').max(40)
const ByContact = z.object({ contactID: ContactID }).strict()
const Reason = z.string().trim().min(1, 'a reason').max(200)
const CheckInInput = z.object({ input: z.string().trim().min(1).max(4096) }).strict()
const Person = z.string().trim().min(1, 'who is doing this').max(80)

// ---- methods ---------------------------------------------------------------------------------

export const methods = {
  getStatus: { input: Empty, output: AppStatus },
  /** the manager has read that the database was damaged and what was recovered */
  dismissDatabaseNotice: { input: Empty, output: AppStatus },

  /** The one check-in field: a phone, a contact id / wallet URL, or a POS source id. */
  checkIn: { input: CheckInInput, output: CheckInResult },
  /**
   * The same input looked up in this counter's copy only, answered at once (no AIQ call): the renderer asks it beside
   * checkIn and shows the customer until AIQ's answer replaces them. null when the copy does not have them.
   */
  checkInFromDirectory: { input: CheckInInput, output: z.object({ hit: DirectoryHit.nullable() }) },
  searchCustomers: {
    input: z.object({ query: z.string().trim().min(2).max(200), limit: z.number().int().min(1).max(100).default(25) }),
    output: z.object({ results: z.array(Customer), total: z.number().int() }),
  },

  getRewards: { input: CustomerRef, output: Rewards },
  getVisits: { input: ByContact, output: z.object({ visits: z.array(Visit) }) },
  getTimeline: { input: ByContact, output: z.object({ events: z.array(TimelineEvent) }) },
  getRecommendations: { input: ByContact, output: z.object({ products: z.array(Recommendation) }) },
  getTraits: { input: ByContact, output: z.object({ traits: z.array(Trait) }) },
  saveTraits: {
    input: z.object({ contactID: ContactID, traits: z.array(Trait).max(100), mode: z.enum(['add', 'replace']), approval: Approval.optional() }).strict(),
    output: z.object({ traits: z.array(Trait) }),
  },
  getOverrides: { input: ByContact, output: z.object({ overrides: Overrides }) },
  saveOverrides: {
    input: z.object({ contactID: ContactID, overrides: Overrides, approval: Approval.optional() }).strict(),
    output: z.object({ overrides: Overrides }),
  },

  /** Durable: resolves only once the award is on disk in the outbox. */
  awardPoints: {
    input: z
      .object({
        customer: CustomerRef,
        customerName: z.string().max(200).default(''),
        value: z.number().int().refine((v) => v !== 0, 'points must not be zero').refine((v) => Math.abs(v) <= 100_000, 'at most 100,000 points at once'),
        reason: Reason,
        /** no longer used: the signed-in budtender is who awards (kept so older callers still validate) */
        budtender: Person.optional(),
        approval: Approval.optional(),
      })
      .strict(),
    output: OutboxEntry,
  },

  signUp: {
    input: z
      .object({
        firstName: z.string().trim().min(1, 'a first name').max(80),
        lastName: z.string().trim().max(80).default(''),
        phone: Phone10,
        email: z.union([z.email('a valid email address'), z.literal('')]).default(''),
        favoriteStoreID: z.number().int().nullable().default(null),
        loyalty: z.boolean(),
        /** double_opt_in texts the customer to confirm; none sends nothing. Never re-opts an opted-out number. */
        sms: z.enum(['double_opt_in', 'none']),
        emailOptIn: z.boolean().default(false),
        /** who gave the SMS choice: the customer on their own screen (then it must be theirs), or the budtender on their word */
        consentFrom: GivenBy.optional(),
        /** yyyy-mm-dd, or '' when not given. AIQ's signup body has no birthday field: it goes as a custom attribute. */
        birthday: z.union([z.iso.date('a date of birth as yyyy-mm-dd'), z.literal('')]).optional(),
      })
      .strict(),
    output: z.object({
      customer: Customer,
      /** opted_in: the store turned double opt-in off and the customer said yes */
      sms: z.enum(['requested', 'already_opted_in', 'opted_out_kept', 'not_requested', 'opted_in']),
    }),
  },
  requestSmsOptIn: {
    input: z.object({ phone: Phone10 }).strict(),
    output: z.object({ sms: z.enum(['requested', 'already_opted_in', 'opted_out_kept']) }),
  },
  listStores: { input: Empty, output: z.object({ stores: z.array(Store) }) },

  /** what this customer got in the last minutes, at this counter and (when AIQ answers) at any other */
  recentAwards: { input: z.object({ customer: CustomerRef }).strict(), output: RecentAwards },
  shiftReport: {
    input: z.object({ from: Millis, to: Millis }).strict(),
    output: z.object({
      from: Millis,
      to: Millis,
      aiq: z.object({ available: z.boolean(), error: z.string().nullable(), adjustments: z.array(AdjustmentRow) }),
      local: z.array(OutboxEntry),
      /** this counter's ID checks in the window: when, by whom, passed or overridden (no licence data) */
      idChecks: z.array(IdCheckRow).optional(),
    }),
  },

  listOutbox: {
    input: z.object({ states: z.array(OutboxState).optional() }).strict(),
    output: z.object({ entries: z.array(OutboxEntry) }),
  },
  retryOutboxEntry: { input: z.object({ id: z.string() }).strict(), output: OutboxEntry },
  fixOutboxCustomer: {
    input: z.object({ id: z.string(), customer: CustomerRef, customerName: z.string().max(200).optional(), approval: Approval.optional() }).strict(),
    output: OutboxEntry,
  },
  discardOutboxEntry: {
    input: z.object({ id: z.string(), reason: Reason, /** no longer used: the signed-in budtender */ by: Person.optional(), approval: Approval.optional() }).strict(),
    output: OutboxEntry,
  },

  testConnection: {
    input: z.object({ uid: AccountId, apiKey: ApiKey.optional(), baseUrl: z.url().optional(), approval: SettingsApproval.optional() }).strict(),
    output: ConnectionTest,
  },
  saveAccount: {
    input: z.object({ uid: AccountId, apiKey: ApiKey, baseUrl: z.url().optional(), leaveWaiting: LeaveWaiting, approval: SettingsApproval.optional() }).strict(),
    output: AppStatus,
  },
  signOut: { input: z.object({ leaveWaiting: LeaveWaiting, approval: SettingsApproval.optional() }).strict(), output: AppStatus },
  useTrainingMode: { input: z.object({ leaveWaiting: LeaveWaiting, approval: SettingsApproval.optional() }).strict(), output: AppStatus },

  refreshDirectory: { input: Empty, output: DirectoryStatus },
  clearDirectory: { input: WithApproval, output: DirectoryStatus },
  setDirectoryEnabled: { input: z.object({ enabled: z.boolean(), approval: SettingsApproval.optional() }).strict(), output: DirectoryStatus },

  /**
   * After checkout: redeem a wallet reward on the POS transaction, at most once (online only, never queued). The
   * customer comes back re-read from AIQ when it was redeemed.
   */
  redeemReward: {
    input: z
      .object({ contactID: ContactID, rewardId: z.string().min(1).max(128), posTransactionId: PosTransactionId, customerName: z.string().max(200).default(''), /** no longer used: the signed-in budtender redeems */ budtender: Person.optional(), approval: Approval.optional() })
      .strict(),
    output: RedemptionOutcome,
  },
  /** Looks for an in-doubt redemption in AIQ's list first; sends again (same link) only when it is surely not there. */
  retryRedemption: { input: z.object({ id: z.string().min(1).max(64) }).strict(), output: RedemptionOutcome },
  /** This counter's redemptions beside AIQ's for a window (the shift report). */
  redemptionReport: {
    input: z.object({ from: Millis, to: Millis }).strict(),
    output: z.object({
      local: z.array(RedemptionEntry),
      aiq: z.object({ available: z.boolean(), error: z.string().nullable(), redemptions: z.array(AiqRedemptionRow) }),
    }),
  },

  /** Read-only: calls each AIQ read endpoint once for this customer and reports what the app could read. */
  checkCompatibility: { input: z.object({ phone: Phone10 }).strict(), output: CompatReport },

  getCounter: { input: Empty, output: CounterSettings },
  saveCounter: { input: CounterSettings.extend({ approval: SettingsApproval.optional() }).strict(), output: CounterSettings },

  // ---- staff and the ID check (issue 13) ----
  getStaff: { input: Empty, output: StaffStatus },
  /** first run only: the manager's name and PIN, before anything else; signs them in */
  setUpManager: { input: z.object({ name: StaffName, pin: Pin }).strict(), output: StaffStatus },
  signInBudtender: { input: z.object({ staffId: z.string().min(1).max(64), pin: Pin }).strict(), output: StaffStatus },
  signOutBudtender: { input: Empty, output: StaffStatus },
  /** the budtender is still at the counter (a key or a click): restarts the idle clock */
  stillHere: { input: Empty, output: StaffStatus },
  addStaff: { input: z.object({ name: StaffName, role: Role, pin: Pin, approval: SettingsApproval.optional() }).strict(), output: StaffStatus },
  removeStaff: { input: z.object({ staffId: z.string().min(1).max(64), approval: SettingsApproval.optional() }).strict(), output: StaffStatus },
  saveRules: { input: z.object({ rules: CounterRules, approval: SettingsApproval.optional() }).strict(), output: StaffStatus },
  /** the signed-in person's own PIN: the old one first */
  changeMyPin: { input: z.object({ oldPin: Pin, newPin: Pin }).strict(), output: StaffStatus },
  /** a manager sets a budtender's new PIN (it also lifts their lock) */
  resetStaffPin: { input: z.object({ staffId: z.string().min(1).max(64), pin: Pin, approval: SettingsApproval.optional() }).strict(), output: StaffStatus },
  /** a manager lifts a PIN lock (the last lock waits for this) */
  unlockStaff: { input: z.object({ staffId: z.string().min(1).max(64), approval: SettingsApproval.optional() }).strict(), output: StaffStatus },
  /**
   * the store lost its manager PIN: the live account's saved API key, typed again (compared in main, sent nowhere),
   * sets a new one. Anyone: there may be no manager left; the key and its own lock guard it.
   */
  recoverManagerPin: { input: z.object({ apiKey: ApiKey, managerId: z.string().min(1).max(64).optional(), pin: Pin }).strict(), output: StaffStatus },
  /** checks the manager's PIN before the Settings screen opens; the pass it gives carries the ordinary changes until Settings lock (each change that grants power asks the PIN again) */
  unlockSettings: { input: z.object({ approval: Approval.optional() }).strict(), output: StaffStatus.extend({ settingsPass: SettingsPass }) },
  /** a scanned licence: age and expiry on the store's day, then (after a pass) the customer by name and date of birth */
  checkId: { input: z.object({ scan: z.string().min(1).max(8192) }).strict(), output: IdCheckOutcome },
  overrideIdCheck: {
    input: z.object({ checkId: z.string().min(1).max(64), reason: Reason, approval: Approval.optional() }).strict(),
    output: IdCheckOutcome,
  },

  // ---- the customer screen and the consent ledger (issue 20) ----
  /** what the customer screen shows now (its first name and points only): the header's button reads it */
  getCustomerScreen: { input: Empty, output: CustomerScreenStatus },
  /** Electron: shows the customer window; browser mode: the address of the customer page to open (null in Electron) */
  openCustomerScreen: { input: Empty, output: z.object({ url: z.string().nullable(), status: CustomerScreenStatus }) },
  /** the customer screen asks for the customer's phone and consent; the budtender's typed phone is compared with theirs */
  askCustomerConsent: { input: z.object({ phone: Phone10, firstName: z.string().trim().max(80).default('') }).strict(), output: CustomerScreenStatus },
  cancelCustomerConsent: { input: Empty, output: CustomerScreenStatus },
  /** next customer: the customer screen goes back to idle */
  clearCustomerScreen: { input: Empty, output: CustomerScreenStatus },
  getConsentSettings: { input: Empty, output: z.object({ settings: ConsentSettings, disclosure: Disclosure, versions: z.number().int() }) },
  saveConsentSettings: {
    input: ConsentSettings.extend({ approval: SettingsApproval.optional() }).strict(),
    output: z.object({ settings: ConsentSettings, disclosure: Disclosure, versions: z.number().int() }),
  },
  listConsents: { input: z.object({ from: Millis, to: Millis }).strict(), output: z.object({ consents: z.array(ConsentRow) }) },
  exportConsents: { input: z.object({ from: Millis, to: Millis }).strict(), output: z.object({ csv: z.string(), filename: z.string() }) },
} as const satisfies Record<MethodName, { input: z.ZodType; output: z.ZodType }>

export type Methods = typeof methods
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>
export type MethodArgs<M extends MethodName> = z.output<Methods[M]['input']>
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>

// ---- events (main -> renderer) ---------------------------------------------------------------

export const events = {
  statusChanged: AppStatus,
  outboxChanged: z.object({ entries: z.array(OutboxEntry) }),
  directoryProgress: DirectoryStatus,
  /** who is signed in changed (signed in, switched, signed out for being idle), or the roster or rules did */
  staffChanged: StaffStatus,
  /** the customer screen opened or closed, or the customer typed or chose something */
  customerScreenChanged: CustomerScreenStatus,
} as const satisfies Record<EventName, z.ZodType>
export type Events = typeof events
export type EventPayload<E extends EventName> = z.output<Events[E]>

/** What `window.counter` is, in Electron (preload) and in tests (bridge): named methods and named listeners only. */
export type CounterApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>
} & {
  [E in EventName as ListenerName<E>]: (listener: (payload: EventPayload<E>) => void) => () => void
}

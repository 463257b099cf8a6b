// The one source of truth for the IPC API between the renderer and the main process.
// The preload, the main-process router, the renderer's client and the test bridge are all derived from it.
import { z } from 'zod'
import { PIN_PATTERN } from './staff-rules'

// ---- building blocks -------------------------------------------------------------------------

export const Phone10 = z.string().regex(/^\d{10}$/, 'a 10-digit US phone number')
export const ContactID = z.string().min(1).max(128)
/** epoch milliseconds */
export const Millis = z.number().int().nonnegative()

export const ErrorCode = z.enum([
  'offline', // AIQ cannot be reached (network down, DNS, connection refused, timeout)
  'unauthorized', // AIQ rejected the API key (401/403)
  'not_found',
  'rate_limited',
  'server_error',
  'bad_response',
  'invalid_input',
  'not_configured', // no AIQ account and not in training mode
  'keychain_unavailable',
  'storage_error',
  'needs_confirmation', // the action would leave something behind (e.g. awards still waiting): ask, then send again with the flag set
  'internal',
  'needs_sign_in', // no budtender signed in at this counter (or signed out for being idle)
  'needs_manager', // the action needs a manager's PIN (staff-rules.ts)
  'wrong_pin',
  'pin_locked', // five wrong PINs in a row: that PIN waits a while
])
export type ErrorCode = z.infer<typeof ErrorCode>
export const CounterErrorShape = z.object({ code: ErrorCode, message: z.string() })
export type CounterErrorShape = z.infer<typeof CounterErrorShape>

/** Every method resolves with this envelope; the renderer's client turns `ok: false` into a thrown CounterError. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: CounterErrorShape }

/** Who the customer is, as far as the counter knows: AIQ's id, or only a phone when looked up offline. */
export const CustomerRef = z
  .object({ contactID: ContactID.optional(), phone: Phone10.optional() })
  .refine((r) => r.contactID !== undefined || r.phone !== undefined, 'a contact id or a phone number')
export type CustomerRef = z.infer<typeof CustomerRef>

export const SmsConsent = z.enum(['opted_in', 'pending', 'opted_out', 'none'])
export type SmsConsent = z.infer<typeof SmsConsent>

export const Customer = z.object({
  contactID: ContactID,
  firstName: z.string(),
  lastName: z.string(),
  phone: Phone10.nullable(),
  email: z.string().nullable(),
  srcID: z.string().nullable(),
  member: z.boolean(),
  sms: SmsConsent,
  emailOptIn: z.boolean(),
  /** AIQ's balance (live), or the cached balance (directory) */
  points: z.number(),
  /** sum of this counter's awards on their way to AIQ (pending or being sent) */
  pendingPoints: z.number(),
  /** sum of this counter's awards AIQ refused (failed): not in AIQ's balance, and not counted in it here */
  failedPoints: z.number().default(0),
  favoriteStoreID: z.number().int().nullable(),
})
export type Customer = z.infer<typeof Customer>

export const CheckInResult = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('customer'),
    customer: Customer,
    /** live = answered by AIQ just now; directory = from the local directory while AIQ is unreachable */
    source: z.enum(['live', 'directory']),
    asOf: Millis,
  }),
  z.object({
    kind: z.literal('unknown'),
    /** the normalised phone when the input was a phone number */
    phone: Phone10.nullable(),
    input: z.string(),
    /** true when AIQ could not be asked, so "unknown" only means "not in the local directory" */
    offline: z.boolean(),
  }),
])
export type CheckInResult = z.infer<typeof CheckInResult>

export const Reward = z.object({
  id: z.string(),
  name: z.string(),
  /** the POS's own discount to apply for this reward (AIQ discount builder), when AIQ names one */
  posDiscountID: z.string().nullable().default(null),
  /** AIQ gave a redemption link: it can be redeemed from the counter */
  redeemable: z.boolean().default(false),
  description: z.string(),
  pointsDeduction: z.number(),
  available: z.boolean(),
  unlocked: z.boolean(),
  expiration: Millis.nullable(),
})
export const Rewards = z.object({ points: z.number(), hidePoints: z.boolean(), rewards: z.array(Reward) })

export const Visit = z.object({
  at: Millis,
  storeName: z.string().nullable(),
  total: z.number(),
  items: z.array(
    z.object({ name: z.string(), brand: z.string().nullable(), quantity: z.number(), totalPrice: z.number() }),
  ),
})
export const TimelineEvent = z.object({
  at: Millis,
  type: z.string(),
  value: z.number(),
  note: z.string().nullable(),
  balance: z.number().nullable(),
})
export const Recommendation = z.object({
  rank: z.number().int().positive(),
  name: z.string(),
  brand: z.string().nullable(),
  category: z.string().nullable(),
})
export const Trait = z.object({ key: z.string().min(1).max(100), value: z.string().max(1000) })
export type Trait = z.infer<typeof Trait>
export const OverrideValue = z.union([z.string(), z.number(), z.boolean(), z.null()])
export const Overrides = z.record(z.string(), OverrideValue)

export const OutboxState = z.enum(['pending', 'sending', 'synced', 'failed', 'discarded'])
export type OutboxState = z.infer<typeof OutboxState>
export const OutboxEntry = z.object({
  id: z.string(), // ULID made once at creation
  contactID: ContactID.nullable(),
  phone: Phone10.nullable(),
  customerName: z.string(),
  value: z.number().int(),
  reason: z.string(),
  budtender: z.string(),
  createdAt: Millis,
  state: OutboxState,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: Millis.nullable(),
  lastError: z.string().nullable(),
  syncedAt: Millis.nullable(),
  discardedBy: z.string().nullable(),
  discardReason: z.string().nullable(),
  /** the AIQ account the award was given in ("live:4242", "training:1000"); it is only ever sent to that one */
  account: z.string(),
  /** given in another account than the one connected now: shown, never sent until that account is back */
  otherAccount: z.boolean(),
  /** staff id of the signed-in budtender who made it (absent on awards from before PINs) */
  budtenderId: z.string().nullable().optional(),
  /** the manager whose PIN allowed it, when the rules asked for one */
  approvedBy: z.string().nullable().optional(),
})
export type OutboxEntry = z.infer<typeof OutboxEntry>

export const Mode = z.enum(['unconfigured', 'training', 'live'])
export type Mode = z.infer<typeof Mode>
export const ConnectionTest = z.object({
  result: z.enum(['connected', 'key_rejected', 'unreachable']),
  message: z.string(),
  at: Millis,
})
export type ConnectionTest = z.infer<typeof ConnectionTest>

export const DirectoryStatus = z.object({
  enabled: z.boolean(),
  size: z.number().int().nonnegative(),
  lastFullRefreshAt: Millis.nullable(),
  refresh: z.object({
    state: z.enum(['idle', 'running', 'failed']),
    loaded: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
    error: z.string().nullable(),
  }),
})
export type DirectoryStatus = z.infer<typeof DirectoryStatus>

export const AppStatus = z.object({
  mode: Mode,
  uid: z.string().nullable(),
  baseUrl: z.string().nullable(),
  lastConnectionTest: ConnectionTest.nullable(),
  online: z.boolean(),
  lastOnlineAt: Millis.nullable(),
  outbox: z.object({
    pending: z.number().int(),
    sending: z.number().int(),
    failed: z.number().int(),
    pendingPoints: z.number().int(),
    /** awards still waiting that belong to other accounts than the one connected now */
    otherAccounts: z.array(z.object({ account: z.string(), label: z.string(), waiting: z.number().int().nonnegative() })),
  }),
  /** set when syncing stopped because AIQ rejected the key; a person must act */
  syncPaused: z.string().nullable(),
  directory: DirectoryStatus,
})
export type AppStatus = z.infer<typeof AppStatus>

export const Store = z.object({ id: z.number().int(), name: z.string() })

export const AdjustmentRow = z.object({
  contactID: z.string(),
  customerName: z.string(),
  value: z.number(),
  note: z.string(),
  at: Millis,
  /** the outbox id found in the note's tag, when the adjustment came from a counter */
  outboxId: z.string().nullable(),
})

/** One AIQ read endpoint in the compatibility check: field names and counts only, never values or PII. */
export const CompatRow = z.object({
  /** e.g. "GET /api/v1.1/piis/{uid}" (see electron/aiq/endpoints.ts) */
  endpoint: z.string(),
  /** what it is, in budtender words */
  label: z.string(),
  /** AIQ answered at all (any HTTP status) */
  reached: z.boolean(),
  /** the call resolved and nothing in the answer was skipped or missing */
  understood: z.boolean(),
  /** not called (no POS id, no customer, or AIQ could not be reached before) */
  skipped: z.boolean(),
  /** AIQ's HTTP status when known */
  status: z.number().int().nullable(),
  itemsRead: z.number().int().nonnegative(),
  itemsSkipped: z.number().int().nonnegative(),
  unknownFields: z.array(z.string()),
  missingFields: z.array(z.string()),
  note: z.string(),
})
export type CompatRow = z.infer<typeof CompatRow>
export const CompatReport = z.object({
  ranAt: Millis,
  /** the AIQ server's host only (no scheme, path or query); in training mode the sandbox's loopback host */
  host: z.string(),
  training: z.boolean(),
  uid: z.string(),
  /** all but the last 4 digits masked */
  phoneMasked: z.string(),
  customerFound: z.boolean(),
  /** the customer was found and every endpoint that could be checked was reached and understood */
  ok: z.boolean(),
  rows: z.array(CompatRow),
})
export type CompatReport = z.infer<typeof CompatReport>

/** A reward redemption this counter attempted (electron/store/redemptions.ts). Never queued: online only. */
export const RedemptionState = z.enum(['sending', 'redeemed', 'refused', 'in_doubt', 'not_sent'])
export type RedemptionState = z.infer<typeof RedemptionState>
export const RedemptionEntry = z.object({
  id: z.string(), // ULID made once
  contactID: ContactID,
  customerName: z.string(),
  rewardId: z.string(),
  rewardName: z.string(),
  posDiscountID: z.string().nullable(),
  points: z.number().int(),
  posTransactionId: z.string(),
  budtender: z.string(),
  createdAt: Millis,
  /** sending: the PUT is out; redeemed; refused (AIQ said no, in `message`, never retried); in_doubt: AIQ's answer was
   * lost, it is looked for in AIQ's redemptions before anything is sent again; not_sent: it never reached AIQ */
  state: RedemptionState,
  attempts: z.number().int().nonnegative(),
  sentAt: Millis.nullable(),
  /** in doubt: AIQ may still be working on it until then */
  checkAfter: Millis.nullable(),
  finishedAt: Millis.nullable(),
  /** AIQ's balance after the redemption, when known */
  balanceAfter: z.number().nullable(),
  message: z.string().nullable(),
  /** redeemed, and the app learnt it from AIQ's redemptions list (its answer had been lost) */
  foundInAiq: z.boolean(),
})
export type RedemptionEntry = z.infer<typeof RedemptionEntry>
/** One row of AIQ's redemptions list, as the shift report shows it. */
export const AiqRedemptionRow = z.object({
  contactID: z.string(),
  rewardId: z.string().nullable(),
  name: z.string().nullable(),
  points: z.number().nullable(),
  posTransactionId: z.string().nullable(),
  at: Millis.nullable(),
  /** the local redemption this row is, when it is one of this counter's */
  redemptionId: z.string().nullable(),
})
export const PosTransactionId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'the POS transaction id (letters, digits, dots, dashes or colons, at most 64)')
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

// ---- staff, PINs and the ID check (issue 13) ---------------------------------------------------

export const Pin = z.string().regex(PIN_PATTERN, 'a 4-digit PIN')
/** A manager's PIN for this one action; `managerId` picks the manager when there are several. */
export const Approval = z.object({ managerId: z.string().min(1).max(64).optional(), pin: Pin }).strict()
export type Approval = z.infer<typeof Approval>
const WithApproval = z.object({ approval: Approval.optional() }).strict()
export const Role = z.enum(['budtender', 'manager'])
export const StaffMember = z.object({ id: z.string(), name: z.string(), role: Role })
export type StaffMember = z.infer<typeof StaffMember>
export const CounterRules = z
  .object({
    awardLimit: z.number().int().min(0).max(100_000),
    deductNeedsManager: z.boolean(),
    discardNeedsManager: z.boolean(),
    repointNeedsManager: z.boolean(),
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
const StaffName = z.string().trim().min(1, 'a name').max(40)

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
export const IdCheckRow = z.object({ at: Millis, budtender: z.string(), outcome: z.enum(['passed', 'overridden']), overrideReason: z.string().nullable(), approvedBy: z.string().nullable() })
const ByContact = z.object({ contactID: ContactID }).strict()
const Reason = z.string().trim().min(1, 'a reason').max(200)
const Person = z.string().trim().min(1, 'who is doing this').max(80)

// ---- methods ---------------------------------------------------------------------------------

export const methods = {
  getStatus: { input: Empty, output: AppStatus },

  /** The one check-in field: a phone, a contact id / wallet URL, or a POS source id. */
  checkIn: { input: z.object({ input: z.string().trim().min(1).max(4096) }).strict(), output: CheckInResult },
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
    input: z.object({ contactID: ContactID, traits: z.array(Trait).max(100), mode: z.enum(['add', 'replace']) }).strict(),
    output: z.object({ traits: z.array(Trait) }),
  },
  getOverrides: { input: ByContact, output: z.object({ overrides: Overrides }) },
  saveOverrides: {
    input: z.object({ contactID: ContactID, overrides: Overrides }).strict(),
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
      })
      .strict(),
    output: z.object({
      customer: Customer,
      sms: z.enum(['requested', 'already_opted_in', 'opted_out_kept', 'not_requested']),
    }),
  },
  requestSmsOptIn: {
    input: z.object({ phone: Phone10 }).strict(),
    output: z.object({ sms: z.enum(['requested', 'already_opted_in', 'opted_out_kept']) }),
  },
  listStores: { input: Empty, output: z.object({ stores: z.array(Store) }) },

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
    input: z.object({ uid: AccountId, apiKey: ApiKey.optional(), baseUrl: z.url().optional() }).strict(),
    output: ConnectionTest,
  },
  saveAccount: {
    input: z.object({ uid: AccountId, apiKey: ApiKey, baseUrl: z.url().optional(), leaveWaiting: LeaveWaiting, approval: Approval.optional() }).strict(),
    output: AppStatus,
  },
  signOut: { input: z.object({ leaveWaiting: LeaveWaiting, approval: Approval.optional() }).strict(), output: AppStatus },
  useTrainingMode: { input: z.object({ leaveWaiting: LeaveWaiting, approval: Approval.optional() }).strict(), output: AppStatus },

  refreshDirectory: { input: Empty, output: DirectoryStatus },
  clearDirectory: { input: WithApproval, output: DirectoryStatus },
  setDirectoryEnabled: { input: z.object({ enabled: z.boolean(), approval: Approval.optional() }).strict(), output: DirectoryStatus },

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

  // ---- staff and the ID check (issue 13) ----
  getStaff: { input: Empty, output: StaffStatus },
  /** first run only: the manager's name and PIN, before anything else; signs them in */
  setUpManager: { input: z.object({ name: StaffName, pin: Pin }).strict(), output: StaffStatus },
  signInBudtender: { input: z.object({ staffId: z.string().min(1).max(64), pin: Pin }).strict(), output: StaffStatus },
  signOutBudtender: { input: Empty, output: StaffStatus },
  /** the budtender is still at the counter (a key or a click): restarts the idle clock */
  stillHere: { input: Empty, output: StaffStatus },
  addStaff: { input: z.object({ name: StaffName, role: Role, pin: Pin, approval: Approval.optional() }).strict(), output: StaffStatus },
  removeStaff: { input: z.object({ staffId: z.string().min(1).max(64), approval: Approval.optional() }).strict(), output: StaffStatus },
  saveRules: { input: z.object({ rules: CounterRules, approval: Approval.optional() }).strict(), output: StaffStatus },
  /** checks the manager's PIN before the Settings screen opens (each change is checked again) */
  unlockSettings: { input: z.object({ approval: Approval.optional() }).strict(), output: StaffStatus },
  /** a scanned licence: age and expiry on the store's day, then (after a pass) the customer by name and date of birth */
  checkId: { input: z.object({ scan: z.string().min(1).max(8192) }).strict(), output: IdCheckOutcome },
  overrideIdCheck: {
    input: z.object({ checkId: z.string().min(1).max(64), reason: Reason, approval: Approval.optional() }).strict(),
    output: IdCheckOutcome,
  },
} as const

export type Methods = typeof methods
export type MethodName = keyof Methods
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>
export type MethodArgs<M extends MethodName> = z.output<Methods[M]['input']>
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>
export const methodNames = Object.keys(methods) as MethodName[]

// ---- events (main -> renderer) ---------------------------------------------------------------

export const events = {
  statusChanged: AppStatus,
  outboxChanged: z.object({ entries: z.array(OutboxEntry) }),
  directoryProgress: DirectoryStatus,
  /** who is signed in changed (signed in, switched, signed out for being idle), or the roster or rules did */
  staffChanged: StaffStatus,
} as const
export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<E extends EventName> = z.output<Events[E]>
export const eventNames = Object.keys(events) as EventName[]

/** `statusChanged` -> `onStatusChanged` */
export type ListenerName<E extends EventName> = `on${Capitalize<E>}`
export const listenerName = <E extends EventName>(e: E): ListenerName<E> =>
  `on${e[0]!.toUpperCase()}${e.slice(1)}` as ListenerName<E>

export const channelFor = (m: MethodName) => `counter:${m}`
export const eventChannelFor = (e: EventName) => `counter:event:${e}`

/** What `window.counter` is, in Electron (preload) and in tests (bridge): named methods and named listeners only. */
export type CounterApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>
} & {
  [E in EventName as ListenerName<E>]: (listener: (payload: EventPayload<E>) => void) => () => void
}

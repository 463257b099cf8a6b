// The domain's shapes as they cross the IPC contract: customers, rewards, the outbox, the app's status, reports.
import { z } from 'zod'
import { CONTACT_ID_MAX_LENGTH } from '../contact-id'

// ---- building blocks -------------------------------------------------------------------------

export const Phone10 = z.string().regex(/^\d{10}$/, 'a 10-digit US phone number')
/** any id AIQ answered with (read tolerantly), not only the documented 32-hex form: see ../contact-id.ts */
export const ContactID = z.string().min(1).max(CONTACT_ID_MAX_LENGTH)
/** epoch milliseconds */
export const Millis = z.number().int().nonnegative()

export const ErrorCode = z.enum([
  'offline', // AIQ cannot be reached (network down, DNS, connection refused, timeout)
  'unauthorized', // AIQ rejected the API key (401/403), or a key typed to recover the manager PIN is not the saved one
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
  'pin_locked', // too many wrong PINs: that PIN waits a while (5, 15, 60 min), then until a manager unlocks it
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
    /** live = answered by AIQ just now; directory = this counter's copy (shown at once while AIQ is asked, and kept
     * when AIQ can't be reached) */
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
  z.object({
    /** on the account's blocklist at AIQ: no award, no signup (AIQ's customer list leaves them out) */
    kind: z.literal('blocklisted'),
    /** null when AIQ says the phone is blocklisted without naming the contact */
    customer: Customer.nullable(),
    phone: Phone10.nullable(),
    input: z.string(),
  }),
])
export type CheckInResult = z.infer<typeof CheckInResult>

/** The customer as this counter's copy (the directory) has them, and when that copy was taken from AIQ. */
export const DirectoryHit = z.object({ customer: Customer, asOf: Millis })
export type DirectoryHit = z.infer<typeof DirectoryHit>

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
  /** an AIQ Counter award: the counter named in its tag, or "this counter" (the tag itself is never shown) */
  from: z.string().nullable().default(null),
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
  /** AIQ's clock minus this computer's (ms; positive: this computer is slow), null until AIQ has answered */
  clockOffsetMs: z.number().finite().nullable(),
  /** set when counter.db was found damaged at a start and salvaged into a new one, until a person has read it */
  databaseRecovered: z.object({ message: z.string(), setAsideAs: z.string(), at: Millis }).nullable(),
})
export type AppStatus = z.infer<typeof AppStatus>

export const Store = z.object({ id: z.number().int(), name: z.string() })

/** This counter among the store's: its name goes with each award's tag into AIQ's note. */
export const CounterSettings = z.object({
  name: z.string().trim().min(1, 'a name for this counter').max(40),
  /** the only counter on this AIQ account: then a row without a note may be taken for this counter's award */
  onlyCounter: z.boolean(),
})
export type CounterSettings = z.infer<typeof CounterSettings>

/** Points this customer got lately, here or at another counter: the award dialog says so before Confirm. */
export const RecentAward = z.object({
  value: z.number(),
  /** the counter's name from the tag; null for a row AIQ holds without one (AIQ's own screen, another app) */
  counter: z.string().nullable(),
  by: z.string().nullable(),
  at: Millis,
  /** this counter's own award (from its outbox, synced or not) */
  thisCounter: z.boolean(),
})
export const RecentAwards = z.object({
  awards: z.array(RecentAward),
  /** AIQ's time when asked, to say "3 minutes ago" whatever this computer's clock says */
  now: Millis,
  /** AIQ's list was read too (else: this counter's own awards only) */
  aiqChecked: z.boolean(),
})
export type RecentAwards = z.infer<typeof RecentAwards>

export const AdjustmentRow = z.object({
  contactID: z.string(),
  customerName: z.string(),
  /** the customer's phone when AIQ's row carries one (a name is shown first) */
  phone: Phone10.nullable().optional(),
  value: z.number(),
  note: z.string(),
  at: Millis,
  /** the outbox id found in the note's tag, when the adjustment came from a counter */
  outboxId: z.string().nullable(),
  /** which counter awarded it, from the tag (older tags and other apps' rows name none) */
  counter: z.string().nullable().optional(),
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
  /** the reward's cost as AIQ has it (may be fractional) */
  points: z.number(),
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

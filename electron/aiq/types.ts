// AIQ wire shapes (what AIQ sends and accepts) and the client interface. Facts and assumptions: electron/aiq/README.md.
// Schemas are tolerant: unknown fields are kept (looseObject), optional fields are optional, null means empty.
import type { Phone10 } from '../../shared/phone'
import { z } from 'zod'
import type { AiqClock } from './clock'
import type { ShapeRecorder } from './shapes'

const epoch = z.number().nullable().optional()
const str = z.string().nullable().optional()

/** A persona row from the list endpoint, and (a superset of it) a persona by id / by source id. */
export const Persona = z.looseObject({
  contactID: z.string(),
  srcID: str,
  firstName: str,
  lastName: str,
  mobilePhone: str,
  homePhone: str,
  email: str,
  platform: str,
  favoriteStoreID: z.number().nullable().optional(),
  inserted: epoch,
  optinTime: epoch,
  optoutTime: epoch,
  optreqTime: epoch,
  hasRequested: z.boolean().nullable().optional(),
  emailOptInTime: epoch,
  loyalty: z.boolean().nullable().optional(),
  loyaltyPoints: z.number().nullable().optional(),
  loyaltySignupTS: epoch,
  spent: z.number().nullable().optional(),
  referCode: str,
  referLink: str,
  /** date of birth where AIQ keeps one (the ID check compares it with the licence) */
  birthday: str,
  /** on the account's blocklist: AIQ's list leaves them out, the persona may still say so (electron/aiq/README.md §personas) */
  blocklisted: z.boolean().nullable().optional(),
})
export type Persona = z.infer<typeof Persona>

export const PersonaPage = z.looseObject({
  results: z.array(Persona).nullable(),
  start: z.number(),
  limit: z.number(),
  size: z.number(),
  total: z.number(),
})
export type PersonaPage = z.infer<typeof PersonaPage>

export const LoyaltyLookup = z.looseObject({
  loyalty: z.boolean(),
  optedIn: z.boolean(),
  emailOptIn: z.boolean().optional(),
  contactID: z.string().optional(),
  blocklisted: z.boolean().optional(),
})
export type LoyaltyLookup = z.infer<typeof LoyaltyLookup>

export const CustomAttribute = z.looseObject({ key: z.string(), value: z.string() })
export type CustomAttribute = z.infer<typeof CustomAttribute>

export const SignupBody = z.object({
  mobilePhone: z.string().optional(),
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  loyalty: z.boolean().optional(),
  favoriteStore: z.string().optional(),
  favoriteStoreID: z.number().int().optional(),
  smsoptin: z.boolean().optional(),
  disableSMS: z.boolean().optional(),
  emailOptIn: z.boolean().optional(),
  customAttributes: z.array(CustomAttribute).optional(),
})
export type SignupBody = z.infer<typeof SignupBody>
/**
 * AIQ's signup body (POST /api/v2/loyalty, electron/aiq/README.md §signup) has no date-of-birth field in any observed
 * caller; what it documents for extra facts is `customAttributes` ({key, value}), so a date of birth goes there under
 * this key.
 */
export const BIRTHDAY_ATTRIBUTE = 'birthday'

/** What the client makes of a signup answer: AIQ's shape was never observed, so the contact id may be missing. */
export type SignupOutcome = { contactID: string | null }

/** A permanent override: an arbitrary partial persona object. */
export const OverrideFields = z.record(z.string(), z.unknown())
export type OverrideFields = z.infer<typeof OverrideFields>

export const AdjustResult = z.looseObject({ loyaltyPoints: z.number().optional() })
export type AdjustResult = z.infer<typeof AdjustResult>

export const Adjustment = z.looseObject({
  contactID: z.string(),
  value: z.number(),
  note: z.string().nullable().optional(),
  ts: z.number(),
  mobilePhone: str,
  email: str,
  firstName: str,
  lastName: str,
})
export type Adjustment = z.infer<typeof Adjustment>

/** An adjustment row as the client reads it (contact from `cntID` or `contactID`; `hasNote`: the row had a note field). */
export type AiqAdjustment = {
  contactID: string
  value: number
  note: string | null
  hasNote: boolean
  /** epoch seconds, null when AIQ sent no readable time */
  ts: number | null
  mobilePhone: string | null
  email: string | null
  firstName: string | null
  lastName: string | null
}

export const LineItem = z.looseObject({
  name: z.string(),
  brand: str,
  quantity: z.number(),
  totalPrice: z.number(),
  timestamp: z.number(),
  storeName: str,
  sku: str,
  category: str,
})
export type LineItem = z.infer<typeof LineItem>

export const TimelineEvent = z.looseObject({
  ts: z.number(),
  type: z.string(),
  value: z.number(),
  note: str,
  balance: z.number().nullable().optional(),
})
export type TimelineEvent = z.infer<typeof TimelineEvent>
export const Timeline = z.looseObject({ events: z.array(TimelineEvent).nullable() })
export type Timeline = z.infer<typeof Timeline>

export const Recommendation = z.looseObject({
  name: z.string(),
  brand: str,
  category: str,
  sku: str,
  score: z.number().nullable().optional(),
})
export type Recommendation = z.infer<typeof Recommendation>

export const DiscountTemplate = z.looseObject({
  id: z.string(),
  posDiscountID: str,
  name: z.string(),
  pageTitle: str,
  avatar: str,
  inStoreRedemption: z.boolean().optional(),
  redemptionURL: str,
  pointsDeduction: z.number().optional(),
  available: z.boolean().optional(),
  expiration: epoch,
})
export type DiscountTemplate = z.infer<typeof DiscountTemplate>
export const Wallet = z.looseObject({
  contactID: z.string().optional(),
  loyaltyPoints: z.number().optional(),
  hidePointsInWallet: z.boolean().optional(),
  discountTemplates: z.array(DiscountTemplate).nullable().optional(),
})
export type Wallet = z.infer<typeof Wallet>

/** One row of AIQ's redemptions list, as the client reads it (field names assumed, see answers.ts). */
/** the list as read: `complete` is false where AIQ's answer held rows the app could not read, or no list it knew */
export type AiqRedemptionList = AiqRedemption[] & { readonly complete?: boolean }

export type AiqRedemption = {
  contactID: string
  /** the wallet reward's id (discountTemplates[].id), when AIQ names it */
  discountID: string | null
  /** the POS transaction id appended to the redemption URL, when AIQ names it */
  transactionID: string | null
  name: string | null
  /** points deducted, positive */
  points: number | null
  /** epoch seconds */
  ts: number | null
}

export const StoreInfo = z.looseObject({ id: z.number(), name: z.string(), nickname: str })
export type StoreInfo = z.infer<typeof StoreInfo>

export type ListQuery = {
  start?: number
  limit?: number
  search?: string
  sort?: 'name' | 'email' | 'mobilePhone' | 'homePhone' | 'source' | 'id' | 'inserted' | 'signup' | 'points' | 'usedpoints'
  dir?: 'asc' | 'desc'
}

/** Which share of the account's rate budget a call uses: interactive (a person waits) goes before background. */
export type Priority = 'interactive' | 'background'

/**
 * One function per AIQ endpoint. Every function rejects with an AiqError (see errors.ts), never anything else.
 * Phones come in parsed (Phone10, from shared/phone.ts): the client never parses one again, except in a form's body.
 * Answers are read tolerantly (answers.ts); what could not be read is in `shapes`.
 */
export interface AiqClient {
  readonly uid: string
  /** the AIQ origin this client talks to (the key goes nowhere else) */
  readonly origin: string
  /** what this client could not read in AIQ's answers, per endpoint */
  readonly shapes: ShapeRecorder
  /** AIQ's clock as learnt from this account's answers: every window asked of AIQ is reckoned on it */
  readonly time: AiqClock
  /** the same account and transport with another priority and/or shape recorder */
  derive(opts: { priority?: Priority; shapes?: ShapeRecorder }): AiqClient
  /**
   * GET /api/v1.1/piis/{uid} — results [] when AIQ sends none. received: rows in the answer, read or skipped (a page
   * is full by this count); hasTotal: AIQ said how many match (else total is only what has been seen so far).
   */
  listPersonas(q?: ListQuery): Promise<PersonaPage & { results: Persona[]; received?: number; hasTotal?: boolean }>
  /** GET /api/v1.1/piis/{uid}/{contactID} */
  getPersona(contactID: string): Promise<Persona>
  /** POST /api/v2/loyalty — contactID null when AIQ's answer names none */
  signUp(body: SignupBody): Promise<SignupOutcome>
  /** GET /api/v2/loyaltyContact/override/{uid}/{contactID} — {} when none */
  getOverrides(contactID: string): Promise<OverrideFields>
  /** POST /api/v2/loyaltyContact/override/{uid}/{contactID} */
  setOverrides(contactID: string, fields: OverrideFields): Promise<OverrideFields>
  /** GET /api/v2/loyalty/lookup/{pii} — pii is a phone or an email (URL-encoded) */
  lookupLoyalty(pii: Phone10 | `${string}@${string}`): Promise<LoyaltyLookup>
  /** PUT /api/v2/optin/text/{phone}/{status}?doubleOpt=&loyalty= */
  setSmsOptIn(phone: Phone10, status: boolean, opts?: { doubleOpt?: boolean; loyalty?: boolean }): Promise<void>
  /** PUT /api/v1.1/adjust/loyaltyPoints/{uid}/{contactID} body {value, note} */
  adjustPoints(contactID: string, body: { value: number; note: string }, opts?: { onSend?: () => void }): Promise<AdjustResult>
  /** GET /api/v1.1/adjustments/{uid}/{start}/{end} — epoch seconds; unreadable rows skipped */
  listAdjustments(startSec: number, endSec: number): Promise<AiqAdjustment[]>
  /** GET /api/v1.1/piis/{uid}/bysrcid/{srcID} */
  getPersonaBySrcId(srcID: string): Promise<Persona>
  /** GET /api/v1.1/contact/traits/{uid}/{contactID} */
  getTraits(contactID: string): Promise<CustomAttribute[]>
  /** POST /api/v1.1/contact/traits/{uid}/{contactID} — add / merge by key */
  addTraits(contactID: string, traits: CustomAttribute[]): Promise<CustomAttribute[]>
  /** PUT /api/v1.1/contact/traits/{uid}/{contactID} — replace the set */
  replaceTraits(contactID: string, traits: CustomAttribute[]): Promise<CustomAttribute[]>
  /** GET /api/v1.1/contact/orders/{uid}/{contactID} — flat line items */
  getOrders(contactID: string): Promise<LineItem[]>
  /** GET /api/v1.1/contact/loyaltyPoints/timeline/{uid}/{contactID}?start=&end= */
  getTimeline(contactID: string, window?: { startSec?: number; endSec?: number }): Promise<{ events: TimelineEvent[] }>
  /** GET /api/v2/contact/recommendations/{contactID} — rank order */
  getRecommendations(contactID: string): Promise<Recommendation[]>
  /** POST /api/v2/wallet body {phone} or {email} */
  getWallet(who: { phone: Phone10 } | { email: string }): Promise<Wallet>
  /** GET /api/v1.1/stores/{uid} — data.stores */
  listStores(): Promise<StoreInfo[]>
  /**
   * PUT {redemptionURL}/{posTransactionId} — only when the URL's origin is this client's origin (else a
   * ForeignUrlError, and nothing is sent). The new balance when AIQ says it.
   */
  redeem(redemptionURL: string, posTransactionId: string, opts?: { onSend?: () => void }): Promise<{ loyaltyPoints?: number }>
  /** GET /api/v1.1/redemptions/{uid}/{start}/{end} — epoch seconds; unreadable rows skipped */
  listRedemptions(startSec: number, endSec: number): Promise<AiqRedemptionList>
}

// One reader per AIQ answer: `data` (already out of its envelope) -> the normalised shape the app uses.
// Field aliases and what is required are here and nowhere else. Readers never throw for a shape: a missing optional
// field gets its empty value and is recorded as missing; a collection item that can't be used is skipped and counted.
import { toPhone10 } from '../../shared/phone'
import { ENDPOINT, type Endpoint } from './endpoints'
import { AiqError } from './errors'
import { arrayIn, bool, isSkip, epochSec, has, ident, int, isObj, isoDay, num, type Obj, pick, readItems, seeObject, skip, text } from './read'
import type { ShapeRecorder } from './shapes'
import type { AiqAdjustment, AiqRedemption, AiqRedemptionList, CustomAttribute, DiscountTemplate, LineItem, LoyaltyLookup, Persona, Recommendation, StoreInfo, TimelineEvent, Wallet } from './types'

const CONTACT = ['contactID', 'contactId', 'cntID', 'cntId', 'ContactID', 'contact_id'] as const
const strOrNull = (o: Obj, names: readonly string[]) => text(pick(o, names))

// ---- personas ------------------------------------------------------------------------------------

const PERSONA_FIELDS = {
  srcID: ['srcID', 'srcId', 'sourceID', 'sourceId'],
  firstName: ['firstName', 'firstname', 'first_name'],
  lastName: ['lastName', 'lastname', 'last_name'],
  mobilePhone: ['mobilePhone', 'mobilephone', 'mobile', 'phone'],
  homePhone: ['homePhone', 'homephone'],
  email: ['email', 'emailAddress'],
  platform: ['platform', 'source'],
} as const
const PERSONA_TIMES = ['inserted', 'optinTime', 'optoutTime', 'optreqTime', 'emailOptInTime', 'loyaltySignupTS'] as const
const MEMBER = ['loyalty', 'loyaltyMember', 'isLoyalty', 'member'] as const
const SMS_FLAG = ['smsconsent', 'smsConsent', 'smsOptIn', 'optedIn'] as const
/** the field's real name at AIQ is not known (electron/aiq/README.md §personas): read under each name seen in answers */
const BIRTHDAY = ['birthday', 'dob', 'birthDate', 'dateOfBirth'] as const
/** the docs say blocklisted people leave the list, not what names the flag: read under each likely name */
const BLOCKLIST = ['blocklisted', 'blockListed', 'isBlocklisted', 'blocklist', 'blacklisted', 'blocked'] as const
const PERSONA_OTHER = ['favoriteStoreID', 'hasRequested', ...MEMBER, 'loyaltyPoints', 'spent', 'referCode', 'referLink', ...SMS_FLAG, 'emailOptIn', 'lastTouch', 'leakyBucket', 'usedPoints', 'usedpoints', ...BIRTHDAY, ...BLOCKLIST, 'address', 'favoriteStore', 'created']
export const PERSONA_KNOWN = [...CONTACT, ...Object.values(PERSONA_FIELDS).flat(), ...PERSONA_TIMES, ...PERSONA_OTHER]
const F = PERSONA_FIELDS

/** One persona, as a fixed-shape object of the fields the app uses (fast over a directory page of 2,000 rows). */
export function readPersona(raw: unknown): Persona | { skip: string } {
  if (!isObj(raw)) return skip('a customer row is not an object')
  const contactID = ident(pick(raw, CONTACT))
  if (!contactID) return skip('a customer row has no contactID')
  const loyaltySignupTS = epochSec(raw.loyaltySignupTS)
  return {
    contactID,
    srcID: strOrNull(raw, F.srcID),
    firstName: strOrNull(raw, F.firstName),
    lastName: strOrNull(raw, F.lastName),
    mobilePhone: strOrNull(raw, F.mobilePhone),
    homePhone: strOrNull(raw, F.homePhone),
    email: strOrNull(raw, F.email),
    platform: strOrNull(raw, F.platform),
    favoriteStoreID: int(raw.favoriteStoreID),
    inserted: epochSec(raw.inserted),
    optinTime: epochSec(raw.optinTime),
    optoutTime: epochSec(raw.optoutTime),
    optreqTime: epochSec(raw.optreqTime),
    hasRequested: bool(raw.hasRequested),
    emailOptInTime: epochSec(raw.emailOptInTime),
    // membership under another name, or only implied by a loyalty signup time
    loyalty: bool(pick(raw, MEMBER)) ?? ((loyaltySignupTS ?? 0) > 0 ? true : null),
    loyaltyPoints: num(raw.loyaltyPoints),
    loyaltySignupTS,
    spent: num(raw.spent),
    referCode: text(raw.referCode),
    referLink: text(raw.referLink),
    smsconsent: bool(pick(raw, SMS_FLAG)),
    emailOptIn: bool(raw.emailOptIn),
    birthday: isoDay(strOrNull(raw, BIRTHDAY)),
    blocklisted: bool(pick(raw, BLOCKLIST)),
  }
}

function readOnePersona(shapes: ShapeRecorder, endpoint: Endpoint, data: unknown): Persona | null {
  const one = Array.isArray(data) ? data[0] : isObj(data) && isObj(data.persona) ? data.persona : data
  if (!isObj(one)) return null
  seeObject(shapes, endpoint, one, PERSONA_KNOWN, [CONTACT])
  const p = readPersona(one)
  if (isSkip(p)) {
    shapes.problem(endpoint, p.skip)
    throw new AiqError('bad_response', 'AIQ sent a customer without a contactID; the app cannot open it.')
  }
  return p
}
export const readPersonaAnswer = (s: ShapeRecorder, data: unknown) => readOnePersona(s, ENDPOINT.getPersona, data)
export const readBySrcIdAnswer = (s: ShapeRecorder, data: unknown) => readOnePersona(s, ENDPOINT.getPersonaBySrcId, data)

export function readPersonaPage(shapes: ShapeRecorder, data: unknown, asked: { start?: number; limit?: number }) {
  const { items, top } = arrayIn(data, ['results', 'personas', 'contacts', 'data'])
  const results = readItems(shapes, ENDPOINT.listPersonas, items ?? [], readPersona, PERSONA_KNOWN, top, ['results', 'start', 'limit', 'size', 'total'])
  if (!(isObj(data) && has(data, ['results']))) noList(shapes, ENDPOINT.listPersonas, data, items, 'results')
  const o = isObj(data) ? data : {}
  const received = items?.length ?? 0
  const start = int(o.start) ?? asked.start ?? 0
  const total = int(o.total)
  return {
    results,
    start,
    limit: int(o.limit) ?? asked.limit ?? received,
    size: int(o.size) ?? received,
    total: total ?? start + received,
    received,
    hasTotal: total !== null,
  }
}

// ---- loyalty lookup, signup ------------------------------------------------------------------------

const LOOKUP_MEMBER = ['loyalty', 'member', 'isLoyalty', 'loyaltyMember'] as const
const LOOKUP_SMS = ['optedIn', 'optIn', 'smsOptIn'] as const

export function readLookup(shapes: ShapeRecorder, data: unknown): LoyaltyLookup {
  const o = isObj(data) ? data : {}
  const contact = isObj(o.contact) ? o.contact : {}
  const known = [...LOOKUP_MEMBER, ...LOOKUP_SMS, 'emailOptIn', 'contact', 'wallet', ...CONTACT, ...BLOCKLIST]
  seeObject(shapes, ENDPOINT.lookupLoyalty, o, known, [LOOKUP_MEMBER, LOOKUP_SMS])
  const contactID = ident(pick(o, CONTACT)) ?? ident(pick(contact, CONTACT))
  const emailOptIn = bool(o.emailOptIn)
  const blocklisted = bool(pick(o, BLOCKLIST)) ?? bool(pick(contact, BLOCKLIST))
  return {
    loyalty: bool(pick(o, LOOKUP_MEMBER)) ?? false,
    optedIn: bool(pick(o, LOOKUP_SMS)) ?? false,
    ...(emailOptIn === null ? {} : { emailOptIn }),
    ...(contactID ? { contactID } : {}),
    ...(blocklisted === null ? {} : { blocklisted }),
  }
}

/** An object answer in which no list was found where one was expected. */
function noList(shapes: ShapeRecorder, endpoint: Endpoint, data: unknown, items: unknown[] | null, what: string) {
  if (items === null && isObj(data) && Object.keys(data).length) shapes.missing(endpoint, what)
}

/** AIQ's signup answer was never observed: a contact id where one is found, else null (the caller looks it up). */
export function readSignup(shapes: ShapeRecorder, data: unknown): { contactID: string | null } {
  const o = isObj(data) ? data : {}
  seeObject(shapes, ENDPOINT.signUp, o, [...PERSONA_KNOWN, 'contact', 'created'], [CONTACT])
  const nested = isObj(o.contact) ? o.contact : {}
  return { contactID: ident(pick(o, CONTACT)) ?? ident(pick(nested, CONTACT)) }
}

// ---- points ------------------------------------------------------------------------------------------

export function readAdjustResult(shapes: ShapeRecorder, data: unknown): { loyaltyPoints?: number } {
  if (!isObj(data)) return {}
  seeObject(shapes, ENDPOINT.adjustPoints, data, ['loyaltyPoints', 'points', 'balance', ...CONTACT])
  const raw = pick(data, ['loyaltyPoints', 'points', 'balance'])
  const points = num(raw)
  if (raw !== undefined && points === null) shapes.problem(ENDPOINT.adjustPoints, 'the new balance (loyaltyPoints) is not a number')
  return points === null ? {} : { loyaltyPoints: points }
}

const NOTE = ['note', 'notes', 'comment', 'description', 'memo', 'reason'] as const
const ADJ_VALUE = ['value', 'points', 'amount', 'delta'] as const
const ADJ_TIME = ['ts', 'timestamp', 'created', 'createdAt', 'date', 'time'] as const
const ADJUSTMENT_KNOWN = [...CONTACT, ...ADJ_VALUE, ...NOTE, ...ADJ_TIME, 'mobilePhone', 'email', 'firstName', 'lastName', 'id']

export function readAdjustment(raw: unknown): AiqAdjustment | { skip: string } {
  if (!isObj(raw)) return skip('an adjustment row is not an object')
  const contactID = ident(pick(raw, CONTACT))
  if (!contactID) return skip('an adjustment row has no cntID/contactID')
  const value = num(pick(raw, ADJ_VALUE))
  if (value === null) return skip('an adjustment row has no value')
  const hasNote = has(raw, NOTE)
  return {
    contactID,
    value,
    note: hasNote ? text(pick(raw, NOTE)) : null,
    hasNote,
    ts: epochSec(pick(raw, ADJ_TIME)),
    mobilePhone: toPhone10(text(raw.mobilePhone) ?? '') ?? null,
    email: text(raw.email),
    firstName: text(raw.firstName),
    lastName: text(raw.lastName),
  }
}

export function readAdjustments(shapes: ShapeRecorder, data: unknown): AiqAdjustment[] {
  const { items, top } = arrayIn(data, ['adjustments', 'results', 'rows'])
  noList(shapes, ENDPOINT.listAdjustments, data, items, 'adjustments')
  const rows = readItems(shapes, ENDPOINT.listAdjustments, items ?? [], readAdjustment, ADJUSTMENT_KNOWN, top, ['adjustments', 'results', 'rows'])
  if (rows.length && rows.every((r) => !r.hasNote)) shapes.missing(ENDPOINT.listAdjustments, 'note')
  return rows
}

// ---- profile panels ----------------------------------------------------------------------------------

export function readTraits(shapes: ShapeRecorder, endpoint: Endpoint, data: unknown): CustomAttribute[] {
  // a {key: value} map is read as its entries
  const list = Array.isArray(data) ? data : isObj(data) && Array.isArray(data.traits) ? data.traits : isObj(data) ? Object.entries(data).map(([key, value]) => ({ key, value })) : []
  return readItems(
    shapes,
    endpoint,
    list,
    (raw) => {
      if (!isObj(raw)) return skip('an attribute is not an object')
      const key = ident(pick(raw, ['key', 'name']))
      if (!key) return skip('an attribute has no key')
      const v = raw.value
      const value = typeof v === 'boolean' ? String(v) : (text(v) ?? (v === null || v === undefined ? '' : JSON.stringify(v)))
      return { ...raw, key, value }
    },
    ['key', 'name', 'value', 'parent', 'ts'],
  )
}

export function readOrders(shapes: ShapeRecorder, data: unknown): LineItem[] {
  const { items, top } = arrayIn(data, ['orders', 'items', 'lineItems', 'results'])
  noList(shapes, ENDPOINT.getOrders, data, items, 'lineItems')
  const known = ['name', 'productName', 'product', 'brand', 'quantity', 'qty', 'totalPrice', 'price', 'total', 'timestamp', 'ts', 'date', 'storeName', 'store', 'sku', 'category', 'orderID', 'orderId']
  return readItems(
    shapes,
    ENDPOINT.getOrders,
    items ?? [],
    (raw): LineItem | { skip: string } => {
      if (!isObj(raw)) return skip('a purchase line is not an object')
      const timestamp = epochSec(pick(raw, ['timestamp', 'ts', 'date']))
      if (timestamp === null) return skip('a purchase line has no timestamp')
      return {
        ...raw,
        name: text(pick(raw, ['name', 'productName', 'product'])) ?? 'Item',
        brand: text(raw.brand),
        quantity: num(pick(raw, ['quantity', 'qty'])) ?? 1,
        totalPrice: num(pick(raw, ['totalPrice', 'price', 'total'])) ?? 0,
        timestamp,
        storeName: text(pick(raw, ['storeName', 'store'])),
        sku: text(raw.sku),
        category: text(raw.category),
      }
    },
    known,
    top,
    ['orders', 'items', 'lineItems', 'results'],
  )
}

export function readTimeline(shapes: ShapeRecorder, data: unknown): TimelineEvent[] {
  const { items, top } = arrayIn(data, ['events', 'timeline', 'results'])
  if (!(isObj(data) && has(data, ['events']))) noList(shapes, ENDPOINT.getTimeline, data, items, 'events')
  const known = ['ts', 'timestamp', 'date', 'type', 'kind', 'event', 'value', 'points', 'delta', 'note', 'description', 'balance', 'orderID', 'orderId']
  return readItems(
    shapes,
    ENDPOINT.getTimeline,
    items ?? [],
    (raw): TimelineEvent | { skip: string } => {
      if (!isObj(raw)) return skip('a points event is not an object')
      const ts = epochSec(pick(raw, ['ts', 'timestamp', 'date']))
      if (ts === null) return skip('a points event has no time')
      const value = num(pick(raw, ['value', 'points', 'delta']))
      if (value === null) return skip('a points event has no value')
      return {
        ...raw,
        ts,
        type: text(pick(raw, ['type', 'kind', 'event'])) ?? 'points',
        value,
        note: text(pick(raw, ['note', 'description'])),
        balance: num(raw.balance),
      }
    },
    known,
    top,
    ['events', 'timeline', 'results', 'contactID', 'loyaltyPoints'],
  )
}

export function readRecommendations(shapes: ShapeRecorder, data: unknown): Recommendation[] {
  const { items, top } = arrayIn(data, ['products', 'recommendations', 'results'])
  noList(shapes, ENDPOINT.getRecommendations, data, items, 'products')
  return readItems(
    shapes,
    ENDPOINT.getRecommendations,
    items ?? [],
    (raw): Recommendation | { skip: string } => {
      if (typeof raw === 'string' && raw.trim()) return { name: raw.trim(), brand: null, category: null, sku: null, score: null }
      if (!isObj(raw)) return skip('a suggested product is not an object')
      const name = text(pick(raw, ['name', 'productName', 'title']))
      if (!name) return skip('a suggested product has no name')
      return { ...raw, name, brand: text(raw.brand), category: text(raw.category), sku: text(raw.sku), score: num(raw.score) }
    },
    ['name', 'productName', 'title', 'brand', 'category', 'sku', 'score'],
    top,
    ['products', 'recommendations', 'results'],
  )
}

// ---- wallet, stores --------------------------------------------------------------------------------------

const REWARD_KNOWN = ['id', 'discountID', 'posDiscountID', 'name', 'title', 'pageTitle', 'avatar', 'inStoreRedemption', 'redemptionURL', 'pointsDeduction', 'available', 'expiration']

export function readWallet(shapes: ShapeRecorder, data: unknown): Wallet | null {
  if (!isObj(data)) return null
  const templates = Array.isArray(data.discountTemplates) ? data.discountTemplates : []
  const discountTemplates = readItems(
    shapes,
    ENDPOINT.getWallet,
    templates,
    (raw): DiscountTemplate | { skip: string } => {
      if (!isObj(raw)) return skip('a reward is not an object')
      const id = ident(pick(raw, ['id', 'discountID']))
      if (!id) return skip('a reward has no id')
      const expiration = epochSec(raw.expiration)
      return {
        ...raw,
        id,
        name: text(pick(raw, ['name', 'title'])) ?? 'Reward',
        posDiscountID: text(raw.posDiscountID),
        pageTitle: text(raw.pageTitle),
        avatar: text(raw.avatar),
        redemptionURL: text(raw.redemptionURL),
        ...(bool(raw.inStoreRedemption) === null ? {} : { inStoreRedemption: bool(raw.inStoreRedemption)! }),
        ...(num(raw.pointsDeduction) === null ? {} : { pointsDeduction: num(raw.pointsDeduction)! }),
        ...(bool(raw.available) === null ? {} : { available: bool(raw.available)! }),
        expiration,
      }
    },
    REWARD_KNOWN,
    Object.keys(data),
    ['contactID', 'loyaltyPoints', 'hidePointsInWallet', 'discountTemplates', 'audiences', ...CONTACT],
  )
  if (!has(data, ['loyaltyPoints'])) shapes.missing(ENDPOINT.getWallet, 'loyaltyPoints')
  const contactID = ident(pick(data, CONTACT))
  const points = num(data.loyaltyPoints)
  const hide = bool(data.hidePointsInWallet)
  return {
    ...(contactID ? { contactID } : {}),
    ...(points === null ? {} : { loyaltyPoints: points }),
    ...(hide === null ? {} : { hidePointsInWallet: hide }),
    discountTemplates,
  }
}

export function readStores(shapes: ShapeRecorder, data: unknown): StoreInfo[] {
  const { items, top } = arrayIn(data, ['stores', 'results', 'locations'])
  if (!(isObj(data) && has(data, ['stores']))) noList(shapes, ENDPOINT.listStores, data, items, 'stores')
  return readItems(
    shapes,
    ENDPOINT.listStores,
    items ?? [],
    (raw): StoreInfo | { skip: string } => {
      if (!isObj(raw)) return skip('a store is not an object')
      const id = int(pick(raw, ['id', 'storeID', 'storeId']))
      if (id === null) return skip('a store has no numeric id')
      return { ...raw, id, name: text(pick(raw, ['name', 'nickname'])) ?? `Store ${id}`, nickname: text(raw.nickname) }
    },
    ['id', 'storeID', 'storeId', 'name', 'nickname', 'avatar', 'addr', 'phone', 'onlineShopURL'],
    top,
    ['stores', 'results', 'locations'],
  )
}

export function readOverrides(shapes: ShapeRecorder, endpoint: Endpoint, data: unknown): Record<string, unknown> {
  if (!isObj(data)) return {}
  shapes.answer(endpoint, { top: Object.keys(data), known: Object.keys(data) })
  return { ...data }
}

// ---- redemption -------------------------------------------------------------------------------------------

/** The PUT's answer: AIQ's new balance when it says it (electron/aiq/README.md §redemption assumes `{loyaltyPoints}`). */
export function readRedeemResult(shapes: ShapeRecorder, data: unknown): { loyaltyPoints?: number } {
  if (!isObj(data)) return {}
  const names = ['loyaltyPoints', 'points', 'balance', 'newBalance']
  seeObject(shapes, ENDPOINT.redeem, data, [...names, ...CONTACT, 'id', 'redemptionID', 'success'])
  const raw = pick(data, names)
  const points = num(raw)
  if (raw !== undefined && points === null) shapes.problem(ENDPOINT.redeem, 'the new balance (loyaltyPoints) is not a number')
  return points === null ? {} : { loyaltyPoints: points }
}

const RD_DISCOUNT = ['discountID', 'discountId', 'templateID', 'templateId', 'discountTemplateID', 'rewardID', 'rewardId'] as const
const RD_TXN = ['transactionID', 'transactionId', 'posTransactionID', 'posTransactionId', 'orderID', 'orderId', 'ticketID'] as const
const RD_POINTS = ['pointsDeduction', 'points', 'value', 'pointsRedeemed'] as const
const RD_TIME = ['ts', 'timestamp', 'redeemedAt', 'created', 'createdAt', 'date', 'time'] as const
const RD_NAME = ['name', 'discountName', 'title'] as const
const REDEMPTION_KNOWN = [...CONTACT, ...RD_DISCOUNT, ...RD_TXN, ...RD_POINTS, ...RD_TIME, ...RD_NAME, 'id', 'posDiscountID', 'mobilePhone', 'email', 'firstName', 'lastName']

export function readRedemption(raw: unknown): AiqRedemption | { skip: string } {
  if (!isObj(raw)) return skip('a redemption row is not an object')
  const contactID = ident(pick(raw, CONTACT))
  if (!contactID) return skip('a redemption row has no cntID/contactID')
  const points = num(pick(raw, RD_POINTS))
  return {
    contactID,
    discountID: ident(pick(raw, RD_DISCOUNT)),
    transactionID: ident(pick(raw, RD_TXN)),
    name: text(pick(raw, RD_NAME)),
    // some systems write a deduction as a negative value
    points: points === null ? null : Math.abs(points),
    ts: epochSec(pick(raw, RD_TIME)),
  }
}

export function readRedemptions(shapes: ShapeRecorder, data: unknown): AiqRedemptionList {
  const { items, top } = arrayIn(data, ['redemptions', 'results', 'rows'])
  noList(shapes, ENDPOINT.listRedemptions, data, items, 'redemptions')
  const rows = readItems(shapes, ENDPOINT.listRedemptions, items ?? [], readRedemption, REDEMPTION_KNOWN, top, ['redemptions', 'results', 'rows'])
  if (rows.length && rows.every((r) => r.transactionID === null)) shapes.missing(ENDPOINT.listRedemptions, 'transactionID')
  // "not in the list" proves nothing where the list could not be read in full (a redemption must never go twice)
  const unknownShape = items === null && isObj(data) && Object.keys(data).length > 0
  Object.defineProperty(rows, 'complete', { value: !unknownShape && rows.length === (items ?? []).length, enumerable: false })
  return rows
}

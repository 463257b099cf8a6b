// The fixed personas tests rely on, and the seeded generator for everyone else.
import type { Persona } from '../aiq/types'
import { PersonaRecord } from './meta'
import { FIRST_NAMES, LAST_NAMES, STORES } from './catalog'
import { hash32, rng, type Rng } from './prng'

export type SmsState = 'in' | 'out' | 'pending' | 'none'

/** A documented persona that is always seeded, whatever the seed or persona count. */
export type FixedPersona = {
  readonly contactID: string
  readonly srcID: string
  readonly firstName: string
  readonly lastName: string
  /** 10 digits, or null when the persona has only an email */
  readonly phone: string | null
  readonly email: string
  readonly loyalty: boolean
  readonly loyaltyPoints: number
  readonly sms: SmsState
  readonly emailOptIn: boolean
  readonly blocklisted: boolean
  readonly favoriteStoreID: number
}

const fixedIds = (key: string): { contactID: string; srcID: string } => {
  const r = rng(hash32(`fixed:${key}`))
  return { contactID: r.hex(32), srcID: uuid(r) }
}

const fixed = <const T extends Omit<FixedPersona, 'contactID' | 'srcID'>>(key: string, p: T): T & { readonly contactID: string; readonly srcID: string } =>
  ({ ...fixedIds(key), ...p })

export const PERSONAS = {
  /** Loyalty member, SMS and email opted in, 1250 points, a rich order history. */
  member: fixed('member', {
    firstName: 'Maya', lastName: 'Lopez', phone: '3035550100', email: 'maya.lopez@example.com', loyalty: true,
    loyaltyPoints: 1250, sms: 'in', emailOptIn: true, blocklisted: false, favoriteStoreID: 101,
  }),
  /** Loyalty member who texted STOP: the API must never opt this number back in. */
  optedOut: fixed('optedOut', {
    firstName: 'Devon', lastName: 'Carter', phone: '3035550101', email: 'devon.carter@example.com', loyalty: true,
    loyaltyPoints: 320, sms: 'out', emailOptIn: false, blocklisted: false, favoriteStoreID: 102,
  }),
  /** Loyalty member with a double opt-in request sent and not yet answered (hasRequested, optreqTime). */
  pending: fixed('pending', {
    firstName: 'Priya', lastName: 'Shah', phone: '3035550102', email: 'priya.shah@example.com', loyalty: true,
    loyaltyPoints: 80, sms: 'pending', emailOptIn: false, blocklisted: false, favoriteStoreID: 101,
  }),
  /** Known contact (bought before) who never joined loyalty: 0 points, no SMS consent. */
  nonMember: fixed('nonMember', {
    firstName: 'Sam', lastName: 'Reed', phone: '3035550103', email: 'sam.reed@example.com', loyalty: false,
    loyaltyPoints: 0, sms: 'none', emailOptIn: false, blocklisted: false, favoriteStoreID: 103,
  }),
  /** Blocklisted member: hidden from the list endpoint, still reachable by id, phone lookup and wallet. */
  blocklisted: fixed('blocklisted', {
    firstName: 'Jordan', lastName: 'Blake', phone: '3035550104', email: 'jordan.blake@example.com', loyalty: true,
    loyaltyPoints: 40, sms: 'none', emailOptIn: false, blocklisted: true, favoriteStoreID: 104,
  }),
  /** Member with an email and no phone (for signup-by-email upserts). */
  emailOnly: fixed('emailOnly', {
    firstName: 'Riley', lastName: 'Chen', phone: null, email: 'riley.chen@example.com', loyalty: true,
    loyaltyPoints: 150, sms: 'none', emailOptIn: true, blocklisted: false, favoriteStoreID: 102,
  }),
  /** Member who never answered about SMS either way: opt-in can be force-set or requested. */
  noConsent: fixed('noConsent', {
    firstName: 'Taylor', lastName: 'Kim', phone: '7205550100', email: 'taylor.kim@example.com', loyalty: true,
    loyaltyPoints: 0, sms: 'none', emailOptIn: false, blocklisted: false, favoriteStoreID: 102,
  }),
} as const satisfies Record<string, FixedPersona>

/** A phone number that is never seeded in any sandbox. */
export const UNKNOWN_PHONE = '3035550199'
/** An email that is never seeded in any sandbox. */
export const UNKNOWN_EMAIL = 'nobody.here@example.com'

export function uuid(r: Rng, tail8?: string): string {
  const h = tail8 ? r.hex(24) + tail8 : r.hex(32)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

const FICTIONAL_AREAS = ['303', '720', '970', '719'] as const
// Bulk personas beyond the fictional 555-01xx block (only 100 lines per area code) use other 555 lines.
const BULK_AREAS = (
  '201 202 203 205 206 207 208 209 210 212 213 214 215 216 217 218 219 224 225 228 229 231 234 239 240 248 251 252 ' +
  '253 254 256 260 262 267 269 270 276 281 301 302 304 305 307 308 309 310 312 313 314 315 316 317 318 319 320 321'
).split(' ')

/** Phones for generated personas, in order: 555-0100..0199 over four Colorado area codes, then bulk ranges. */
export function* phoneSequence(reserved: ReadonlySet<string>): Generator<string> {
  for (let line = 100; line <= 199; line++) {
    for (const area of FICTIONAL_AREAS) {
      const phone = `${area}5550${line}`
      if (!reserved.has(phone)) yield phone
    }
  }
  for (let exchange = 555; exchange <= 999; exchange++) {
    for (let line = 0; line <= 9999; line++) {
      if (exchange === 555 && line >= 100 && line <= 199) continue
      const tail = String(line).padStart(4, '0')
      for (const area of BULK_AREAS) yield `${area}${exchange}${tail}`
    }
  }
}

const PLATFORMS = ['cova', 'treez', 'dutchie', 'flowhub', 'loyalty'] as const
const DOMAINS = ['example.com', 'example.net', 'example.org'] as const
const DAY = 86_400

export type Seeded = { persona: Persona; blocklisted: boolean; seedPoints: number; usedPoints: number }

/** One generated persona. `index` makes emails unique; `blocklisted` is decided by the caller. */
export type Masks = { contact: number; src: number }

/** 8 hex chars that hide `index`; decodeIndex reverses it. */
export function encodeIndex(index: number, mask: number): string {
  return ((index ^ mask) >>> 0).toString(16).padStart(8, '0')
}
export function decodeIndex(hex8: string, mask: number): number {
  return /^[0-9a-f]{8}$/.test(hex8) ? (parseInt(hex8, 16) ^ mask) >>> 0 : -1
}

export function generatePersona(r: Rng, masks: Masks, index: number, phone: string, anchorSec: number, blocklisted: boolean): Seeded {
  const firstName = r.pick(FIRST_NAMES)
  const lastName = r.pick(LAST_NAMES)
  const contactID = r.hex(24) + encodeIndex(index, masks.contact)
  const srcID = uuid(r, encodeIndex(index, masks.src))
  const loyalty = !r.chance(0.15)
  const inserted = anchorSec - r.int(20, 3 * 365) * DAY - r.int(0, DAY - 1)
  const signup = loyalty ? Math.min(anchorSec - DAY, inserted + r.int(0, 60) * DAY) : null
  const roll = r.next()
  const sms: SmsState = roll < 0.08 ? 'out' : roll < 0.14 ? 'pending' : roll < 0.7 ? 'in' : 'none'
  const emailOptIn = r.chance(0.35)
  const hasEmail = r.chance(0.92)
  const u = r.next()
  const seedPoints = loyalty ? Math.floor(u * u * 2500) : 0
  const usedPoints = loyalty ? r.int(0, 6) * 100 : 0
  const email = hasEmail
    ? `${firstName}${r.pick(['.', '_', ''])}${lastName}${index}@${r.pick(DOMAINS)}`.toLowerCase()
    : null
  const persona = buildPersona({
    contactID, srcID, firstName, lastName, phone, email, loyalty, points: seedPoints, sms, emailOptIn,
    platform: r.pick(PLATFORMS), favoriteStoreID: r.pick(STORES).id, inserted, signup,
    smsTs: inserted + r.int(0, 10) * DAY,
  })
  return { persona, blocklisted, seedPoints, usedPoints }
}

export function fixedPersona(f: FixedPersona, anchorSec: number): Seeded {
  const inserted = anchorSec - 400 * DAY
  const persona = buildPersona({
    contactID: f.contactID, srcID: f.srcID, firstName: f.firstName, lastName: f.lastName, phone: f.phone, email: f.email,
    loyalty: f.loyalty, points: f.loyaltyPoints, sms: f.sms, emailOptIn: f.emailOptIn, platform: 'cova',
    favoriteStoreID: f.favoriteStoreID, inserted, signup: f.loyalty ? inserted + 30 * DAY : null, smsTs: inserted + 31 * DAY,
  })
  return { persona, blocklisted: f.blocklisted, seedPoints: f.loyaltyPoints, usedPoints: f.loyalty ? 200 : 0 }
}

type Build = {
  contactID: string; srcID: string | null; firstName: string | null; lastName: string | null; phone: string | null
  email: string | null; loyalty: boolean; points: number; sms: SmsState; emailOptIn: boolean; platform: string
  favoriteStoreID: number | null; inserted: number; signup: number | null; smsTs: number
}

export function buildPersona(b: Build): Persona {
  return Object.assign(new PersonaRecord(), {
    contactID: b.contactID,
    srcID: b.srcID,
    firstName: b.firstName,
    lastName: b.lastName,
    mobilePhone: b.phone,
    homePhone: null,
    email: b.email,
    platform: b.platform,
    favoriteStoreID: b.favoriteStoreID,
    inserted: b.inserted,
    optinTime: b.sms === 'in' ? b.smsTs : null,
    optoutTime: b.sms === 'out' ? b.smsTs : null,
    optreqTime: b.sms === 'pending' ? b.smsTs : null,
    hasRequested: b.sms === 'pending',
    emailOptInTime: b.emailOptIn && b.email ? b.smsTs : null,
    loyalty: b.loyalty,
    loyaltyPoints: b.points,
    loyaltySignupTS: b.signup,
  }) as unknown as Persona
}

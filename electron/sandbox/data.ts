// The sandbox's state for one AIQ account: personas with indexes, sorted views for fast paging, and per-contact
// extras (timeline events, traits, overrides). Tests read and change it through this class.
import type { CustomAttribute, LineItem, Persona, PersonaPage, Recommendation } from '../aiq/types'
import { STORES, type Store } from './catalog'
import { generateHistory, type History, type TimelineEvent } from './history'
import { decodeIndex, fixedPersona, generatePersona, PERSONAS, phoneSequence, UNKNOWN_PHONE, type Masks, type Seeded } from './personas'
import { hash32, rng } from './prng'
import { RedemptionBook } from './redemptions'
import { matcher } from './search'

import { META, PERSONA_PROTO, type SandboxPersona } from './meta'

export { META, type SandboxPersona } from './meta'

/** Persona fields to set; `blocklisted` puts the person on (or takes them off) the blocklist. */
export type PersonaPatch = Partial<Persona>
export type SortKey = 'name' | 'email' | 'mobilePhone' | 'homePhone' | 'source' | 'id' | 'inserted' | 'signup' | 'points' | 'usedpoints'
export const SORT_KEYS: readonly SortKey[] = ['name', 'email', 'mobilePhone', 'homePhone', 'source', 'id', 'inserted', 'signup', 'points', 'usedpoints']

type Comparable = string | number
const sortValue: Record<SortKey, (p: SandboxPersona) => Comparable> = {
  name: (p) => `${(p.lastName ?? '').toLowerCase()}\u0000${(p.firstName ?? '').toLowerCase()}`,
  email: (p) => (p.email ?? '').toLowerCase(),
  mobilePhone: (p) => p.mobilePhone ?? '',
  homePhone: (p) => p.homePhone ?? '',
  source: (p) => p.platform ?? '',
  id: (p) => p.contactID,
  inserted: (p) => p.inserted ?? 0,
  signup: (p) => p.loyaltySignupTS ?? 0,
  points: (p) => p.loyaltyPoints ?? 0,
  usedpoints: (p) => p[META].usedPoints,
}

/** 10 digits from "(303) 555-0100", "+1 303 555 0100", "13035550100"; null otherwise. */
export function phone10(input: string): string | null {
  const digits = input.replace(/\D/g, '')
  if (digits.length === 11 && digits.startsWith('1')) return digits.slice(1)
  return digits.length === 10 ? digits : null
}

export type SmsAction = 'in' | 'out' | 'request'
/** What applySms did: 'requested' = a double opt-in text went out (pending); 'in'/'out' = set; 'ignored' = the
 * number opted out before (or, for a request, is already opted in); 'remembered' = no contact yet. */
export type SmsOutcome = 'requested' | 'in' | 'out' | 'ignored' | 'remembered'

/** One opt-in request AIQ received: a signup with `smsoptin: true`, or PUT /api/v2/optin/text/{phone}/true?doubleOpt=true. */
export type SmsRequest = {
  /** 10 digits */
  phone: string
  /** epoch seconds */
  at: number
  via: 'signup' | 'optin'
  /** 'requested' = the opt-in text went out; 'in' = opted in at once (settings.doubleOptIn off, signups only);
   * 'ignored' = opted out before, or already opted in; 'remembered' = no contact yet, applied when it signs up */
  outcome: Exclude<SmsOutcome, 'out'>
}

export class SandboxData {
  readonly stores: readonly Store[] = STORES
  /** Account opt-in mode: true = signups with smsoptin get a double opt-in request (pending), false = opted in. */
  readonly settings = { doubleOptIn: true }
  private readonly people: SandboxPersona[] = []
  // Generated personas' contactID, srcID and email encode their position in `people`, so only the phone needs a
  // full index (Map inserts dominate start-up at 500k); these maps hold only the others.
  private readonly byPhoneMap = new Map<string, SandboxPersona>()
  private readonly idOverlay = new Map<string, SandboxPersona>()
  private readonly emailOverlay = new Map<string, SandboxPersona>()
  private readonly srcOverlay = new Map<string, SandboxPersona>()
  private readonly masks: Masks
  private readonly sorted = new Map<SortKey, SandboxPersona[]>()
  private readonly frozen = new Map<string, History>()
  private readonly runtimeEvents = new Map<string, TimelineEvent[]>()
  private readonly traitMap = new Map<string, CustomAttribute[]>()
  private readonly overrideMap = new Map<string, Record<string, unknown>>()
  /** Every opt-in request, in order (`smsRequests.length = 0` to reset); see optInRequests(phone). */
  readonly smsRequests: SmsRequest[] = []
  /** SMS decisions for numbers AIQ has no contact for yet; applied when that number signs up. */
  private readonly incomingSms = new Map<string, SmsAction>()
  /** reward links (one-time tokens) and every redemption, see redemptions.ts */
  readonly redemptions: RedemptionBook
  private idRng

  constructor(
    readonly uid: string,
    private readonly seed: number,
    personas: number,
    /** epoch seconds that seeded history leads up to */
    readonly anchorSec: number,
  ) {
    this.idRng = rng(hash32(`ids:${uid}`, seed))
    this.redemptions = new RedemptionBook(uid)
    this.masks = { contact: hash32('contact', seed), src: hash32('src', seed) }
    if (personas <= 0) return
    const fixed = Object.values(PERSONAS)
    for (const f of fixed) this.insert(fixedPersona(f, anchorSec), true)
    const reserved = new Set<string>([UNKNOWN_PHONE, ...STORES.map((s) => s.phone)])
    for (const f of fixed) if (f.phone) reserved.add(f.phone)
    const phones = phoneSequence(reserved)
    const r = rng(hash32(`personas:${uid}`, seed))
    for (let i = fixed.length; i < personas; i++) {
      const phone = phones.next().value as string
      this.insert(generatePersona(r, this.masks, i, phone, anchorSec, i % 40 === 17), true)
    }
  }

  // ---- finding people ----

  get size(): number {
    return this.people.length
  }
  /** Everyone, blocklisted included, in insertion order. Change people through update(), not by assignment. */
  all(): readonly SandboxPersona[] {
    return this.people
  }
  /** Same as all(). */
  list(): readonly SandboxPersona[] {
    return this.people
  }
  byContactID(contactID: string): SandboxPersona | undefined {
    const key = contactID.toLowerCase()
    return this.idOverlay.get(key) ?? this.derivedId(key)
  }
  byPhone(phone: string): SandboxPersona | undefined {
    const p = phone10(phone)
    return p ? this.byPhoneMap.get(p) : undefined
  }
  byEmail(email: string): SandboxPersona | undefined {
    const key = email.trim().toLowerCase()
    return this.emailOverlay.get(key) ?? this.derivedEmail(key)
  }
  bySrcID(srcID: string): SandboxPersona | undefined {
    const key = srcID.toLowerCase()
    return this.srcOverlay.get(key) ?? this.derivedSrc(key)
  }
  /** A phone or an email. */
  find(pii: string): SandboxPersona | undefined {
    return pii.includes('@') ? this.byEmail(pii) : this.byPhone(pii)
  }
  isBlocklisted(contactID: string): boolean {
    return this.byContactID(contactID)?.[META].blocklisted ?? false
  }

  // ---- changing people ----

  /** Add a persona (tests: set up a scenario). Missing ids are generated. */
  add(fields: PersonaPatch): SandboxPersona {
    const { blocklisted, ...rest } = fields
    const now = this.anchorSec
    const persona: Persona = {
      srcID: null, firstName: null, lastName: null, mobilePhone: null, homePhone: null, email: null, platform: 'loyalty',
      favoriteStoreID: null, inserted: now, optinTime: null, optoutTime: null, optreqTime: null, hasRequested: false,
      emailOptInTime: null, loyalty: false, loyaltyPoints: 0, loyaltySignupTS: null,
      ...rest,
      contactID: (rest.contactID ?? this.idRng.hex(32)).toLowerCase(),
    }
    if (persona.mobilePhone) persona.mobilePhone = phone10(persona.mobilePhone) ?? persona.mobilePhone
    if (this.byContactID(persona.contactID)) throw new Error(`contactID ${persona.contactID} already exists`)
    return this.insert({ persona, blocklisted: blocklisted === true, seedPoints: persona.loyaltyPoints ?? 0, usedPoints: 0 }, false)
  }

  /** Change fields of a persona, keeping indexes and sorted views right. */
  update(contactID: string, patch: PersonaPatch): SandboxPersona {
    const p = this.mustGet(contactID)
    this.freezeHistory(p)
    const { blocklisted, ...fields } = patch
    this.unindex(p)
    this.unsort(p)
    Object.assign(p, fields, { contactID: p.contactID })
    if (typeof p.mobilePhone === 'string') p.mobilePhone = phone10(p.mobilePhone) ?? p.mobilePhone
    if (typeof blocklisted === 'boolean') p[META].blocklisted = blocklisted
    this.index(p)
    this.resort(p)
    return p
  }

  setBlocklisted(contactID: string, blocklisted: boolean): SandboxPersona {
    return this.update(contactID, { blocklisted })
  }

  /** Apply a points adjustment: new balance, and an 'adjust' event on the timeline. */
  adjustPoints(contactID: string, value: number, note: string, ts: number): number {
    return this.addPointsEvent(contactID, { ts, type: 'adjust', value, note })
  }

  /** Record a points event of any type (earn, redeem, adjust...) and return the new balance. */
  addPointsEvent(contactID: string, e: Omit<TimelineEvent, 'balance'>): number {
    const p = this.mustGet(contactID)
    const balance = (p.loyaltyPoints ?? 0) + e.value
    const pointsView = this.sorted.get('points')
    if (pointsView) removeFrom(pointsView, p)
    p.loyaltyPoints = balance
    if (pointsView && !p[META].blocklisted) insertSorted(pointsView, p, 'points')
    const list = this.runtimeEvents.get(p.contactID) ?? []
    list.push({ ...e, balance })
    this.runtimeEvents.set(p.contactID, list)
    return balance
  }

  /** SMS consent: 'out' always applies; 'in' and 'request' never touch a number that opted out. */
  applySms(phoneInput: string, action: SmsAction, ts: number): SmsOutcome {
    const phone = phone10(phoneInput) ?? phoneInput
    const p = this.byPhone(phone)
    if (!p) {
      const known = this.incomingSms.get(phone)
      if (known === 'out' && action !== 'out') return 'ignored'
      this.incomingSms.set(phone, action)
      return action === 'out' ? 'out' : 'remembered'
    }
    if (action === 'out') {
      this.update(p.contactID, { optoutTime: ts, optinTime: null, hasRequested: false, optreqTime: null })
      return 'out'
    }
    if (p.optoutTime != null) return 'ignored'
    if (action === 'in') {
      this.update(p.contactID, { optinTime: ts, hasRequested: false, optreqTime: null })
      return 'in'
    }
    if (p.optinTime != null) return 'ignored'
    this.update(p.contactID, { hasRequested: true, optreqTime: ts })
    return 'requested'
  }

  /**
   * An opt-in request (signup with smsoptin:true, or the opt-in PUT with doubleOpt=true), recorded in smsRequests.
   * A signup follows the account's mode (settings.doubleOptIn); the PUT always asks for a double opt-in.
   */
  requestOptIn(phoneInput: string, via: SmsRequest['via'], ts: number): SmsRequest {
    const phone = phone10(phoneInput) ?? phoneInput
    const action: SmsAction = via === 'signup' && !this.settings.doubleOptIn ? 'in' : 'request'
    const outcome = this.applySms(phone, action, ts) as SmsRequest['outcome']
    const request: SmsRequest = { phone, at: ts, via, outcome }
    this.smsRequests.push(request)
    return request
  }

  /** How many opt-in requests AIQ received for this phone (any format), whatever came of them. */
  optInRequests(phone: string): number {
    const p = phone10(phone) ?? phone
    return this.smsRequests.reduce((n, r) => (r.phone === p ? n + 1 : n), 0)
  }

  /** Tests: the customer replied YES to the double opt-in text. */
  confirmOptIn(phone: string, ts = this.anchorSec): void {
    const p = this.byPhone(phone)
    if (p?.hasRequested) this.update(p.contactID, { optinTime: ts, hasRequested: false, optreqTime: null })
  }

  /** What the opt-in endpoint said about a number that had no contact yet. */
  incomingSmsFor(phone: string): SmsAction | undefined {
    return this.incomingSms.get(phone)
  }

  // ---- per-contact extras ----

  orders(contactID: string): LineItem[] {
    return this.history(this.mustGet(contactID)).orders
  }
  /** Seeded and runtime points events, oldest first, each with the balance after it. */
  timeline(contactID: string): TimelineEvent[] {
    const p = this.mustGet(contactID)
    return [...this.history(p).events, ...(this.runtimeEvents.get(p.contactID) ?? [])]
  }
  recommendations(contactID: string): Recommendation[] {
    return this.history(this.mustGet(contactID)).recommendations
  }
  traits(contactID: string): CustomAttribute[] {
    const p = this.mustGet(contactID)
    return this.traitMap.get(p.contactID) ?? this.history(p).traits.map((t) => ({ ...t }))
  }
  setTraits(contactID: string, traits: CustomAttribute[]): CustomAttribute[] {
    const p = this.mustGet(contactID)
    this.traitMap.set(p.contactID, traits.map((t) => ({ ...t })))
    return this.traits(p.contactID)
  }
  mergeTraits(contactID: string, traits: CustomAttribute[]): CustomAttribute[] {
    const merged = this.traits(contactID)
    for (const t of traits) {
      const at = merged.findIndex((m) => m.key === t.key)
      if (at >= 0) merged[at] = { ...t }
      else merged.push({ ...t })
    }
    return this.setTraits(contactID, merged)
  }
  overrides(contactID: string): Record<string, unknown> {
    return { ...(this.overrideMap.get(this.mustGet(contactID).contactID) ?? {}) }
  }
  /** Merge into the stored overrides; persona fields named there change now and signups can't change them later. */
  mergeOverrides(contactID: string, fields: Record<string, unknown>): Record<string, unknown> {
    const p = this.mustGet(contactID)
    const merged = { ...(this.overrideMap.get(p.contactID) ?? {}), ...fields }
    this.overrideMap.set(p.contactID, merged)
    const patch: Record<string, unknown> = {}
    for (const key of OVERRIDABLE) if (key in fields) patch[key] = fields[key]
    if (Object.keys(patch).length) this.update(p.contactID, patch as PersonaPatch)
    return { ...merged }
  }
  /** Total spend of a persona's orders, in dollars. */
  spent(contactID: string): number {
    return Math.round(this.orders(contactID).reduce((sum, o) => sum + o.totalPrice, 0) * 100) / 100
  }

  // ---- the list endpoint ----

  page(q: { start?: number; limit?: number; sort?: string; dir?: string; search?: string }): PersonaPage {
    const start = Math.max(0, Math.floor(q.start ?? 0))
    const limit = Math.min(2000, Math.max(1, Math.floor(q.limit ?? 100)))
    const sort: SortKey = SORT_KEYS.includes(q.sort as SortKey) ? (q.sort as SortKey) : 'name'
    const desc = q.dir?.toLowerCase() === 'desc'
    const view = this.view(sort)
    const search = (q.search ?? '').trim()
    const matches = search ? this.search(search, view) : view
    const total = matches.length
    const results = desc
      ? matches.slice(Math.max(0, total - start - limit), Math.max(0, total - start)).reverse()
      : matches.slice(start, start + limit)
    return { results: results.length ? results : null, start, limit, size: results.length, total }
  }

  private search(search: string, view: SandboxPersona[]): SandboxPersona[] {
    const m = matcher(search, (p) => (p as SandboxPersona)[META].usedPoints)
    if (m.exact) {
      const hits = new Set<SandboxPersona>()
      for (const key of m.exact) {
        for (const p of [this.byPhoneMap.get(key), this.byEmail(key), this.byContactID(key), this.bySrcID(key)]) {
          if (p && !p[META].blocklisted && m.test(p)) hits.add(p)
        }
      }
      return [...hits]
    }
    return view.filter((p) => m.test(p))
  }

  /** Non-blocklisted personas sorted ascending by `sort`, built once and kept sorted on every change. */
  private view(sort: SortKey): SandboxPersona[] {
    let v = this.sorted.get(sort)
    if (!v) {
      const key = sortValue[sort]
      const keyed = this.people.filter((p) => !p[META].blocklisted).map((p, i) => ({ p, k: key(p), i }))
      keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
      v = keyed.map((x) => x.p)
      this.sorted.set(sort, v)
    }
    return v
  }

  // ---- internals ----

  private insert(s: Seeded, seeded: boolean): SandboxPersona {
    const p = s.persona as SandboxPersona
    if (Object.getPrototypeOf(p) !== PERSONA_PROTO) Object.setPrototypeOf(p, PERSONA_PROTO)
    p[META] = { blocklisted: s.blocklisted, seedPoints: s.seedPoints, usedPoints: s.usedPoints, seeded }
    this.people.push(p)
    this.index(p)
    if (!s.blocklisted) for (const [sort, view] of this.sorted) insertSorted(view, p, sort)
    if (!seeded) {
      const points = p.loyaltyPoints ?? 0
      const opening = { ts: p.inserted ?? this.anchorSec, type: 'bonus', value: points, note: 'Opening balance', balance: points }
      this.frozen.set(p.contactID, { orders: [], events: points ? [opening] : [], traits: [], recommendations: [] })
    }
    const pending = p.mobilePhone ? this.incomingSms.get(p.mobilePhone) : undefined
    if (pending && p.mobilePhone) {
      this.incomingSms.delete(p.mobilePhone)
      this.applySms(p.mobilePhone, pending, this.anchorSec)
    }
    return p
  }

  private mustGet(contactID: string): SandboxPersona {
    const p = this.byContactID(contactID)
    if (!p) throw new NotFound(`No persona with contactID ${contactID}`)
    return p
  }

  private history(p: SandboxPersona): History {
    return this.frozen.get(p.contactID) ?? generateHistory(p, p[META].seedPoints, this.seed, this.anchorSec)
  }

  /** Seeded history is generated from the persona's seeded fields; keep it before those fields change. */
  private freezeHistory(p: SandboxPersona): void {
    if (!this.frozen.has(p.contactID)) this.frozen.set(p.contactID, this.history(p))
  }

  private derivedId(key: string): SandboxPersona | undefined {
    const p = key.length === 32 ? this.people[decodeIndex(key.slice(24), this.masks.contact)] : undefined
    return p?.contactID === key ? p : undefined
  }
  private derivedSrc(key: string): SandboxPersona | undefined {
    const p = key.length === 36 ? this.people[decodeIndex(key.slice(28), this.masks.src)] : undefined
    return p?.srcID?.toLowerCase() === key ? p : undefined
  }
  private derivedEmail(key: string): SandboxPersona | undefined {
    const digits = /(\d+)@/.exec(key)?.[1]
    const p = digits ? this.people[Number(digits)] : undefined
    return p?.email?.toLowerCase() === key ? p : undefined
  }

  private index(p: SandboxPersona): void {
    if (p.mobilePhone) this.byPhoneMap.set(p.mobilePhone, p)
    const id = p.contactID.toLowerCase()
    if (this.derivedId(id) !== p) this.idOverlay.set(id, p)
    const email = p.email?.toLowerCase()
    if (email && this.derivedEmail(email) !== p) this.emailOverlay.set(email, p)
    const src = p.srcID?.toLowerCase()
    if (src && this.derivedSrc(src) !== p) this.srcOverlay.set(src, p)
  }
  private unindex(p: SandboxPersona): void {
    const drop = (map: Map<string, SandboxPersona>, key: string | null | undefined): void => {
      if (key && map.get(key) === p) map.delete(key)
    }
    drop(this.byPhoneMap, p.mobilePhone)
    drop(this.emailOverlay, p.email?.toLowerCase())
    drop(this.srcOverlay, p.srcID?.toLowerCase())
  }
  private unsort(p: SandboxPersona): void {
    for (const view of this.sorted.values()) removeFrom(view, p)
  }
  private resort(p: SandboxPersona): void {
    if (p[META].blocklisted) return
    for (const [sort, view] of this.sorted) insertSorted(view, p, sort)
  }
}

export class NotFound extends Error {}

const OVERRIDABLE = ['firstName', 'lastName', 'email', 'mobilePhone', 'homePhone', 'favoriteStoreID'] as const

function removeFrom(view: SandboxPersona[], p: SandboxPersona): void {
  const at = view.indexOf(p)
  if (at >= 0) view.splice(at, 1)
}

function insertSorted(view: SandboxPersona[], p: SandboxPersona, sort: SortKey): void {
  const key = sortValue[sort]
  const k = key(p)
  let lo = 0
  let hi = view.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (key(view[mid]!) <= k) lo = mid + 1
    else hi = mid
  }
  view.splice(lo, 0, p)
}

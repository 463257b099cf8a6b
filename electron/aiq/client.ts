// The AIQ client: one function per endpoint (see types.ts for the list and ../shared/aiq-api.md for the facts).
// Inputs are checked before anything is sent; answers are parsed tolerantly; every failure is an AiqError.
import { z } from 'zod'
import { toPhone10 } from '../../shared/phone'
import { type Clock, systemClock } from '../clock'
import { AiqError } from './errors'
import { type AiqSend, createAiqSend, pathOf as p } from './http'
import { createRateLimiter, DEFAULT_RATE, type RateLimiter } from './rate-limit'
import {
  AdjustResult,
  Adjustment,
  type AiqClient,
  CustomAttribute,
  LineItem,
  type ListQuery,
  LoyaltyLookup,
  OverrideFields,
  Persona,
  PersonaPage,
  Recommendation,
  SignupBody,
  SignupResult,
  StoreInfo,
  Timeline,
  Wallet,
} from './types'

export const DEFAULT_BASE_URL = 'https://lab.alpineiq.com'
export const DEFAULT_TIMEOUT_MS = 10_000

export interface AiqClientOptions {
  baseUrl?: string
  uid: string
  apiKey: string
  timeoutMs?: number
  fetch?: typeof fetch
  /** undefined: 5 requests/s, burst 5. null: no limit. */
  limiter?: RateLimiter | null
  /** Reads "now" for Retry-After dates and the default limiter. */
  clock?: Clock
}

export function createAiqClient(opts: AiqClientOptions): AiqClient {
  const uid = opts.uid.trim()
  if (!uid) throw new AiqError('invalid_input', 'The AIQ account id (UID) is missing. A manager needs to set it in Settings.')
  if (!opts.apiKey) throw new AiqError('invalid_input', 'The AIQ API key is missing. A manager needs to set it in Settings.')
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
  if (!(timeoutMs > 0)) throw new AiqError('invalid_input', 'The AIQ timeout must be a positive number of milliseconds.')
  const baseUrl = opts.baseUrl ?? DEFAULT_BASE_URL
  if (!/^https?:\/\/[^/?#]+/i.test(baseUrl) || !URL.canParse(baseUrl)) {
    throw new AiqError('invalid_input', 'The AIQ address is not valid. It should look like https://lab.alpineiq.com.')
  }
  const clock = opts.clock ?? systemClock
  const send: AiqSend = createAiqSend({
    baseUrl,
    apiKey: opts.apiKey,
    timeoutMs,
    fetch: opts.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    limiter: opts.limiter === undefined ? createRateLimiter({ ...DEFAULT_RATE, clock }) : opts.limiter,
    clock,
  })

  return {
    uid,

    async listPersonas(q = {}) {
      const query = { start: count(q.start, 'The page start'), limit: count(q.limit, 'The page size'), search: q.search, sort: q.sort, dir: q.dir }
      const data = await send({ action: 'search customers', method: 'GET', path: p`/api/v1.1/piis/${uid}`, query })
      if (data === null) return { results: [], start: query.start ?? 0, limit: query.limit ?? 0, size: 0, total: 0 }
      const page = read(PersonaPage, data, 'search customers')
      return { ...page, results: page.results ?? [] }
    },

    async getPersona(contactID) {
      const path = p`/api/v1.1/piis/${uid}/${id(contactID)}`
      return onePersona(await send({ action: 'open customer', method: 'GET', path }), 'open customer')
    },

    async getPersonaBySrcId(srcID) {
      const path = p`/api/v1.1/piis/${uid}/bysrcid/${id(srcID, 'POS customer id')}`
      const data = await send({ action: 'find customer by POS id', method: 'GET', path })
      // AIQ may answer with a list when several sources share the id; the first is the one we want.
      return onePersona(Array.isArray(data) ? (data[0] ?? null) : data, 'find customer by POS id')
    },

    async signUp(body) {
      const checked = SignupBody.safeParse(body)
      if (!checked.success) throw new AiqError('invalid_input', 'The sign-up form is not complete or not valid.')
      const out = { ...checked.data }
      if (out.mobilePhone !== undefined) out.mobilePhone = phone(out.mobilePhone)
      if (out.email !== undefined) out.email = email(out.email)
      if (!out.mobilePhone && !out.email) throw new AiqError('invalid_input', 'Enter a phone number or an email to sign up.')
      const data = await send({ action: 'sign up', method: 'POST', path: '/api/v2/loyalty', body: out })
      return read(SignupResult, data, 'sign up')
    },

    async getOverrides(contactID) {
      const path = p`/api/v2/loyaltyContact/override/${uid}/${id(contactID)}`
      const data = await send({ action: 'read saved details', method: 'GET', path })
      return data === null ? {} : read(OverrideFields, data, 'read saved details')
    },

    async setOverrides(contactID, fields) {
      const path = p`/api/v2/loyaltyContact/override/${uid}/${id(contactID)}`
      const checked = OverrideFields.safeParse(fields)
      if (!checked.success) throw new AiqError('invalid_input', 'The details to save are not valid.')
      const body = { ...checked.data }
      if (typeof body.mobilePhone === 'string') body.mobilePhone = phone(body.mobilePhone)
      const data = await send({ action: 'save details', method: 'POST', path, body })
      // When AIQ only says "ok", what it stored is what we sent.
      const stored = data === null ? {} : read(OverrideFields, data, 'save details')
      return Object.keys(stored).length ? stored : body
    },

    async lookupLoyalty(pii) {
      const trimmed = pii.trim()
      const key = trimmed.includes('@') ? email(trimmed) : phone(trimmed)
      const data = await send({ action: 'check loyalty', method: 'GET', path: p`/api/v2/loyalty/lookup/${key}` })
      return read(LoyaltyLookup, data, 'check loyalty')
    },

    async setSmsOptIn(phoneInput, status, o = {}) {
      const path = p`/api/v2/optin/text/${phone(phoneInput)}/${String(status)}`
      await send({ action: 'set text messages consent', method: 'PUT', path, query: { doubleOpt: o.doubleOpt, loyalty: o.loyalty } })
    },

    async adjustPoints(contactID, body) {
      const path = p`/api/v1.1/adjust/loyaltyPoints/${uid}/${id(contactID)}`
      if (!Number.isInteger(body.value)) throw new AiqError('invalid_input', 'Points must be a whole number.')
      if (typeof body.note !== 'string') throw new AiqError('invalid_input', 'A reason is needed for the points.')
      const data = await send({ action: 'award points', method: 'PUT', path, body: { value: body.value, note: body.note } })
      return data === null ? {} : read(AdjustResult, data, 'award points')
    },

    async listAdjustments(startSec, endSec) {
      const [start, end] = window(startSec, endSec)
      if (start === undefined || end === undefined) throw new AiqError('invalid_input', 'A start and an end time are needed.')
      const path = p`/api/v1.1/adjustments/${uid}/${start}/${end}`
      const data = await send({ action: 'list point adjustments', method: 'GET', path })
      return data === null ? [] : read(z.array(Adjustment), data, 'list point adjustments')
    },

    async getTraits(contactID) {
      const path = p`/api/v1.1/contact/traits/${uid}/${id(contactID)}`
      const data = await send({ action: 'read custom attributes', method: 'GET', path })
      return data === null ? [] : read(Traits, data, 'read custom attributes')
    },

    async addTraits(contactID, traits) {
      const path = p`/api/v1.1/contact/traits/${uid}/${id(contactID)}`
      const body = traitsIn(traits)
      const data = await send({ action: 'add custom attributes', method: 'POST', path, body })
      return data === null ? body : read(Traits, data, 'add custom attributes')
    },

    async replaceTraits(contactID, traits) {
      const path = p`/api/v1.1/contact/traits/${uid}/${id(contactID)}`
      const body = traitsIn(traits)
      const data = await send({ action: 'replace custom attributes', method: 'PUT', path, body })
      return data === null ? body : read(Traits, data, 'replace custom attributes')
    },

    async getOrders(contactID) {
      const path = p`/api/v1.1/contact/orders/${uid}/${id(contactID)}`
      const data = await send({ action: 'read purchases', method: 'GET', path })
      return data === null ? [] : read(z.array(LineItem), data, 'read purchases')
    },

    async getTimeline(contactID, w = {}) {
      const path = p`/api/v1.1/contact/loyaltyPoints/timeline/${uid}/${id(contactID)}`
      const [start, end] = window(w.startSec, w.endSec)
      const data = await send({ action: 'read points history', method: 'GET', path, query: { start, end } })
      if (data === null) return { events: [] }
      const timeline = read(Timeline, data, 'read points history')
      return { ...timeline, events: timeline.events ?? [] }
    },

    async getRecommendations(contactID) {
      const path = p`/api/v2/contact/recommendations/${id(contactID)}`
      const data = await send({ action: 'read suggested products', method: 'GET', path })
      return data === null ? [] : read(z.array(Recommendation), data, 'read suggested products')
    },

    async getWallet(who) {
      const body = 'phone' in who ? { phone: phone(who.phone) } : { email: email(who.email) }
      const data = await send({ action: 'open wallet', method: 'POST', path: '/api/v2/wallet', body })
      if (data === null) throw new AiqError('not_found')
      return read(Wallet, data, 'open wallet')
    },

    async listStores() {
      const data = await send({ action: 'list stores', method: 'GET', path: p`/api/v1.1/stores/${uid}` })
      const stores = Array.isArray(data) ? data : read(Stores, data ?? {}, 'list stores').stores
      return stores === null || stores === undefined ? [] : read(z.array(StoreInfo), stores, 'list stores')
    },
  }
}

const Traits = z.array(CustomAttribute)
const Stores = z.looseObject({ stores: z.array(z.unknown()).nullable().optional() })

function read<S extends z.ZodType>(schema: S, data: unknown, action: string): z.output<S> {
  const r = schema.safeParse(data)
  if (r.success) return r.data
  const issue = r.error.issues[0]
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
  throw new AiqError('bad_response', `AIQ sent an answer the app could not read (${action}: ${where}${issue?.message ?? 'unexpected shape'}).`)
}

function onePersona(data: unknown, action: string): Persona {
  if (data === null) throw new AiqError('not_found')
  return read(Persona, data, action)
}

function id(value: string, what = 'customer id'): string {
  const v = typeof value === 'string' ? value.trim() : ''
  if (!v) throw new AiqError('invalid_input', `No ${what} was given.`)
  return v
}

function phone(input: string): string {
  const phone10 = typeof input === 'string' ? toPhone10(input) : null
  if (!phone10) throw new AiqError('invalid_input', 'That is not a valid US phone number. Enter 10 digits, e.g. (555) 201-0001.')
  return phone10
}

function email(input: string): string {
  const v = typeof input === 'string' ? input.trim() : ''
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) throw new AiqError('invalid_input', 'That is not a valid email address.')
  return v
}

function count(n: number | undefined, what: string): number | undefined {
  if (n !== undefined && !(Number.isInteger(n) && n >= 0)) throw new AiqError('invalid_input', `${what} must be a whole number of at least 0.`)
  return n
}

/** Epoch seconds; either end may be missing (timeline), but when both are given start must not be after end. */
function window(startSec: number | undefined, endSec: number | undefined): [number | undefined, number | undefined] {
  const start = count(startSec, 'The start time')
  const end = count(endSec, 'The end time')
  if (start !== undefined && end !== undefined && start > end) throw new AiqError('invalid_input', 'The start time is after the end time.')
  return [start, end]
}

function traitsIn(traits: CustomAttribute[]): CustomAttribute[] {
  const checked = Traits.safeParse(traits)
  if (!checked.success) throw new AiqError('invalid_input', 'Custom attributes need a key and a value, both text.')
  if (checked.data.some((t) => t.key.trim() === '')) throw new AiqError('invalid_input', 'A custom attribute has no name.')
  return checked.data
}

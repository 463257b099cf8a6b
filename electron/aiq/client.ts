// The AIQ client: one function per endpoint (see types.ts for the list and electron/aiq/README.md for the facts).
// Inputs are checked before anything is sent; answers are parsed tolerantly; every failure is an AiqError.
import { z } from 'zod'
import type { Phone10 } from '../../shared/phone'
import { type Clock, systemClock } from '../clock'
import * as read from './answers'
import { type AiqClock, createAiqClock } from './clock'
import { ENDPOINT } from './endpoints'
import { NOT_A_PHONE, phoneToAsk } from './lookup'
import { AiqError, ForeignUrlError } from './errors'
import { type AiqRequest, type AiqSend, createAiqSend, type Limiter, pathOf as p } from './http'
import { createRateLimiter, DEFAULT_RATE } from './rate-limit'
import { createShapeRecorder, type ShapeRecorder } from './shapes'
import { type AiqClient, CustomAttribute, type Priority, OverrideFields, SignupBody } from './types'

export const DEFAULT_BASE_URL = 'https://lab.alpineiq.com'
export const DEFAULT_TIMEOUT_MS = 10_000

export interface AiqClientOptions {
  baseUrl?: string
  uid: string
  apiKey: string
  timeoutMs?: number
  fetch?: typeof fetch
  /** undefined: 5 requests/s, burst 15. null: no limit. */
  limiter?: Limiter | null
  /** where unreadable answers are recorded; a new recorder by default */
  shapes?: ShapeRecorder
  /** told once per endpoint and problem (field names only), for the app log */
  onShape?: (endpoint: string, what: string) => void
  /** Reads "now" for the default limiter. */
  clock?: Clock
  /** AIQ's time for this account, learnt from the answers (kept across clients of one account); a new one by default */
  time?: AiqClock
  /** told on every answer AIQ sends (any HTTP status): the counter is back online at once */
  onAnswer?: () => void
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
  const time = opts.time ?? createAiqClock({ wall: clock, mono: () => performance.now() })
  const send: AiqSend = createAiqSend({
    baseUrl,
    apiKey: opts.apiKey,
    timeoutMs,
    fetch: opts.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    limiter: opts.limiter === undefined ? createRateLimiter({ ...DEFAULT_RATE, clock }) : opts.limiter,
    clock,
    time,
    ...(opts.onAnswer ? { onAnswer: opts.onAnswer } : {}),
  })
  const origin = new URL(baseUrl).origin
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '')
  return build(uid, origin, basePath, send, time, { priority: 'interactive', shapes: opts.shapes ?? createShapeRecorder(opts.onShape) })
}

function build(uid: string, origin: string, basePath: string, transport: AiqSend, time: AiqClock, ctx: { priority: Priority; shapes: ShapeRecorder }): AiqClient {
  const { shapes } = ctx
  const send = (req: Omit<AiqRequest, 'priority'>) => transport({ ...req, priority: ctx.priority })
  /** literal segments whose casing AIQ's docs and real clients disagree on: camelCase first, then lower-case */
  const casings = (path: string, word: string) => [path, path.replace(`/${word}/`, `/${word.toLowerCase()}/`)]
  const customer = 'customer'

  /**
   * Lists read by time window: callers leave room for clock skew past now; an AIQ that refuses a future end is asked
   * again up to now (it cannot hold rows from after its own now anyway).
   */
  async function askUpToNow(ask: (from: number, to: number) => Promise<unknown>, start: number, end: number): Promise<unknown> {
    try {
      return await ask(start, end)
    } catch (e) {
      const nowSec = Math.floor(time.now() / 1000)
      const refused = e instanceof AiqError && e.kind === 'bad_response' && e.status === 400 && !e.details.wrongAddress
      if (!refused || end <= nowSec) throw e
      return ask(Math.min(start, nowSec), nowSec)
    }
  }

  return {
    uid,
    origin,
    shapes,
    time,
    derive: (o) => build(uid, origin, basePath, transport, time, { priority: o.priority ?? ctx.priority, shapes: o.shapes ?? shapes }),

    async listPersonas(q = {}) {
      const query = { start: count(q.start, 'The page start'), limit: count(q.limit, 'The page size'), search: q.search, sort: q.sort, dir: q.dir }
      const data = await send({ action: 'search customers', endpoint: ENDPOINT.listPersonas, method: 'GET', path: p`/api/v1.1/piis/${uid}`, query })
      return read.readPersonaPage(shapes, data, query)
    },

    async getPersona(contactID) {
      const path = p`/api/v1.1/piis/${uid}/${id(contactID)}`
      const data = await send({ action: 'open customer', endpoint: ENDPOINT.getPersona, method: 'GET', path, notFound: customer })
      return found(read.readPersonaAnswer(shapes, data))
    },

    async getPersonaBySrcId(srcID) {
      const src = id(srcID, 'POS customer id')
      const path = [p`/api/v1.1/piis/${uid}/bysrcid/${src}`, p`/api/v1.1/piis/${uid}/bySrcID/${src}`]
      const data = await send({ action: 'find customer by POS id', endpoint: ENDPOINT.getPersonaBySrcId, method: 'GET', path, notFound: customer })
      return found(read.readBySrcIdAnswer(shapes, data))
    },

    async signUp(body) {
      const checked = SignupBody.safeParse(body)
      if (!checked.success) throw new AiqError('invalid_input', 'The sign-up form is not complete or not valid.')
      const out = { ...checked.data }
      if (out.mobilePhone !== undefined) out.mobilePhone = phoneToAsk(out.mobilePhone)
      if (out.email !== undefined) out.email = email(out.email)
      if (!out.mobilePhone && !out.email) throw new AiqError('invalid_input', 'Enter a phone number or an email to sign up.')
      const data = await send({ action: 'sign up', endpoint: ENDPOINT.signUp, method: 'POST', path: '/api/v2/loyalty', body: out })
      return read.readSignup(shapes, data)
    },

    async getOverrides(contactID) {
      const path = casings(p`/api/v2/loyaltyContact/override/${uid}/${id(contactID)}`, 'loyaltyContact')
      const data = await send({ action: 'read saved details', endpoint: ENDPOINT.getOverrides, method: 'GET', path, notFound: customer })
      return read.readOverrides(shapes, ENDPOINT.getOverrides, data)
    },

    async setOverrides(contactID, fields) {
      const path = casings(p`/api/v2/loyaltyContact/override/${uid}/${id(contactID)}`, 'loyaltyContact')
      const checked = OverrideFields.safeParse(fields)
      if (!checked.success) throw new AiqError('invalid_input', 'The details to save are not valid.')
      const body = { ...checked.data }
      if (typeof body.mobilePhone === 'string') body.mobilePhone = phoneToAsk(body.mobilePhone)
      const data = await send({ action: 'save details', endpoint: ENDPOINT.setOverrides, method: 'POST', path, body, notFound: customer })
      // When AIQ only says "ok", what it stored is what we sent.
      const stored = read.readOverrides(shapes, ENDPOINT.setOverrides, data)
      return Object.keys(stored).length ? stored : body
    },

    async lookupLoyalty(pii) {
      const key = pii.includes('@') ? email(pii) : parsed(pii as Phone10)
      const path = p`/api/v2/loyalty/lookup/${key}`
      const data = await send({ action: 'check loyalty', endpoint: ENDPOINT.lookupLoyalty, method: 'GET', path, notFound: customer })
      return read.readLookup(shapes, data)
    },

    async setSmsOptIn(phoneInput, status, o = {}) {
      const path = p`/api/v2/optin/text/${parsed(phoneInput)}/${String(status)}`
      const query = { doubleOpt: o.doubleOpt, loyalty: o.loyalty }
      await send({ action: 'set text messages consent', endpoint: ENDPOINT.setSmsOptIn, method: 'PUT', path, query, notFound: 'phone number' })
    },

    async adjustPoints(contactID, body, o = {}) {
      const path = casings(p`/api/v1.1/adjust/loyaltyPoints/${uid}/${id(contactID)}`, 'loyaltyPoints')
      if (!Number.isInteger(body.value)) throw new AiqError('invalid_input', 'Points must be a whole number.')
      if (typeof body.note !== 'string') throw new AiqError('invalid_input', 'A reason is needed for the points.')
      const req = { action: 'award points', endpoint: ENDPOINT.adjustPoints, method: 'PUT', path, notFound: customer } as const
      const data = await send({ ...req, body: { value: body.value, note: body.note }, ...(o.onSend ? { onSend: o.onSend } : {}) })
      return read.readAdjustResult(shapes, data)
    },

    async listAdjustments(startSec, endSec) {
      const [start, end] = window(startSec, endSec)
      if (start === undefined || end === undefined) throw new AiqError('invalid_input', 'A start and an end time are needed.')
      const ask = (from: number, to: number) =>
        send({ action: 'list point adjustments', endpoint: ENDPOINT.listAdjustments, method: 'GET', path: p`/api/v1.1/adjustments/${uid}/${from}/${to}` })
      return read.readAdjustments(shapes, await askUpToNow(ask, start, end))
    },

    async getTraits(contactID) {
      const path = p`/api/v1.1/contact/traits/${uid}/${id(contactID)}`
      const data = await send({ action: 'read custom attributes', endpoint: ENDPOINT.getTraits, method: 'GET', path, notFound: customer })
      return read.readTraits(shapes, ENDPOINT.getTraits, data)
    },

    async addTraits(contactID, traits) {
      const path = p`/api/v1.1/contact/traits/${uid}/${id(contactID)}`
      const body = traitsIn(traits)
      const data = await send({ action: 'add custom attributes', endpoint: ENDPOINT.addTraits, method: 'POST', path, body, notFound: customer })
      return data === null ? body : read.readTraits(shapes, ENDPOINT.addTraits, data)
    },

    async replaceTraits(contactID, traits) {
      const path = p`/api/v1.1/contact/traits/${uid}/${id(contactID)}`
      const body = traitsIn(traits)
      const data = await send({ action: 'replace custom attributes', endpoint: ENDPOINT.replaceTraits, method: 'PUT', path, body, notFound: customer })
      return data === null ? body : read.readTraits(shapes, ENDPOINT.replaceTraits, data)
    },

    async getOrders(contactID) {
      const path = p`/api/v1.1/contact/orders/${uid}/${id(contactID)}`
      const data = await send({ action: 'read purchases', endpoint: ENDPOINT.getOrders, method: 'GET', path, notFound: customer })
      return read.readOrders(shapes, data)
    },

    async getTimeline(contactID, w = {}) {
      const path = casings(p`/api/v1.1/contact/loyaltyPoints/timeline/${uid}/${id(contactID)}`, 'loyaltyPoints')
      const [start, end] = window(w.startSec, w.endSec)
      const req = { action: 'read points history', endpoint: ENDPOINT.getTimeline, method: 'GET', path, notFound: customer } as const
      const data = await send({ ...req, query: { start, end } })
      return { events: read.readTimeline(shapes, data) }
    },

    async getRecommendations(contactID) {
      const path = p`/api/v2/contact/recommendations/${id(contactID)}`
      const data = await send({ action: 'read suggested products', endpoint: ENDPOINT.getRecommendations, method: 'GET', path, notFound: customer })
      return read.readRecommendations(shapes, data)
    },

    async getWallet(who) {
      const body = 'phone' in who ? { phone: parsed(who.phone) } : { email: email(who.email) }
      const data = await send({ action: 'open wallet', endpoint: ENDPOINT.getWallet, method: 'POST', path: '/api/v2/wallet', body, notFound: 'rewards wallet for this customer' })
      const wallet = read.readWallet(shapes, data)
      if (!wallet) throw new AiqError('not_found', 'AIQ has no rewards wallet for this customer.')
      return wallet
    },

    async listStores() {
      const data = await send({ action: 'list stores', endpoint: ENDPOINT.listStores, method: 'GET', path: p`/api/v1.1/stores/${uid}` })
      return read.readStores(shapes, data)
    },

    async redeem(redemptionURL, posTransactionId, o = {}) {
      const txn = typeof posTransactionId === 'string' ? posTransactionId.trim() : ''
      if (!/^[A-Za-z0-9._:-]{1,64}$/.test(txn)) {
        throw new AiqError('invalid_input', 'The POS transaction id must be 1 to 64 letters, digits, dots, dashes or colons.')
      }
      const path = redemptionPath(redemptionURL, origin, basePath)
      const query = redemptionQuery(redemptionURL)
      const req = { action: 'redeem the reward', endpoint: ENDPOINT.redeem, method: 'PUT', path: `${path}/${encodeURIComponent(txn)}`, query, notFound: 'reward link' } as const
      const data = await send({ ...req, ...(o.onSend ? { onSend: o.onSend } : {}) })
      return read.readRedeemResult(shapes, data)
    },

    async listRedemptions(startSec, endSec) {
      const [start, end] = window(startSec, endSec)
      if (start === undefined || end === undefined) throw new AiqError('invalid_input', 'A start and an end time are needed.')
      const ask = (from: number, to: number) =>
        send({ action: 'list redemptions', endpoint: ENDPOINT.listRedemptions, method: 'GET', path: p`/api/v1.1/redemptions/${uid}/${from}/${to}` })
      return read.readRedemptions(shapes, await askUpToNow(ask, start, end))
    },
  }
}

const Traits = z.array(CustomAttribute)

/**
 * The path to send for a wallet's redemption URL, relative to the client's base: only a URL on the client's own
 * origin (scheme, host and port) is followed; anything else is a ForeignUrlError and nothing is sent.
 */
function redemptionPath(redemptionURL: string, origin: string, basePath: string): string {
  if (typeof redemptionURL !== 'string' || !URL.canParse(redemptionURL)) {
    throw new AiqError('bad_response', 'AIQ gave this reward no usable redemption link, so it cannot be redeemed from the counter.')
  }
  const url = new URL(redemptionURL)
  if (url.origin !== origin || url.username || url.password) throw new ForeignUrlError(url.host || url.protocol)
  const path = url.pathname.replace(/\/+$/, '')
  // the sender puts the base (with any path prefix it has) in front of what we give it
  return basePath && path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : path
}

function redemptionQuery(redemptionURL: string): Record<string, string> | undefined {
  const params = new URL(redemptionURL).searchParams
  const out: Record<string, string> = {}
  for (const [k, v] of params) out[k] = v
  return Object.keys(out).length ? out : undefined
}

function found<T>(v: T | null): T {
  if (v === null) throw new AiqError('not_found')
  return v
}

function id(value: string, what = 'customer id'): string {
  const v = typeof value === 'string' ? value.trim() : ''
  if (!v) throw new AiqError('invalid_input', `No ${what} was given.`)
  return v
}

/** A phone parsed before it got here (Phone10): only checked, so a plain-JS caller cannot slip a raw text through. */
function parsed(input: Phone10): Phone10 {
  if (typeof input !== 'string' || !/^\d{10}$/.test(input)) throw new AiqError('invalid_input', NOT_A_PHONE)
  return input
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

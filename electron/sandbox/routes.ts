// The 14 AIQ endpoints (plus reward redemption) over SandboxData. Handlers return a Result (data, nothing or an
// error); index.ts writes it in the profile's envelope (envelope.ts). Profile differences in the data itself
// (adjustment rows, lookup) are decided here from `c.profile`.
import { SignupBody, type CustomAttribute, type Persona } from '../aiq/types'
import { REWARDS } from './catalog'
import { phone10, type SandboxData, type SandboxPersona } from './data'
import { done, Empty, fail, ok, orEmpty, type Result, type SandboxProfile } from './envelope'

export { ok, fail, done, type Result } from './envelope'

export type LedgerEntry = { contactID: string; value: number; note: string; ts: number; uid: string }

/** Runtime switches that work in both profiles; change them on `sandbox.quirks` at any time. */
export type SandboxQuirks = {
  /** false: adjustment rows (GET /api/v1.1/adjustments/...) carry no `note` key at all; the ledger still has it */
  adjustmentNotes: boolean
  /**
   * set (e.g. 'http://127.0.0.1:9'): wallets hand out redemption URLs on this origin instead of the sandbox's own,
   * as a wallet pointing somewhere else would; null (default) = the sandbox's origin
   */
  redemptionOrigin: string | null
  /** false: answers carry no HTTP Date header (a proxy that strips it); the app must learn AIQ's time otherwise */
  dateHeader?: boolean
}

export type Ctx = {
  profile: SandboxProfile
  quirks: Readonly<SandboxQuirks>
  params: Record<string, string>
  query: URLSearchParams
  body: unknown
  data: SandboxData
  uid: string
  /** http://127.0.0.1:PORT */
  base: string
  nowSec: number
  ledger: LedgerEntry[]
}
export type Route = { method: string; path: string; handler: (c: Ctx) => Result }

const notFound = (what: string): Result => fail(404, `${what} not found`)

const person = (c: Ctx, id: string | undefined): SandboxPersona | undefined => (id ? c.data.byContactID(id) : undefined)
const num = (v: string | null): number | undefined => (v === null || v.trim() === '' || !Number.isFinite(Number(v)) ? undefined : Number(v))

function detail(c: Ctx, p: SandboxPersona): Persona {
  const referCode = `${(p.firstName ?? 'AIQ').toUpperCase().replace(/[^A-Z]/g, '')}${p.contactID.slice(0, 4).toUpperCase()}`
  const flag = p.blocklisted ? { blocklisted: true } : {}
  return { ...p, ...flag, spent: c.data.spent(p.contactID), referCode, referLink: `${c.base}/joinMembers/${c.uid}?refCode=${referCode}` }
}

function attributes(body: unknown): CustomAttribute[] | undefined {
  if (!Array.isArray(body)) return undefined
  const out: CustomAttribute[] = []
  for (const item of body) {
    if (typeof item !== 'object' || item === null) return undefined
    const { key, value } = item as { key?: unknown; value?: unknown }
    if (typeof key !== 'string' || !key) return undefined
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined
    out.push({ ...(item as object), key, value: String(value) })
  }
  return out
}

function signup(c: Ctx): Result {
  const parsed = SignupBody.safeParse(c.body)
  if (!parsed.success) return fail(400, `Invalid signup: ${parsed.error.issues[0]?.message ?? 'bad body'}`)
  const b = parsed.data
  const phone = b.mobilePhone ? phone10(b.mobilePhone) : null
  if (b.mobilePhone && !phone) return fail(400, 'mobilePhone must be a 10-digit US phone number')
  const email = b.email?.trim().toLowerCase() || null
  if (!phone && !email) return fail(400, 'A mobilePhone or an email is required')
  const { data, nowSec: now } = c
  const existing = (phone ? data.byPhone(phone) : undefined) ?? (email ? data.byEmail(email) : undefined)
  const p = existing ?? data.add({ mobilePhone: phone, email, inserted: now, platform: 'loyalty' })
  const locked = data.overrides(p.contactID)
  const patch: Partial<Persona> = {}
  const set = <K extends keyof Persona>(key: K, value: Persona[K] | undefined): void => {
    if (value !== undefined && value !== null && value !== '' && !(key in locked)) patch[key] = value
  }
  set('firstName', b.firstName)
  set('lastName', b.lastName)
  if (!p.mobilePhone) set('mobilePhone', phone)
  if (!p.email) set('email', email)
  set('favoriteStoreID', b.favoriteStoreID ?? data.stores.find((s) => s.name === b.favoriteStore || s.nickname === b.favoriteStore)?.id)
  if (b.loyalty === true && !p.loyalty) Object.assign(patch, { loyalty: true, loyaltySignupTS: now })
  if (b.emailOptIn === true && !p.emailOptInTime) patch.emailOptInTime = now
  if (b.emailOptIn === false) patch.emailOptInTime = null
  const updated = data.update(p.contactID, patch)
  // smsoptin:false (or absent) sends nothing and opts nobody in; true asks once, as the account's mode says
  if (updated.mobilePhone && b.smsoptin === true && b.disableSMS !== true) data.requestOptIn(updated.mobilePhone, 'signup', now)
  if (b.customAttributes?.length) data.mergeTraits(p.contactID, b.customAttributes)
  return ok({ ...updated, created: !existing })
}

function optIn(c: Ctx): Result {
  const phone = phone10(c.params.phone ?? '')
  if (!phone) return fail(400, 'phone must be a 10-digit US phone number')
  const status = c.params.status?.toLowerCase()
  if (status !== 'true' && status !== 'false') return fail(400, 'status must be true or false')
  const flag = (name: string): string | undefined => {
    for (const [k, v] of c.query) if (k.toLowerCase() === name) return v.toLowerCase()
    return undefined
  }
  const double = flag('doubleopt') === 'true' && flag('loyalty') !== 'false'
  if (status === 'false') c.data.applySms(phone, 'out', c.nowSec)
  else if (double) c.data.requestOptIn(phone, 'optin', c.nowSec)
  else c.data.applySms(phone, 'in', c.nowSec)
  return done()
}

function adjust(c: Ctx): Result {
  const p = person(c, c.params.contactID)
  if (!p) return notFound('Contact')
  const { value, note } = (c.body ?? {}) as { value?: unknown; note?: unknown }
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail(400, 'value must be a number')
  if (note !== undefined && typeof note !== 'string') return fail(400, 'note must be a string')
  const loyaltyPoints = c.data.adjustPoints(p.contactID, value, note ?? '', c.nowSec)
  c.ledger.push({ contactID: p.contactID, value, note: note ?? '', ts: c.nowSec, uid: c.uid })
  return ok({ loyaltyPoints })
}

function adjustments(c: Ctx): Result {
  const start = num(c.params.start ?? null)
  const end = num(c.params.end ?? null)
  if (start === undefined || end === undefined) return fail(400, 'start and end must be epoch seconds')
  const rows = c.ledger
    .filter((e) => e.uid === c.uid && e.ts >= start && e.ts <= end)
    .map((e) => {
      const p = c.data.byContactID(e.contactID)
      // wild: the contact is `cntID` (the key the Keboola extractor reads AIQ's rows by, electron/aiq/README.md §adjustments)
      const row: Record<string, unknown> = c.profile === 'wild' ? { cntID: e.contactID } : { contactID: e.contactID }
      row.value = e.value
      if (c.quirks.adjustmentNotes) row.note = e.note
      Object.assign(row, {
        ts: e.ts, mobilePhone: p?.mobilePhone ?? null, email: p?.email ?? null, firstName: p?.firstName ?? null,
        lastName: p?.lastName ?? null,
      })
      return row
    })
  return ok(orEmpty(rows))
}

function timeline(c: Ctx): Result {
  const p = person(c, c.params.contactID)
  if (!p) return notFound('Contact')
  const start = num(c.query.get('start')) ?? Number.NEGATIVE_INFINITY
  const end = num(c.query.get('end')) ?? Number.POSITIVE_INFINITY
  const events = c.data.timeline(p.contactID).filter((e) => e.ts >= start && e.ts <= end)
  return ok({ contactID: p.contactID, loyaltyPoints: p.loyaltyPoints ?? 0, events: orEmpty(events) })
}

function wallet(c: Ctx): Result {
  const { phone, email } = (c.body ?? {}) as { phone?: unknown; email?: unknown }
  const key = typeof phone === 'string' && phone ? phone : typeof email === 'string' && email ? email : null
  if (!key) return fail(400, 'A phone or an email is required')
  const p = c.data.find(key)
  if (!p) return notFound('Wallet')
  const points = p.loyaltyPoints ?? 0
  const origin = c.quirks.redemptionOrigin ?? c.base
  return ok({
    contactID: p.contactID,
    loyaltyPoints: points,
    hidePointsInWallet: false,
    discountTemplates: REWARDS.map((r) => ({
      id: r.id, posDiscountID: r.posDiscountID, name: r.name, pageTitle: r.pageTitle, pointsDeduction: r.pointsDeduction,
      available: p.loyalty === true && points >= r.pointsDeduction, inStoreRedemption: true,
      // one-time: the same link until it is used, then the next wallet gets a new one
      redemptionURL: `${origin}/api/v1.1/discount/redeem/${c.uid}/${r.id}/${c.data.redemptions.tokenFor(p.contactID, r.id)}`,
      expiration: c.nowSec + 30 * 86_400,
    })),
  })
}

function redeem(c: Ctx): Result {
  const reward = REWARDS.find((r) => r.id === c.params.discountID)
  const link = c.data.redemptions.lookup(c.params.token ?? '')
  if (!reward || !link || link.discountID !== reward.id) return notFound('Reward link')
  if (link.used) return fail(400, 'This reward link was already used')
  const p = person(c, link.contactID)
  if (!p) return notFound('Reward link')
  if (!p.loyalty || (p.loyaltyPoints ?? 0) < reward.pointsDeduction) return fail(400, 'Not enough points for this reward')
  const transactionID = c.params.transactionID ?? null
  c.data.redemptions.use(c.params.token!, {
    contactID: p.contactID, discountID: reward.id, posDiscountID: reward.posDiscountID, name: reward.name,
    pointsDeduction: reward.pointsDeduction, transactionID, ts: c.nowSec,
  })
  const note = `Redeemed: ${reward.name}${transactionID ? ` (transaction ${transactionID})` : ''}`
  const loyaltyPoints = c.data.addPointsEvent(p.contactID, { ts: c.nowSec, type: 'redeem', value: -reward.pointsDeduction, note })
  return ok({ loyaltyPoints })
}

function redemptions(c: Ctx): Result {
  const start = num(c.params.start ?? null)
  const end = num(c.params.end ?? null)
  if (start === undefined || end === undefined) return fail(400, 'start and end must be epoch seconds')
  const rows = c.data.redemptions.inWindow(start, end).map((r) => {
    const p = c.data.byContactID(r.contactID)
    // wild: the contact is `cntID`, as in the adjustment rows; the points are `points`
    return c.profile === 'wild'
      ? { id: r.id, cntID: r.contactID, discountID: r.discountID, name: r.name, points: r.pointsDeduction, transactionID: r.transactionID, ts: r.ts }
      : {
          id: r.id, contactID: r.contactID, discountID: r.discountID, posDiscountID: r.posDiscountID, name: r.name,
          pointsDeduction: r.pointsDeduction, transactionID: r.transactionID, ts: r.ts,
          mobilePhone: p?.mobilePhone ?? null, firstName: p?.firstName ?? null, lastName: p?.lastName ?? null,
        }
  })
  return ok(orEmpty(rows))
}

const withPerson = (what: (c: Ctx, p: SandboxPersona) => Result) => (c: Ctx): Result => {
  const p = person(c, c.params.contactID)
  return p ? what(c, p) : notFound('Contact')
}

/** Paths in exactly the casing electron/aiq/client.ts sends: the wild profile matches them case-sensitively. */
export const ROUTES: Route[] = [
  {
    method: 'GET', path: '/api/v1.1/piis/:uid', handler: (c) => {
      const page = c.data.page({
        start: num(c.query.get('start')), limit: num(c.query.get('limit')), sort: c.query.get('sort') ?? undefined,
        dir: c.query.get('dir') ?? undefined, search: c.query.get('search') ?? undefined,
      })
      // nothing matched: documented `data.results: null` plus `code: 200`; wild leaves `data` out altogether
      return page.results ? ok(page) : ok(new Empty(page), { code: 200 })
    },
  },
  { method: 'GET', path: '/api/v1.1/piis/:uid/:contactID', handler: withPerson((c, p) => ok(detail(c, p))) },
  {
    method: 'GET', path: '/api/v1.1/piis/:uid/bysrcid/:srcID', handler: (c) => {
      const p = c.data.bySrcID(c.params.srcID ?? '')
      return p ? ok(detail(c, p)) : notFound('Source id')
    },
  },
  { method: 'POST', path: '/api/v2/loyalty', handler: signup },
  { method: 'GET', path: '/api/v2/loyaltyContact/override/:uid/:contactID', handler: withPerson((c, p) => ok(c.data.overrides(p.contactID))) },
  {
    method: 'POST', path: '/api/v2/loyaltyContact/override/:uid/:contactID', handler: withPerson((c, p) => {
      if (typeof c.body !== 'object' || c.body === null || Array.isArray(c.body)) return fail(400, 'Body must be a JSON object')
      return ok(c.data.mergeOverrides(p.contactID, c.body as Record<string, unknown>))
    }),
  },
  {
    method: 'GET', path: '/api/v2/loyalty/lookup/:pii', handler: (c) => {
      const p = c.data.find(c.params.pii ?? '')
      if (!p) return ok({ loyalty: false, optedIn: false, emailOptIn: false })
      const optedIn = p.optinTime != null && p.optoutTime == null && !p.hasRequested
      // a blocklisted person: the list leaves them out, the lookup still answers and says so
      const flags = { loyalty: p.loyalty === true, optedIn, emailOptIn: p.emailOptInTime != null, ...(p.blocklisted ? { blocklisted: true } : {}) }
      // wild: AIQ's lookup answer was never observed to name the contact; clients must search the list by phone
      return ok(c.profile === 'wild' ? flags : { ...flags, contactID: p.contactID })
    },
  },
  { method: 'PUT', path: '/api/v2/optin/text/:phone/:status', handler: optIn },
  { method: 'PUT', path: '/api/v1.1/adjust/loyaltyPoints/:uid/:contactID', handler: adjust },
  { method: 'GET', path: '/api/v1.1/adjustments/:uid/:start/:end', handler: adjustments },
  { method: 'GET', path: '/api/v1.1/contact/traits/:uid/:contactID', handler: withPerson((c, p) => ok(c.data.traits(p.contactID))) },
  ...(['POST', 'PUT'] as const).map((method) => ({
    method, path: '/api/v1.1/contact/traits/:uid/:contactID', handler: withPerson((c, p) => {
      const traits = attributes(c.body)
      if (!traits) return fail(400, 'Body must be an array of {key, value}')
      return ok(method === 'POST' ? c.data.mergeTraits(p.contactID, traits) : c.data.setTraits(p.contactID, traits))
    }),
  })),
  { method: 'GET', path: '/api/v1.1/contact/orders/:uid/:contactID', handler: withPerson((c, p) => ok(orEmpty(c.data.orders(p.contactID)))) },
  { method: 'GET', path: '/api/v1.1/contact/loyaltyPoints/timeline/:uid/:contactID', handler: timeline },
  { method: 'GET', path: '/api/v2/contact/recommendations/:contactID', handler: withPerson((c, p) => ok(orEmpty(c.data.recommendations(p.contactID)))) },
  { method: 'POST', path: '/api/v2/wallet', handler: wallet },
  { method: 'GET', path: '/api/v1.1/stores/:uid', handler: (c) => ok({ stores: c.data.stores.map((s) => ({ ...s })) }) },
  { method: 'PUT', path: '/api/v1.1/discount/redeem/:uid/:discountID/:token', handler: redeem },
  { method: 'GET', path: '/api/v1.1/redemptions/:uid/:start/:end', handler: redemptions },
  { method: 'PUT', path: '/api/v1.1/discount/redeem/:uid/:discountID/:token/:transactionID', handler: redeem },
]

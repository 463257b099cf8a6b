// Check-in, search and the profile panels: reading customers from AIQ (or the directory while AIQ is unreachable).
import type { CheckInResult, Customer, MethodArgs, MethodOutput, CustomerRef } from '../../shared/contract'
import { classifyInput } from '../../shared/checkin-input'
import { looksLikeLicenceData, parseAamva, UNREADABLE_LICENCE } from '../../shared/aamva'
import { type Phone10, toPhone10 } from '../../shared/phone'
import { NO_PHONE_FOR_WALLET } from '../../shared/points'
import { AiqError } from '../aiq/errors'
import { groupIntoVisits, smsConsentOf, toCustomer } from '../aiq/customer'
import { findByPhone, findBySrcId, personaByPhone, phoneToAsk, type PhoneAnswer } from '../aiq/lookup'
import { DEFAULT_TIMEOUT_MS } from '../aiq/client'
import { type AiqClient, BIRTHDAY_ATTRIBUTE, type Persona } from '../aiq/types'
import { CounterError } from '../errors'
import { readTagInfo, stripTag } from '../sync/tag'
import type { Clock } from '../clock'
import type { StaffGuard } from './staff'

export interface PendingPoints {
  pendingPointsFor(ref: { contactID?: string | null; phone?: string | null }): { pending: number; failed: number }
}

/** The offline copy of the customer list; see directory.ts. */
export interface DirectoryLookup {
  /** keeps the customer for offline check-in; resolves once kept (never rejects: a failure is logged) */
  remember(p: Persona): Promise<void>
  find(q: { phone?: string; contactID?: string; srcID?: string }): { persona: Persona; refreshedAt: number } | null
  /** the Search screen while AIQ can't be reached: by phone, email, or first/last name */
  search(text: string, limit: number): Persona[]
}

/** The customer as the card shows them: AIQ's balance, with this counter's awards on their way and refused apart. */
export function customerWithUnsynced(outbox: PendingPoints, p: Persona): Customer {
  const u = outbox.pendingPointsFor({ contactID: p.contactID, phone: toPhone10(p.mobilePhone ?? '') })
  return toCustomer(p, u.pending, u.failed)
}

const isUnreachable = (e: unknown) => e instanceof AiqError && e.unreachable

export function createCustomerService(deps: {
  client: () => AiqClient
  outbox: PendingPoints
  directory: () => DirectoryLookup | null
  clock: Clock
  /** the manager's PIN where the rules ask for it before a customer's saved details change (services/staff.ts) */
  staff: Pick<StaffGuard, 'approve'>
  /** AIQ could not be asked / AIQ just answered: tells the sync engine at once instead of waiting for its next probe */
  onUnreachable: () => void
  onReachable: () => void
  /** the longest a check-in waits for AIQ in all, however many calls it takes (default: one call's timeout) */
  lookupDeadlineMs?: number
}) {
  const { client, outbox, clock } = deps
  const deadlineMs = deps.lookupDeadlineMs ?? DEFAULT_TIMEOUT_MS

  const customerOf = (p: Persona) => customerWithUnsynced(outbox, p)

  const live = (p: Persona): CheckInResult => {
    void deps.directory()?.remember(p) // kept by the background worker: the check-in does not wait for it
    return { kind: 'customer', customer: customerOf(p), source: 'live', asOf: clock.now() }
  }

  async function fetchPersona(input: Exclude<ReturnType<typeof classifyInput>, { kind: 'licence' }>, aiq: AiqClient): Promise<PhoneAnswer> {
    try {
      if (input.kind === 'phone') return await personaByPhone(aiq, input.phone)
      const persona = input.kind === 'contact' ? await aiq.getPersona(input.contactID) : await findBySrcId(aiq, input.srcID)
      return { persona, blocklisted: persona?.blocklisted === true }
    } catch (e) {
      if (e instanceof AiqError && e.kind === 'not_found') return { persona: null, blocklisted: false }
      throw e
    }
  }

  function inDirectory(input: Exclude<ReturnType<typeof classifyInput>, { kind: 'licence' }>) {
    const q = input.kind === 'phone' ? { phone: input.phone } : input.kind === 'contact' ? { contactID: input.contactID } : { srcID: input.srcID }
    return deps.directory()?.find(q) ?? null
  }

  function fromDirectory(input: Exclude<ReturnType<typeof classifyInput>, { kind: 'licence' }>, raw: string): CheckInResult {
    const hit = inDirectory(input)
    const phone = input.kind === 'phone' ? input.phone : null
    if (hit?.persona.blocklisted) return { kind: 'blocklisted', customer: customerOf(hit.persona), phone, input: raw }
    if (hit) return { kind: 'customer', customer: customerOf(hit.persona), source: 'directory', asOf: hit.refreshedAt }
    return { kind: 'unknown', phone, input: raw, offline: true }
  }

  return {
    /** This counter's copy only, at once: shown while checkIn asks AIQ (a slow or hanging AIQ never holds the name up). */
    async checkInFromDirectory({ input: raw }: MethodArgs<'checkInFromDirectory'>): Promise<MethodOutput<'checkInFromDirectory'>> {
      const input = classifyInput(raw)
      const hit = input.kind === 'licence' ? null : inDirectory(input)
      // a blocklisted customer waits for AIQ's answer, which says so (never shown as one who can earn)
      return { hit: hit && !hit.persona.blocklisted ? { customer: customerOf(hit.persona), asOf: hit.refreshedAt } : null }
    },

    async checkIn({ input: raw }: MethodArgs<'checkIn'>): Promise<CheckInResult> {
      const input = classifyInput(raw)
      // a licence is for the ID check only: its data never goes to AIQ as a search or a source id
      if (input.kind === 'licence') throw licenceRefused(raw)
      const aiq = client()
      let found: PhoneAnswer
      try {
        found = await withinDeadline(fetchPersona(input, aiq), deadlineMs)
        deps.onReachable()
      } catch (e) {
        if (!isUnreachable(e)) throw e
        deps.onUnreachable()
        return fromDirectory(input, raw)
      }
      const { persona } = found
      const phone = input.kind === 'phone' ? input.phone : null
      // never shown as new: AIQ's list leaves blocklisted people out, so "not found" there means nothing here
      if (found.blocklisted) return { kind: 'blocklisted', customer: persona ? customerOf(persona) : null, phone, input: raw }
      if (persona) return live(persona)
      return { kind: 'unknown', phone, input: raw, offline: false }
    },

    async searchCustomers({ query, limit }: MethodArgs<'searchCustomers'>): Promise<MethodOutput<'searchCustomers'>> {
      if (looksLikeLicenceData(query)) throw licenceRefused(query)
      const search = toPhone10(query) ?? query
      try {
        const page = await client().listPersonas({ search, limit, start: 0 })
        deps.onReachable()
        return { results: page.results.map((p) => customerOf(p)), total: page.total }
      } catch (e) {
        // AIQ down: this counter's copy of the customer list answers (the screen says so from the status)
        const dir = deps.directory()
        if (!isUnreachable(e) || !dir) throw e
        deps.onUnreachable()
        const found = dir.search(query, limit)
        return { results: found.map((p) => customerOf(p)), total: found.length }
      }
    },

    async getRewards(ref: CustomerRef): Promise<MethodOutput<'getRewards'>> {
      const aiq = client()
      const phone = ref.phone ? phoneToAsk(ref.phone) : await personaPhone(aiq, ref.contactID!)
      const wallet = await aiq.getWallet({ phone })
      const points = wallet.loyaltyPoints ?? 0
      const rewards = (wallet.discountTemplates ?? []).map((d) => ({
        id: d.id,
        name: d.name,
        posDiscountID: d.posDiscountID ?? null,
        redeemable: typeof d.redemptionURL === 'string' && d.redemptionURL !== '' && d.inStoreRedemption !== false,
        description: d.pageTitle ?? '',
        pointsDeduction: d.pointsDeduction ?? 0,
        available: d.available !== false,
        unlocked: d.available !== false && points >= (d.pointsDeduction ?? 0),
        expiration: d.expiration ? d.expiration * 1000 : null,
      }))
      return { points, hidePoints: wallet.hidePointsInWallet === true, rewards }
    },

    async getVisits({ contactID }: MethodArgs<'getVisits'>) {
      return { visits: groupIntoVisits(await client().getOrders(contactID)) }
    },

    async getTimeline({ contactID }: MethodArgs<'getTimeline'>) {
      const timeline = await client().getTimeline(contactID)
      const events = timeline.events
        .map((e) => ({ at: e.ts * 1000, type: e.type, value: e.value, ...noteWords(e.note ?? null), balance: e.balance ?? null }))
        .sort((a, b) => b.at - a.at)
      return { events }
    },

    async getRecommendations({ contactID }: MethodArgs<'getRecommendations'>) {
      const products = await client().getRecommendations(contactID)
      return {
        products: products.map((p, i) => ({ rank: i + 1, name: p.name, brand: p.brand ?? null, category: p.category ?? null })),
      }
    },

    async getTraits({ contactID }: MethodArgs<'getTraits'>) {
      return { traits: traitsOut(await client().getTraits(contactID)) }
    },

    async saveTraits({ contactID, traits, mode, approval }: MethodArgs<'saveTraits'>) {
      await deps.staff.approve({ kind: 'edit_customer' }, approval)
      const aiq = client()
      const saved = mode === 'add' ? await aiq.addTraits(contactID, traits) : await aiq.replaceTraits(contactID, traits)
      return { traits: traitsOut(saved) }
    },

    async getOverrides({ contactID }: MethodArgs<'getOverrides'>) {
      return { overrides: scalars(await client().getOverrides(contactID)) }
    },

    async saveOverrides({ contactID, overrides, approval }: MethodArgs<'saveOverrides'>) {
      await deps.staff.approve({ kind: 'edit_customer' }, approval)
      return { overrides: scalars(await client().setOverrides(contactID, overrides)) }
    },

    async listStores() {
      return { stores: (await client().listStores()).map((s) => ({ id: s.id, name: s.name })) }
    },

    /** doubleOptIn false (the store turned it off): a yes is set at once, without the confirming text */
    async signUp(args: MethodArgs<'signUp'>, o: { doubleOptIn?: boolean } = {}): Promise<MethodOutput<'signUp'>> {
      const aiq = client()
      const phone = phoneToAsk(args.phone)
      const found = await personaByPhone(aiq, phone)
      if (found.blocklisted) throw new CounterError('invalid_input', BLOCKLISTED_SIGNUP)
      const before = found.persona
      const standing = standingConsent(before)
      const wantsTexts = args.sms === 'double_opt_in'
      // The SMS choice goes in the signup itself, always explicit: AIQ must never text someone who said no (some
      // accounts text every loyalty signup unless disableSMS is set), and the signup's own opt-in request is the only
      // one: no second PUT, none for a number already asked and not yet answered. An opt-out is never undone.
      const single = o.doubleOptIn === false && wantsTexts && standing === 'not_requested'
      const smsoptin = !single && wantsTexts && (standing === 'not_requested' || standing === 'already_opted_in')
      const disableSMS = !wantsTexts && standing !== 'already_opted_in'
      // someone already opted in who says nothing new: their standing consent is not overwritten with a false
      const sendChoice = !(standing === 'already_opted_in' && !wantsTexts)
      const signed = await aiq.signUp({
        mobilePhone: args.phone,
        firstName: args.firstName,
        lastName: args.lastName,
        loyalty: args.loyalty,
        emailOptIn: args.emailOptIn,
        ...(sendChoice ? { smsoptin } : {}),
        ...(disableSMS ? { disableSMS } : {}),
        ...(args.email ? { email: args.email } : {}),
        ...(args.birthday ? { customAttributes: [{ key: BIRTHDAY_ATTRIBUTE, value: args.birthday }] } : {}),
        ...(args.favoriteStoreID !== null ? { favoriteStoreID: args.favoriteStoreID, ...(await storeName(aiq, args.favoriteStoreID)) } : {}),
      })
      if (single) await aiq.setSmsOptIn(phone, true)
      const sms = single ? ('opted_in' as const) : signupOutcome(wantsTexts, standing)
      const contactID = signed.contactID ?? before?.contactID ?? (await findByPhone(aiq, phone))?.contactID
      if (!contactID) throw new CounterError('bad_response', 'AIQ took the sign-up but the new customer cannot be found yet. Check them in again in a minute.')
      const persona = await aiq.getPersona(contactID)
      void deps.directory()?.remember(persona)
      return { customer: customerOf(persona), sms }
    },

    async requestSmsOptIn({ phone }: MethodArgs<'requestSmsOptIn'>) {
      const aiq = client()
      const phone10 = phoneToAsk(phone)
      return { sms: await requestOptIn(aiq, phone10, (await personaByPhone(aiq, phone10)).persona) }
    },
  }

  async function personaPhone(aiq: AiqClient, contactID: string): Promise<Phone10> {
    const phone = toPhone10((await aiq.getPersona(contactID)).mobilePhone ?? '')
    if (!phone) throw new CounterError('not_found', NO_PHONE_FOR_WALLET)
    return phone
  }
}

/** A licence (or part of one) given where a customer is looked up: refused without echoing any of it. */
function licenceRefused(text: string): CounterError {
  if (!parseAamva(text).ok) return new CounterError('invalid_input', UNREADABLE_LICENCE)
  return new CounterError('invalid_input', 'That is a licence: scan it at the check-in field to check the ID.')
}

/** AIQ's answer, or a timeout once the whole lookup has taken `ms` (each call has its own timeout too). */
function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AiqError('timeout')), ms)
  })
  work.catch(() => {})
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

const BLOCKLISTED_SIGNUP = 'This phone is on your AIQ account’s blocklist, so it cannot be signed up here. A manager can look at it in AIQ.'

/** A real signup sends the store's name as well as its id (one integration calls the name required, electron/aiq/README.md §signup). */
async function storeName(aiq: AiqClient, id: number): Promise<{ favoriteStore?: string }> {
  try {
    const name = (await aiq.listStores()).find((s) => s.id === id)?.name
    return name ? { favoriteStore: name } : {}
  } catch {
    return {} // the id alone is what the docs ask for
  }
}

/** When no text is sent: what the customer (e.g. joining loyalty) already decided about texts, else not_requested. */
type Standing = 'opted_out_kept' | 'already_opted_in' | 'pending' | 'not_requested'
function standingConsent(before: Persona | null): Standing {
  const state = before ? smsConsentOf(before) : 'none'
  if (state === 'opted_out') return 'opted_out_kept'
  if (state === 'opted_in') return 'already_opted_in'
  if (state === 'pending') return 'pending'
  return 'not_requested'
}

/** What the signup did about texts: an outstanding request counts as requested (and is never sent twice). */
function signupOutcome(wantsTexts: boolean, standing: Standing) {
  if (standing === 'opted_out_kept' || standing === 'already_opted_in') return standing
  return wantsTexts ? ('requested' as const) : ('not_requested' as const)
}

/** Double opt-in only: the customer confirms by text. A number that opted out is never re-opted in from the counter. */
async function requestOptIn(aiq: AiqClient, phone: Phone10, before: Persona | null) {
  const standing = standingConsent(before)
  if (standing === 'pending') return 'requested' as const // asked already; a second text would only annoy
  if (standing !== 'not_requested') return standing
  await aiq.setSmsOptIn(phone, true, { doubleOpt: true })
  return 'requested' as const
}

/** A note in the budtender's words: an award's tag ([aiqc:ID;Counter 2;Sam]) becomes who it came from. */
function noteWords(note: string | null): { note: string | null; from: string | null } {
  const tag = readTagInfo(note)
  if (!tag || note === null) return { note, from: null }
  return { note: stripTag(note) || null, from: tag.counter ?? 'this counter' }
}

/** Within the contract's limits, so one odd attribute can't reject the whole panel. */
const traitsOut = (list: readonly { key: string; value: string }[]) => list.map(({ key, value }) => ({ key: key.slice(0, 100), value: value.slice(0, 1000) }))

function scalars(fields: Record<string, unknown>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {}
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v)
  }
  return out
}

export type CustomerService = ReturnType<typeof createCustomerService>
export type { Customer }

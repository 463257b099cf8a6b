// "Check AIQ compatibility": each AIQ read endpoint called once, one after another, for one customer named by phone,
// and what the app could read in each answer (from a fresh shape recorder). Read-only: no write method is ever called.
// The report holds field names and counts only — never names, emails, values, and the phone only as its last 4 digits.
import type { CompatReport, CompatRow } from '../../shared/contract'
import { maskPhone, scrubText } from '../../shared/compat-report'
import { toPhone10 } from '../../shared/phone'
import { ENDPOINT, type EndpointName } from './endpoints'
import { AiqError } from './errors'
import { createShapeRecorder, type ShapeReport } from './shapes'
import type { AiqClient, Persona } from './types'

export type CompatOptions = {
  now?: () => number
  /** after each endpoint: how many of `total` are done */
  onProgress?: (done: number, total: number) => void
  /** the counter is in training mode (the built-in sandbox) */
  training?: boolean
}

/** The endpoints the check reads, in the order it calls them, with what each is in budtender words. */
export const COMPAT_STEPS = [
  ['lookupLoyalty', 'Check loyalty by phone'],
  ['listPersonas', 'Search customers'],
  ['getPersona', 'Open customer'],
  ['getPersonaBySrcId', 'Find customer by POS id'],
  ['getOverrides', 'Saved details (overrides)'],
  ['getTraits', 'Custom attributes'],
  ['getOrders', 'Purchases'],
  ['getTimeline', 'Points history'],
  ['getRecommendations', 'Suggested products'],
  ['getWallet', 'Rewards wallet'],
  ['listStores', 'Stores'],
  ['listAdjustments', 'Point adjustments (last 24 hours)'],
  ['listRedemptions', 'Reward redemptions (last 24 hours)'],
] as const satisfies readonly (readonly [EndpointName, string])[]

type StepName = (typeof COMPAT_STEPS)[number][0]
const LABEL = Object.fromEntries(COMPAT_STEPS) as Record<StepName, string>
const TOTAL = COMPAT_STEPS.length
const DAY_SEC = 24 * 60 * 60

/** Why a step was not called. `benign`: says nothing against AIQ (e.g. this customer has no POS id). */
type Skip = { note: string; benign: boolean }

export async function runCompatibilityCheck(client: AiqClient, phone: string, opts: CompatOptions = {}): Promise<CompatReport> {
  const now = opts.now ?? Date.now
  const phone10 = toPhone10(phone)
  if (!phone10) throw new AiqError('invalid_input', "Enter the customer's 10-digit phone number.")
  const ranAt = now()
  const recorder = createShapeRecorder()
  // its own recorder (so the counts are this check's alone) and the background share of the rate budget:
  // check-ins at the counter go first
  const aiq = client.derive({ priority: 'background', shapes: recorder })

  const rows: CompatRow[] = []
  const benignSkips = new Set<number>()
  let stopAll: string | null = null
  let timeoutsInARow = 0

  const push = (row: CompatRow) => {
    rows.push(row)
    opts.onProgress?.(rows.length, TOTAL)
  }

  const skip = (name: StepName, why: Skip) => {
    if (why.benign) benignSkips.add(rows.length)
    push(blank(name, { skipped: true, note: why.note }))
  }

  /**
   * One endpoint, once. `items` counts what a resolved answer held (used when the reader recorded no items);
   * `notFound` is what a 404 means here: understood (nobody by that phone) or not (AIQ contradicts itself).
   */
  async function step<T>(
    name: StepName,
    call: () => Promise<T>,
    o: { items: (v: T) => number; done?: (v: T) => string | null; notFound: { understood: boolean; note: string } },
  ): Promise<T | undefined> {
    if (stopAll) {
      skip(name, { note: stopAll, benign: false })
      return undefined
    }
    const endpoint = ENDPOINT[name]
    let value: T
    try {
      value = await call()
    } catch (e) {
      push(failed(name, e, o.notFound, recorder.report(endpoint)))
      if (e instanceof AiqError) {
        timeoutsInARow = e.kind === 'timeout' ? timeoutsInARow + 1 : 0
        if (e.kind === 'offline') stopAll = 'Not tried: AIQ could not be reached.'
        else if (e.kind === 'unauthorized') stopAll = 'Not tried: AIQ rejected the API key.'
        else if (timeoutsInARow >= 2) stopAll = 'Not tried: AIQ did not answer in time, twice.'
      }
      return undefined
    }
    timeoutsInARow = 0
    const shape = recorder.report(endpoint)
    const itemsSkipped = shape?.itemsSkipped ?? 0
    const missingFields = shape?.missingFields ?? []
    const recordedItems = shape ? shape.itemsRead + shape.itemsSkipped > 0 : false
    const itemsRead = recordedItems ? shape!.itemsRead : o.items(value)
    const understood = itemsSkipped === 0 && missingFields.length === 0
    const notes: string[] = []
    if (understood) notes.push('Answered, and the app read all of it.')
    else {
      if (itemsSkipped) notes.push(`Answered, but ${plural(itemsSkipped, 'item')} could not be read and ${itemsSkipped === 1 ? 'was' : 'were'} skipped.`)
      if (missingFields.length) notes.push(`Answered without ${missingFields.length === 1 ? 'a field' : 'fields'} the app expects.`)
      if (shape?.lastProblem) notes.push(`Last problem: ${shape.lastProblem}`)
    }
    const extra = o.done?.(value)
    if (extra) notes.push(extra)
    if (shape?.unknownFields.length) notes.push(`AIQ also sent ${plural(shape.unknownFields.length, 'field')} the app does not use.`)
    push({
      ...blank(name, { note: notes.join(' ') }),
      reached: true,
      understood,
      itemsRead,
      itemsSkipped,
      unknownFields: shape?.unknownFields ?? [],
      missingFields,
    })
    return value
  }

  // ---- who the customer is: the loyalty lookup's contact id, else an exact match in the list search ----------
  const lookup = await step('lookupLoyalty', () => aiq.lookupLoyalty(phone10), {
    items: () => 1,
    done: (v) => (v.contactID ? null : 'It gave no customer id; the check looks the phone up in the customer search.'),
    notFound: { understood: true, note: 'AIQ answered: no customer with this phone (404).' },
  })
  let matches: Persona[] = []
  await step('listPersonas', () => aiq.listPersonas({ search: phone10, limit: 10 }), {
    items: (v) => v.results.length,
    done: (v) => {
      matches = v.results.filter((p) => toPhone10(p.mobilePhone ?? '') === phone10)
      if (matches.length > 1) return `${matches.length} customers have this mobile phone; the check uses the first.`
      if (matches.length === 0) return lookup?.contactID ? 'The search did not find this mobile phone.' : 'No customer with this mobile phone.'
      return null
    },
    notFound: { understood: true, note: 'AIQ answered: no customer matches (404).' },
  })
  const contactID = lookup?.contactID ?? matches[0]?.contactID ?? null
  const noCustomer: Skip = {
    note: stopAll ?? 'Skipped: AIQ has no customer with this phone. Run the check with the phone of an existing customer.',
    benign: false,
  }
  const known = { understood: false, note: 'AIQ answered "not found" (404) for a customer it had just named — the address may have changed.' }
  const perCustomer = (what: string) => ({
    understood: true,
    note: `AIQ answered "not found" (404): it may have no ${what} for this customer, or the address may have changed.`,
  })

  // ---- the customer's own records ------------------------------------------------------------------------
  let persona: Persona | undefined
  if (contactID) {
    persona = await step('getPersona', () => aiq.getPersona(contactID), { items: () => 1, notFound: known })
    const srcID = persona?.srcID ?? matches.find((p) => p.contactID === contactID)?.srcID ?? null
    if (srcID) {
      await step('getPersonaBySrcId', () => aiq.getPersonaBySrcId(srcID), {
        items: () => 1,
        done: (v) => (v.contactID === contactID ? null : 'It answered with a different customer record (another source may share the POS id).'),
        notFound: known,
      })
    } else skip('getPersonaBySrcId', stopAll ? { note: stopAll, benign: false } : { note: 'Skipped: this customer has no POS id.', benign: true })
    await step('getOverrides', () => aiq.getOverrides(contactID), { items: (v) => Object.keys(v).length, notFound: perCustomer('saved details') })
    await step('getTraits', () => aiq.getTraits(contactID), { items: (v) => v.length, notFound: perCustomer('custom attributes') })
    await step('getOrders', () => aiq.getOrders(contactID), { items: (v) => v.length, notFound: perCustomer('purchases') })
    await step('getTimeline', () => aiq.getTimeline(contactID), { items: (v) => v.events.length, notFound: perCustomer('points history') })
    await step('getRecommendations', () => aiq.getRecommendations(contactID), { items: (v) => v.length, notFound: perCustomer('suggested products') })
  } else {
    for (const name of ['getPersona', 'getPersonaBySrcId', 'getOverrides', 'getTraits', 'getOrders', 'getTimeline', 'getRecommendations'] as const) {
      skip(name, { ...noCustomer, note: stopAll ?? noCustomer.note })
    }
  }

  // ---- by phone and account-wide -------------------------------------------------------------------------
  await step('getWallet', () => aiq.getWallet({ phone: phone10 }), {
    items: (v) => v.discountTemplates?.length ?? 0,
    notFound: contactID ? perCustomer('wallet') : { understood: true, note: 'AIQ answered: no wallet for this phone, customer not found (404).' },
  })
  await step('listStores', () => aiq.listStores(), { items: (v) => v.length, notFound: { understood: false, note: 'AIQ answered "not found" (404) for the store list.' } })
  const endSec = Math.floor(now() / 1000)
  await step('listAdjustments', () => aiq.listAdjustments(endSec - DAY_SEC, endSec), {
    items: (v) => v.length,
    notFound: { understood: false, note: 'AIQ answered "not found" (404) for the adjustments list.' },
  })
  await step('listRedemptions', () => aiq.listRedemptions(endSec - DAY_SEC, endSec), {
    items: (v) => v.length,
    notFound: { understood: false, note: 'AIQ answered "not found" (404) for the redemptions list.' },
  })

  const ok = contactID !== null && rows.every((r, i) => (r.reached && r.understood) || benignSkips.has(i))
  return {
    ranAt,
    host: hostOf(client.origin),
    training: opts.training ?? false,
    uid: client.uid,
    phoneMasked: maskPhone(phone10),
    customerFound: contactID !== null,
    ok,
    rows: rows.map((r) => ({ ...r, note: scrubText(r.note) })),
  }
}

function blank(name: StepName, o: { skipped?: boolean; note: string }): CompatRow {
  return {
    endpoint: ENDPOINT[name],
    label: LABEL[name],
    reached: false,
    understood: false,
    skipped: o.skipped ?? false,
    status: null,
    itemsRead: 0,
    itemsSkipped: 0,
    unknownFields: [],
    missingFields: [],
    note: o.note,
  }
}

/** A call that rejected: reached means AIQ answered with some HTTP status (not offline, not a timeout). */
function failed(name: StepName, e: unknown, notFound: { understood: boolean; note: string }, shape: ShapeReport | undefined): CompatRow {
  const row = blank(name, { note: '' })
  const withShape = (r: CompatRow): CompatRow => ({
    ...r,
    itemsRead: shape?.itemsRead ?? 0,
    itemsSkipped: shape?.itemsSkipped ?? 0,
    unknownFields: shape?.unknownFields ?? [],
    missingFields: shape?.missingFields ?? [],
  })
  if (!(e instanceof AiqError)) return { ...row, note: 'The app failed while making this call (not an AIQ problem). Tell support.' }
  const status = e.details.status ?? null
  const code = status === null ? '' : ` (${status})`
  switch (e.kind) {
    case 'offline':
      return { ...row, note: "Not reached: can't reach AIQ (no connection, or the address is wrong)." }
    case 'timeout':
      return { ...row, note: 'Not reached: AIQ did not answer in time.' }
    case 'invalid_input':
      return { ...row, note: `Not sent: the app refused to send it — ${e.message}` }
    case 'not_found':
      return withShape({ ...row, reached: true, understood: notFound.understood, status: status ?? 404, note: notFound.note })
    case 'unauthorized':
      return { ...row, reached: true, status, note: `AIQ rejected the API key or account id${code}.` }
    case 'rate_limited':
      return { ...row, reached: true, status: status ?? 429, note: `AIQ said too many requests${code || ' (429)'}. Run the check again in a minute.` }
    case 'server_error':
      return { ...row, reached: true, status, note: `AIQ had a problem on its side${code}.` }
    case 'bad_response': {
      const problem = shape?.lastProblem ? ` Last problem: ${shape.lastProblem}` : ''
      return withShape({
        ...row,
        reached: true,
        status,
        note:
          status === 405
            ? `AIQ does not take this request at this address (405): the endpoint may have changed.${problem}`
            : status !== null && (status < 200 || status > 299)
              ? `AIQ refused the request${code}.${problem}`
              : `AIQ answered in a shape the app could not read${code}. ${e.message}${problem}`,
      })
    }
  }
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host || 'unknown'
  } catch {
    return 'unknown'
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

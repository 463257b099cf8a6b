// Finding things in AIQ in ways that do not depend on its least certain answers.
// Phone -> AIQ contact. The loyalty lookup's answer was never observed (electron/aiq/README.md §lookup), so when it
// names no contact id the documented list search is asked instead, keeping only a persona whose phone is exactly this
// one.
import { type Phone10, toPhone10 } from '../../shared/phone'
import { AiqError } from './errors'
import type { AiqClient, Persona } from './types'

/**
 * contactID null: AIQ's lookup says this phone is blocklisted but names no contact (the list, which leaves blocklisted
 * people out, cannot name them either).
 */
export type PhoneMatch = { contactID: string; persona: Persona | null; blocklisted: boolean } | { contactID: null; persona: null; blocklisted: true } | null

/** Errors that mean "this way of asking did not work", so the other way is tried; anything else is rethrown. */
const triesSearch = (e: unknown) => e instanceof AiqError && (e.kind === 'not_found' || e.kind === 'bad_response')

/** A phone from a form or the outbox (not the check-in field, whose router parsed it), parsed once before AIQ is asked. */
export function phoneToAsk(input: string): Phone10 {
  const phone = typeof input === 'string' ? toPhone10(input) : null
  if (!phone) throw new AiqError('invalid_input', NOT_A_PHONE)
  return phone
}

export const NOT_A_PHONE = 'That is not a valid US phone number. Enter 10 digits, e.g. (555) 201-0001.'

export async function findByPhone(client: AiqClient, phone: Phone10): Promise<PhoneMatch> {
  try {
    const status = await client.lookupLoyalty(phone)
    const blocklisted = status.blocklisted === true
    if (status.contactID) return { contactID: status.contactID, persona: null, blocklisted }
    if (blocklisted) return { contactID: null, persona: null, blocklisted }
  } catch (e) {
    if (!triesSearch(e)) throw e
  }
  // 100 is the list's documented default page (100–2000); a phone search rarely fills it
  const page = await client.listPersonas({ search: phone, limit: 100, start: 0 })
  return pickExact(page.results, phone)
}

/** Only an exact 10-digit match counts (a search also matches parts of numbers); a member wins over a non-member. */
export function pickExact(results: readonly Persona[], phone: Phone10): PhoneMatch {
  const exact = results.filter((p) => toPhone10(p.mobilePhone ?? '') === phone)
  const home = exact.length ? exact : results.filter((p) => toPhone10(p.homePhone ?? '') === phone)
  const best = home.find((p) => p.loyalty === true) ?? home[0]
  return best ? { contactID: best.contactID, persona: best, blocklisted: best.blocklisted === true } : null
}

/**
 * POS id -> persona: the by-source-id endpoint, its casing and shape the least certain (electron/aiq/README.md §bysrcid),
 * else the list search, which the docs say accepts source ids; only an exact srcID match counts.
 */
export async function findBySrcId(client: AiqClient, srcID: string): Promise<Persona | null> {
  try {
    return await client.getPersonaBySrcId(srcID)
  } catch (e) {
    if (!triesSearch(e)) throw e
  }
  const page = await client.listPersonas({ search: srcID, limit: 100, start: 0 })
  return page.results.find((p) => p.srcID === srcID) ?? null
}

/** What AIQ knows of a phone: the customer (null: no one, or blocklisted and not named) and whether they are blocklisted. */
export type PhoneAnswer = { persona: Persona | null; blocklisted: boolean }

/**
 * Phone -> the customer, in one round trip where AIQ allows: the loyalty lookup and the list search go out together,
 * and the list's row for that contact is the answer (its fields are all the card shows). Only when the lookup names
 * someone the list leaves out (the list leaves blocklisted people out), or the list failed, is the persona opened.
 */
export async function personaByPhone(client: AiqClient, phone: Phone10): Promise<PhoneAnswer> {
  const lookup = client.lookupLoyalty(phone).then(
    (s) => ({ contactID: s.contactID ?? null, blocklisted: s.blocklisted === true }),
    (e: unknown) => {
      if (triesSearch(e)) return { contactID: null, blocklisted: false }
      throw e
    },
  )
  const [named, listed] = await Promise.allSettled([lookup, client.listPersonas({ search: phone, limit: 100, start: 0 })])
  if (named.status === 'rejected') throw named.reason
  const { contactID, blocklisted } = named.value
  const answer = (persona: Persona | null): PhoneAnswer => ({ persona, blocklisted: blocklisted || persona?.blocklisted === true })
  if (!contactID) {
    if (blocklisted) return answer(null)
    if (listed.status === 'rejected') throw listed.reason
    return answer(pickExact(listed.value.results, phone)?.persona ?? null)
  }
  const row = listed.status === 'fulfilled' ? listed.value.results.find((p) => p.contactID === contactID) : undefined
  return answer(row ?? (await client.getPersona(contactID)))
}

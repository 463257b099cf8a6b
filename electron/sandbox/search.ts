// The list endpoint's `search` parameter: tokens ANDed together.
//   "Full Name" (exact), is:member, not:member, has:phone|mobile|home|email|name|points|usedpoints,
//   email:<address>, an email, a phone (10/11 digits, any punctuation), a contactID, a srcID,
//   some digits (part of a phone), anything else = part of a name.
import type { Persona } from '../aiq/types'

type P = Persona & { [k: symbol]: unknown }
type Test = (p: P) => boolean

export type Matcher = {
  /** an exact key (phone, email, contactID or srcID) that finds the only candidates, when the search has one */
  exact?: string[]
  test: Test
}

const lower = (s: string | null | undefined): string => (s ?? '').toLowerCase()
const fullName = (p: P): string => `${lower(p.firstName)} ${lower(p.lastName)}`.trim()
const phoneOf = (t: string): string | null => {
  const d = t.replace(/\D/g, '')
  if (d.length === 11 && d.startsWith('1')) return d.slice(1)
  return d.length === 10 ? d : null
}

export function matcher(search: string, usedPoints: (p: P) => number = () => 0): Matcher {
  const tests: Test[] = []
  let exact: string | undefined
  const rest = search.replace(/"([^"]*)"/g, (_, name: string) => {
    const wanted = name.trim().toLowerCase().replace(/\s+/g, ' ')
    tests.push((p) => fullName(p) === wanted)
    return ' '
  })
  for (const raw of rest.split(/\s+/).filter(Boolean)) {
    const t = raw.toLowerCase()
    const flag = FLAGS[t]
    if (flag) {
      tests.push(t === 'has:usedpoints' ? (p) => usedPoints(p) > 0 : flag)
    } else if (t.startsWith('email:') || t.includes('@')) {
      const email = t.startsWith('email:') ? t.slice(6) : t
      exact ??= email
      tests.push((p) => lower(p.email) === email)
    } else if (/^[+\d().\-]+$/.test(t) && phoneOf(t)) {
      const phone = phoneOf(t)!
      exact ??= phone
      tests.push((p) => p.mobilePhone === phone || p.homePhone === phone)
    } else if (/^[+\d().\-]{3,}$/.test(t)) {
      const digits = t.replace(/\D/g, '')
      tests.push((p) => (p.mobilePhone ?? '').includes(digits) || (p.homePhone ?? '').includes(digits))
    } else if (/^[0-9a-f]{32}$/.test(t)) {
      exact ??= t
      tests.push((p) => p.contactID === t || lower(p.srcID) === t)
    } else if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(t)) {
      exact ??= t
      tests.push((p) => lower(p.srcID) === t)
    } else {
      tests.push((p) => lower(p.srcID) === t || fullName(p).includes(t))
    }
  }
  return { exact: exact ? [exact] : undefined, test: (p) => tests.every((f) => f(p)) }
}

const FLAGS: Record<string, Test> = {
  'is:member': (p) => p.loyalty === true,
  'not:member': (p) => p.loyalty !== true,
  'has:phone': (p) => !!(p.mobilePhone || p.homePhone),
  'has:mobile': (p) => !!p.mobilePhone,
  'has:home': (p) => !!p.homePhone,
  'has:email': (p) => !!p.email,
  'has:name': (p) => !!(p.firstName || p.lastName),
  'has:points': (p) => (p.loyaltyPoints ?? 0) > 0,
  'has:usedpoints': () => false,
}

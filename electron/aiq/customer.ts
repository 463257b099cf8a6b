// Turning AIQ's wire shapes into what the counter shows. Pure functions.
import type { Customer, SmsConsent } from '../../shared/contract'
import { toPhone10 } from '../../shared/phone'
import type { LineItem, Persona } from './types'

/** SMS consent as the budtender needs it. An opt-out wins over an older opt-in; a pending request shows as pending. */
export function smsConsentOf(p: Pick<Persona, 'optinTime' | 'optoutTime' | 'hasRequested' | 'optreqTime'> & { smsconsent?: unknown }): SmsConsent {
  const optin = p.optinTime ?? 0
  const optout = p.optoutTime ?? 0
  if (optout > 0 && optout >= optin) return 'opted_out'
  if (optin > 0) return 'opted_in'
  if (p.hasRequested || (p.hasRequested !== false && (p.optreqTime ?? 0) > 0)) return 'pending'
  // no times at all, only a consent flag (read as a boolean by answers.ts)
  if (p.smsconsent === true) return 'opted_in'
  return 'none'
}

/** pendingPoints: this counter's awards on their way to AIQ; failedPoints: those AIQ refused (kept apart). */
export function toCustomer(p: Persona, pendingPoints: number, failedPoints = 0): Customer {
  const phone = toPhone10(p.mobilePhone ?? '') ?? toPhone10(p.homePhone ?? '')
  return {
    contactID: p.contactID,
    firstName: p.firstName ?? '',
    lastName: p.lastName ?? '',
    phone,
    email: p.email || null,
    srcID: p.srcID || null,
    member: p.loyalty === true,
    sms: smsConsentOf(p),
    emailOptIn: (p.emailOptInTime ?? 0) > 0 || p.emailOptIn === true,
    points: p.loyaltyPoints ?? 0,
    pendingPoints,
    failedPoints,
    favoriteStoreID: typeof p.favoriteStoreID === 'number' ? p.favoriteStoreID : null,
  }
}

export type Visit = {
  at: number
  storeName: string | null
  total: number
  items: { name: string; brand: string | null; quantity: number; totalPrice: number }[]
}

/** AIQ returns flat line items; items bought in one visit share a timestamp. Newest visit first. */
export function groupIntoVisits(items: LineItem[]): Visit[] {
  const byTs = new Map<number, Visit>()
  for (const item of items) {
    const visit = byTs.get(item.timestamp) ?? { at: item.timestamp * 1000, storeName: item.storeName ?? null, total: 0, items: [] }
    visit.items.push({ name: item.name, brand: item.brand ?? null, quantity: item.quantity, totalPrice: item.totalPrice })
    visit.total = Math.round((visit.total + item.totalPrice) * 100) / 100
    byTs.set(item.timestamp, visit)
  }
  return [...byTs.values()].sort((a, b) => b.at - a.at)
}

export const customerName = (c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`.trim()

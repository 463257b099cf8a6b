// "Recently checked in": the last customers at this counter, newest first, each person once. Pure.
import type { Customer } from '../../../shared/contract'

/** Only what the customer directory keeps anyway: the contact id and the name. Kept in memory, never on disk. */
export type RecentCustomer = { contactID: string; name: string; at: number }
export const RECENT_MAX = 10

export function rememberRecent(list: readonly RecentCustomer[], c: Pick<Customer, 'contactID' | 'firstName' | 'lastName'>, at: number): RecentCustomer[] {
  const name = `${c.firstName} ${c.lastName}`.trim() || 'Unnamed customer'
  if (list[0]?.contactID === c.contactID && list[0].name === name) return list as RecentCustomer[]
  return [{ contactID: c.contactID, name, at }, ...list.filter((r) => r.contactID !== c.contactID)].slice(0, RECENT_MAX)
}

/** Alt+1 … Alt+9, Alt+0 for the tenth: the index in the list, or null for any other key. */
export function recentKeyIndex(e: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; code?: string }): number | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null
  // code, not key: Alt+digit types other characters on some keyboard layouts (macOS Option)
  const digit = /^Digit(\d)$/.exec(e.code ?? '')?.[1] ?? (/^\d$/.test(e.key) ? e.key : null)
  if (digit === null) return null
  return digit === '0' ? 9 : Number(digit) - 1
}

// Pure state changes, unit-tested without a DOM.
import type { AppStatus, CheckInResult, Customer, OutboxEntry } from '../../../shared/contract'
import { idlePanel } from './panels'
import type { ProfilePanels } from './types'

export const emptyPanels: ProfilePanels = {
  rewards: idlePanel,
  visits: idlePanel,
  timeline: idlePanel,
  recommendations: idlePanel,
  traits: idlePanel,
  overrides: idlePanel,
}

/** An award is on disk: count it as pending at once, before main's next status event says so. */
export function statusAfterAward(status: AppStatus | null, entry: OutboxEntry): AppStatus | null {
  if (!status) return status
  return {
    ...status,
    outbox: { ...status.outbox, pending: status.outbox.pending + 1, pendingPoints: status.outbox.pendingPoints + entry.value },
  }
}

/** The profile on screen shows the new pending points when the award is for this customer. */
export function resultAfterAward(result: CheckInResult | null, entry: OutboxEntry): CheckInResult | null {
  if (result?.kind !== 'customer') return result
  const c = result.customer
  return isFor(entry, c) ? { ...result, customer: { ...c, pendingPoints: c.pendingPoints + entry.value } } : result
}

/** this customer's award in the account connected now (another account's awards never count on this card) */
const isFor = (entry: OutboxEntry, c: Pick<Customer, 'contactID' | 'phone'>) =>
  !entry.otherAccount && (entry.contactID !== null ? entry.contactID === c.contactID : entry.phone !== null && entry.phone === c.phone)

/** Points still on their way to AIQ for this customer (pending or sending; failed ones are apart), from main's list. */
export function unsyncedPointsFor(entries: readonly OutboxEntry[], c: Pick<Customer, 'contactID' | 'phone'>): number {
  return entries.reduce((sum, e) => (isFor(e, c) && (e.state === 'pending' || e.state === 'sending') ? sum + e.value : sum), 0)
}

/** Newest first, one row per id: an event from main replaces what we had. */
export function mergeOutbox(current: readonly OutboxEntry[], incoming: readonly OutboxEntry[]): OutboxEntry[] {
  const byId = new Map(current.map((e) => [e.id, e]))
  for (const e of incoming) byId.set(e.id, e)
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
}

export function customerResult(customer: Customer, now: number): CheckInResult {
  return { kind: 'customer', customer, source: 'live', asOf: now }
}

export function withCustomer(result: CheckInResult | null, update: (c: Customer) => Customer): CheckInResult | null {
  return result?.kind === 'customer' ? { ...result, customer: update(result.customer) } : result
}

/** Points of this customer's awards AIQ refused (failed), from main's list of unsynced awards. */
export function failedPointsFor(entries: readonly OutboxEntry[], c: Pick<Customer, 'contactID' | 'phone'>): number {
  return entries.reduce((sum, e) => (isFor(e, c) && e.state === 'failed' ? sum + e.value : sum), 0)
}

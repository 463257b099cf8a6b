// Selectors for the queue screen: which awards still need AIQ, and how each one reads to a budtender.
import type { CustomerRef, OutboxEntry, OutboxState } from '../../../shared/contract'
import { formatPhone, toPhone10 } from '../../../shared/phone'
import { isContactId } from '../../../shared/contact-id'
import { accountLabel, NEEDS_CHECK, STOPPED_RETRYING } from '../../../shared/queue-words'

export const QUEUE_STATES = ['pending', 'sending', 'failed'] as const satisfies readonly OutboxState[]
type QueueState = (typeof QUEUE_STATES)[number]

const ORDER: Record<QueueState, number> = { failed: 0, sending: 1, pending: 2 }

/** Awards not yet in AIQ: failed first (a person must act), then sending, then pending; oldest first within each. */
export function queueRows(entries: readonly OutboxEntry[]): OutboxEntry[] {
  return entries
    .filter((e): e is OutboxEntry & { state: QueueState } => (QUEUE_STATES as readonly string[]).includes(e.state))
    .sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
}

export function queueCounts(entries: readonly OutboxEntry[]): Record<QueueState, number> {
  const counts = { pending: 0, sending: 0, failed: 0 }
  for (const e of entries) if (e.state in counts) counts[e.state as QueueState]++
  return counts
}

export function stateLabel(e: Pick<OutboxEntry, 'state' | 'lastError'>): string {
  switch (e.state) {
    case 'failed':
      if (e.lastError?.startsWith(NEEDS_CHECK)) return 'Needs a check'
      if (e.lastError?.startsWith(STOPPED_RETRYING)) return 'Stopped retrying'
      return 'Failed'
    case 'sending':
      // a send whose answer never came: AIQ may have it; the engine checks AIQ before sending again
      return e.lastError ? 'Waiting to confirm' : 'Sending'
    case 'pending':
      return e.lastError ? 'Waiting to retry' : 'Pending'
    case 'synced':
      return 'Synced'
    case 'discarded':
      return 'Discarded'
  }
}


/** "just now", "12 min ago", "3 h ago", "2 days ago". */
export function formatAge(createdAt: number, now: number): string {
  const min = Math.floor(Math.max(0, now - createdAt) / 60_000)
  if (min < 1) return 'just now'
  if (min < 60) return `${min} min ago`
  const h = Math.floor(min / 60)
  if (h < 24) return `${h} h ago`
  const d = Math.floor(h / 24)
  return d === 1 ? '1 day ago' : `${d} days ago`
}

/** Who the award is for, in the words on screen: the name, else the phone, else AIQ's id. */
export function customerLabel(e: Pick<OutboxEntry, 'customerName' | 'phone' | 'contactID'>): string {
  const name = e.customerName.trim()
  if (name) return name
  if (e.phone) return formatPhone(e.phone)
  return 'Customer without a name'
}

/** The small second line under the customer: the phone under a name; AIQ's id (shortened) only when nothing else names them. */
export function customerDetail(e: Pick<OutboxEntry, 'customerName' | 'phone' | 'contactID'>): string | null {
  if (e.customerName.trim() && e.phone) return formatPhone(e.phone)
  if (e.customerName.trim() || e.phone || !e.contactID) return null
  return `AIQ id ${e.contactID.slice(0, 8)}…`
}

/** An award given in another account: it waits for that account, whose manager alone may change or drop it. */
export function otherAccountNote(e: Pick<OutboxEntry, 'account' | 'otherAccount'>): string | null {
  return e.otherAccount ? `Given in ${accountLabel(e.account)} — sent when that account is connected again` : null
}

/** "Sending" rows may already be in AIQ: they can't be changed until the engine knows. */
export const canRetry = (e: Pick<OutboxEntry, 'state' | 'otherAccount'>) => !e.otherAccount && (e.state === 'pending' || e.state === 'failed')
export const canFix = (e: Pick<OutboxEntry, 'state' | 'otherAccount'>) => !e.otherAccount && (e.state === 'pending' || e.state === 'failed')
export const canDiscard = (e: Pick<OutboxEntry, 'state' | 'otherAccount'>) => !e.otherAccount && (e.state === 'pending' || e.state === 'failed')

/** What was typed into "Fix customer": a US phone, or an AIQ contact id. */
export function parseCustomerFix(text: string): { ok: true; customer: CustomerRef } | { ok: false; error: string } {
  const t = text.trim()
  if (!t) return { ok: false, error: 'Enter the phone number or the AIQ contact ID.' }
  const phone = toPhone10(t)
  if (phone) return { ok: true, customer: { phone } }
  // the same form check-in takes a contact id in (shared/contact-id.ts)
  if (isContactId(t)) return { ok: true, customer: { contactID: t.toLowerCase() } }
  return { ok: false, error: 'That is neither a 10-digit phone number nor an AIQ contact ID.' }
}

/** Both fields of the discard dialog must be filled: the reason and who is discarding. */
export function discardProblem(reason: string, by: string): string | null {
  if (!reason.trim()) return 'Say why this award is being discarded.'
  if (!by.trim()) return 'Enter who is discarding it.'
  if (reason.trim().length > 200) return 'Keep the reason under 200 characters.'
  if (by.trim().length > 80) return 'Keep the name under 80 characters.'
  return null
}

/**
 * The Queue's notice as it stands now: "Trying … again now" lasts only while that award is on its way; once it has
 * left the queue it reached AIQ, and once it failed again its row says why.
 */
export function queueNotice(
  q: { notice: string | null; retrying?: { id: string; label: string } | null },
  rows: readonly Pick<OutboxEntry, 'id' | 'state'>[],
): string | null {
  if (!q.retrying) return q.notice
  const row = rows.find((r) => r.id === q.retrying!.id)
  if (!row) return `${q.retrying.label} reached AIQ.`
  return row.state === 'failed' ? null : q.notice
}

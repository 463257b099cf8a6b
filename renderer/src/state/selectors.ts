// Selectors: plain functions from state (or a piece of it) to what the screen shows. Unit-tested in node.
import type { AppStatus, CheckInResult, Customer, OutboxEntry, RecentAwards, RedemptionEntry, SmsConsent } from '../../../shared/contract'
import { addPoints, formatPoints } from '../../../shared/points'
import { accountLabel } from '../../../shared/queue-words'
import { formatPhone } from '../../../shared/phone'
import type { CounterState, Rewards, ShiftReport } from './types'

// ---- status ----------------------------------------------------------------------------------

export const TRAINING_BANNER = 'TRAINING MODE — practice data, nothing is sent to AIQ'
export const OFFLINE_BANNER = 'Offline — awards are saved and will sync when AIQ is back'

export function pendingAwardCount(status: AppStatus | null): number {
  return status ? status.outbox.pending + status.outbox.sending : 0
}
export function failedAwardCount(status: AppStatus | null): number {
  return status?.outbox.failed ?? 0
}
/** awards still waiting that belong to accounts other than the connected one */
export function otherAccountAwardCount(status: AppStatus | null): number {
  return status?.outbox.otherAccounts.reduce((n, o) => n + o.waiting, 0) ?? 0
}
export function isTraining(status: AppStatus | null): boolean {
  return status?.mode === 'training'
}

/** The one connection message at the top of every screen, or null when all is well. */
export function connectionBanner(status: AppStatus | null): { tone: 'warn' | 'error'; text: string } | null {
  if (!status) return null
  if (status.syncPaused) return { tone: 'error', text: status.syncPaused }
  if (status.mode === 'unconfigured') return { tone: 'warn', text: 'Not connected to AIQ — open Settings to connect an account or practise in training mode' }
  if (!status.online) return { tone: 'warn', text: OFFLINE_BANNER }
  return null
}

// ---- the customer on screen ------------------------------------------------------------------

export function currentCustomer(s: Pick<CounterState, 'checkin'>): Customer | null {
  const r = s.checkin.result
  return r?.kind === 'customer' ? r.customer : null
}

/**
 * What the customer has, as far as this counter knows: AIQ's balance plus awards on their way. Awards AIQ refused
 * (failed) are not counted: they are not in AIQ and may never be; they are shown apart (failedLabel).
 */
export function balance(c: Pick<Customer, 'points' | 'pendingPoints'>): number {
  return addPoints(c.points, c.pendingPoints)
}

/** The balance after a redemption as the card reckons it: AIQ's balance, this counter's awards on their way, less the cost. */
export function balanceAfterRedeeming(c: Pick<Customer, 'points' | 'pendingPoints'>, cost: number): number {
  return addPoints(c.points, c.pendingPoints, -cost)
}

/** Awards AIQ refused for this customer, apart from the balance, or null when none. */
export function failedLabel(c: Pick<Customer, 'failedPoints'>): string | null {
  const f = c.failedPoints ?? 0
  if (f === 0) return null
  return `${f > 0 ? '+' : ''}${formatPoints(f)} failed — not in AIQ, see the queue`
}

export function pendingLabel(c: Pick<Customer, 'pendingPoints'>): string | null {
  if (c.pendingPoints === 0) return null
  return c.pendingPoints > 0 ? `(+${formatPoints(c.pendingPoints)} pending)` : `(${formatPoints(c.pendingPoints)} pending)`
}

export const SMS_LABEL: Record<SmsConsent, string> = {
  opted_in: 'SMS: Opted in',
  pending: 'SMS: Pending double opt-in',
  opted_out: 'SMS: Opted out',
  none: 'No SMS consent',
}

export function statusChips(c: Customer): { text: string; tone: 'good' | 'neutral' | 'warn' }[] {
  return [
    c.member ? { text: 'Member', tone: 'good' } : { text: 'Not a member', tone: 'warn' },
    { text: SMS_LABEL[c.sms], tone: c.sms === 'opted_in' ? 'good' : c.sms === 'opted_out' ? 'warn' : 'neutral' },
    c.emailOptIn ? { text: 'Email opt-in', tone: 'good' } : { text: 'No email opt-in', tone: 'neutral' },
  ]
}

/** Asking again is pointless when they are in, and forbidden when they opted out. */
export function canAskSmsConsent(c: Customer): boolean {
  return c.phone !== null && (c.sms === 'none' || c.sms === 'pending')
}

/** Where the card's figures come from when not AIQ's answer just now: this counter's copy, while AIQ is asked or offline. */
export function sourceLabel(result: CheckInResult, formatTime: (ms: number) => string, askingAiq = false): string | null {
  if (result.kind !== 'customer' || result.source !== 'directory') return null
  return askingAiq ? `From this counter's copy (${formatTime(result.asOf)}) — asking AIQ…` : `Offline — as of ${formatTime(result.asOf)}`
}

// ---- rewards ---------------------------------------------------------------------------------

export type RewardView = Rewards['rewards'][number] & {
  unlocked: boolean
  pointsShort: number
  /** what is missing, in words, when locked ("needs 40 more points"; "points waiting to sync don't count yet") */
  missing: string | null
  /** AIQ's balance after redeeming it */
  balanceAfter: number
}

/**
 * Unlocked when AIQ says it can be redeemed and AIQ's balance covers it: points still waiting to sync cannot be
 * redeemed yet (`pendingPoints`: this counter's awards on their way). Unlocked first, then cheapest.
 */
export function rewardsView(r: Rewards, pendingPoints = 0): RewardView[] {
  return r.rewards
    .map((x) => {
      const unlocked = x.available && r.points >= x.pointsDeduction
      const pointsShort = Math.max(0, addPoints(x.pointsDeduction, -r.points))
      return { ...x, unlocked, pointsShort, missing: unlocked ? null : lockedBecause(x.available, pointsShort, pendingPoints), balanceAfter: addPoints(r.points, -x.pointsDeduction) }
    })
    .sort((a, b) => Number(b.unlocked) - Number(a.unlocked) || a.pointsDeduction - b.pointsDeduction)
}

function lockedBecause(available: boolean, short: number, pending: number): string {
  if (short === 0) return available ? '' : 'not offered to this customer right now'
  const needs = `needs ${formatPoints(short)} more point${short === 1 ? '' : 's'}`
  return pending > 0 ? `${needs}; points waiting to sync don't count yet` : needs
}

/** Why Redeem cannot be pressed for this reward right now, or null when it can. */
export function redeemBlocked(x: RewardView, opts: { online: boolean; live: boolean }): string | null {
  if (!x.unlocked) return x.missing || 'Locked'
  if (!opts.online || !opts.live) return 'Redeeming needs AIQ, and it cannot be reached right now'
  if (!x.redeemable) return 'AIQ gives no redemption link for this reward; redeem it in AIQ'
  return null
}

/** A redemption's state in one word, for the shift report. */
export function redemptionLabel(r: Pick<RedemptionEntry, 'state'>): { text: string; tone: 'synced' | 'pending' | 'failed' | 'discarded' } {
  switch (r.state) {
    case 'redeemed':
      return { text: 'Redeemed', tone: 'synced' }
    case 'refused':
      return { text: 'Refused', tone: 'failed' }
    case 'not_sent':
      return { text: 'Not sent', tone: 'discarded' }
    case 'in_doubt':
      return { text: 'In doubt', tone: 'pending' }
    case 'sending':
      return { text: 'Sending', tone: 'pending' }
  }
}

/** What the screen says about a redemption's result. */
export function redemptionWords(r: RedemptionEntry): { tone: 'ok' | 'warn' | 'error'; text: string } {
  switch (r.state) {
    case 'redeemed':
      return {
        tone: 'ok',
        text: `Redeemed ${r.rewardName} on POS transaction ${r.posTransactionId}${r.balanceAfter === null ? '' : ` — new balance ${formatPoints(r.balanceAfter)} points`}.${r.foundInAiq ? ' (Found in AIQ’s redemptions: it had gone through.)' : ''}`,
      }
    case 'refused':
      return { tone: 'error', text: `AIQ refused: ${r.message ?? 'no reason given'}. Nothing was redeemed; remove the discount in the POS.` }
    case 'not_sent':
      return { tone: 'error', text: `Not redeemed: ${r.message ?? 'it did not reach AIQ'}` }
    case 'in_doubt':
      return { tone: 'warn', text: r.message ?? 'AIQ did not confirm the redemption. Check again before the customer leaves.' }
    case 'sending':
      return { tone: 'warn', text: 'Being redeemed…' }
  }
}

// ---- awards ----------------------------------------------------------------------------------

export const PRESET_REASONS = ['Purchase', 'Birthday', 'Referral', 'Make-good / service recovery', 'Correction'] as const
export const OTHER_REASON = 'Other'
/** not chosen yet: a deduction starts here, so nobody deducts "for a purchase" by accident */
export const NO_REASON = ''
export const defaultReason = (direction: 'award' | 'deduct'): string => (direction === 'award' ? PRESET_REASONS[0] : NO_REASON)

/** The reason AIQ sees: a preset, with the free text after it; "Other" needs the free text. Null when incomplete. */
export function awardReason(preset: string, details: string): string | null {
  const d = details.trim()
  if (preset === NO_REASON) return null
  if (preset === OTHER_REASON) return d.length > 0 ? d : null
  return d.length > 0 ? `${preset}: ${d}` : preset
}

export function signedValue(direction: 'award' | 'deduct', amount: number): number {
  return direction === 'deduct' ? -Math.abs(amount) : Math.abs(amount)
}

/** A whole number of points, 1..100,000; null otherwise. */
export function parseAmount(text: string): number | null {
  const t = text.trim().replace(/,/g, '')
  if (!/^\d{1,6}$/.test(t)) return null
  const n = Number(t)
  return n >= 1 && n <= 100_000 ? n : null
}

export function goesBelowZero(currentBalance: number, value: number): boolean {
  return value < 0 && addPoints(currentBalance, value) < 0
}

// ---- shift report ----------------------------------------------------------------------------

export function startOfDay(now: number): number {
  const d = new Date(now)
  d.setHours(0, 0, 0, 0)
  return d.getTime()
}

export type LocalRow = OutboxEntry & { label: 'Synced' | 'Pending' | 'Failed' | 'Discarded'; detail: string | null; customer: string }

export function localAwardLabel(e: OutboxEntry): LocalRow['label'] {
  switch (e.state) {
    case 'synced':
      return 'Synced'
    case 'failed':
      return 'Failed'
    case 'discarded':
      return 'Discarded'
    default:
      return 'Pending'
  }
}

/** Who a report row is for, in words: the name (from AIQ's row when this counter had none), else the phone, formatted. */
const customerWords = (name: string, phone: string | null | undefined) => name.trim() || (phone ? formatPhone(phone) : 'Customer without a name')

export function reportRows(r: ShiftReport) {
  const localIds = new Set(r.local.map((e) => e.id))
  const adj = r.aiq.adjustments
  const named = (contactID: string | null, outboxId?: string) =>
    adj.find((a) => a.customerName.trim() && ((outboxId && a.outboxId === outboxId) || (contactID !== null && a.contactID === contactID)))
  const local: LocalRow[] = [...r.local]
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((e) => {
      const label = localAwardLabel(e)
      const why = label === 'Failed' ? e.lastError : label === 'Discarded' ? e.discardReason : null
      const detail = [why, e.otherAccount ? `given in ${accountLabel(e.account)}` : null].filter(Boolean).join(' · ') || null
      const customer = customerWords(e.customerName || named(e.contactID, e.id)?.customerName || '', e.phone)
      return { ...e, label, detail, customer }
    })
  const aiq = [...adj].sort((a, b) => a.at - b.at).map((a) => {
    const mine = r.local.find((e) => (a.outboxId !== null && e.id === a.outboxId) || e.contactID === a.contactID)
    const customer = customerWords(a.customerName || mine?.customerName || '', a.phone ?? mine?.phone)
    return { ...a, customer, fromThisCounter: a.outboxId !== null && localIds.has(a.outboxId) }
  })
  const totals = {
    aiqPoints: aiq.reduce((n, a) => n + a.value, 0),
    synced: local.filter((e) => e.label === 'Synced').length,
    pending: local.filter((e) => e.label === 'Pending').length,
    failed: local.filter((e) => e.label === 'Failed').length,
  }
  return { local, aiq, totals }
}

/** "+40 at Counter 2 by Sam, 3 minutes ago": points the customer already got lately, newest first, in AIQ's time. */
export function recentAwardLines(recent: RecentAwards | null): string[] {
  if (!recent) return []
  return recent.awards.map((a) => {
    const where = a.thisCounter ? 'this counter' : a.counter ?? 'AIQ'
    const minutes = Math.max(0, Math.round((recent.now - a.at) / 60_000))
    const when = minutes === 0 ? 'just now' : `${minutes} minute${minutes === 1 ? '' : 's'} ago`
    return `${a.value > 0 ? '+' : '−'}${formatPoints(Math.abs(a.value))} at ${where}${a.by ? ` by ${a.by}` : ''}, ${when}`
  })
}

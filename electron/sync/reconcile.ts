// The decisions the sync engine makes, as pure functions: is a possibly-sent award already in AIQ, and what to do
// about an error from AIQ.
import { AiqError } from '../aiq/errors'
import type { Adjustment } from '../aiq/types'
import { readTag } from './tag'

/** How far around the award's time to look for its tag: counter and AIQ clocks may disagree a little. */
export const reconcileSlackMs = 5 * 60_000

/** The adjustments window (epoch seconds) to search for a row created at `createdAt`, asked at `now`. */
export function reconcileWindow(createdAt: number, now: number): { startSec: number; endSec: number } {
  return {
    startSec: Math.floor((createdAt - reconcileSlackMs) / 1000),
    endSec: Math.ceil((Math.max(now, createdAt) + reconcileSlackMs) / 1000),
  }
}

export type Reconciliation =
  | { kind: 'already_applied'; copies: number }
  | { kind: 'send' }
  /** the tag is in AIQ but for another customer or amount: sending again could double it, so a person decides */
  | { kind: 'conflict'; message: string }

export function reconcile(row: { id: string; contactID: string | null; value: number }, adjustments: readonly Adjustment[]): Reconciliation {
  const tagged = adjustments.filter((a) => readTag(a.note) === row.id.toUpperCase())
  if (tagged.length === 0) return { kind: 'send' }
  const same = tagged.filter((a) => a.contactID === row.contactID && a.value === row.value)
  if (same.length > 0) return { kind: 'already_applied', copies: same.length }
  const a = tagged[0]!
  return {
    kind: 'conflict',
    message: `AIQ already has this award as ${a.value} points for customer ${a.contactID}, not ${row.value} for ${row.contactID ?? 'this customer'}. Check it in AIQ before retrying.`,
  }
}

export type ErrorAction =
  /** try again later; `mayHaveApplied` = AIQ may have applied it, so look for the tag before sending again */
  | { kind: 'retry'; mayHaveApplied: boolean; floorMs: number; unreachable: boolean; message: string }
  /** nothing can succeed until a person fixes the account (401/403) */
  | { kind: 'pause'; message: string }
  /** park the row for a person to fix or discard */
  | { kind: 'fail'; message: string }

export const customerNotFound = 'Customer not found in AIQ — fix customer (pick the right customer or phone) or discard.'

/**
 * What to do after AIQ answered a call for this row with an error.
 * `during` = which call failed: resolving a phone to a contact, checking AIQ's adjustments, or the adjust PUT itself.
 */
export function actionFor(e: unknown, during: 'lookup' | 'reconcile' | 'send', queuedByPhone: boolean): ErrorAction {
  const sent = during === 'send'
  // while checking for the tag the row may already be in AIQ: whatever went wrong, look again later, never park it
  if (during === 'reconcile' && !(e instanceof AiqError && e.kind === 'unauthorized')) {
    const unreachable = e instanceof AiqError && (e.kind === 'offline' || e.kind === 'timeout')
    const floorMs = e instanceof AiqError ? (e.retryAfterMs ?? 0) : 0
    const message = e instanceof Error ? e.message : String(e)
    return { kind: 'retry', mayHaveApplied: true, floorMs, unreachable, message }
  }
  if (!(e instanceof AiqError)) {
    // not an AIQ answer: a bug of ours, so keep the row and try again later; never drop it
    const message = `Unexpected problem while syncing: ${e instanceof Error ? e.message : String(e)}`
    return { kind: 'retry', mayHaveApplied: sent, floorMs: 0, unreachable: false, message }
  }
  switch (e.kind) {
    case 'offline':
    case 'timeout':
      return { kind: 'retry', mayHaveApplied: sent && e.details.notSent !== true, floorMs: 0, unreachable: true, message: e.message }
    case 'server_error':
      return { kind: 'retry', mayHaveApplied: sent, floorMs: 0, unreachable: false, message: e.message }
    case 'rate_limited':
      // AIQ refused before doing anything
      return { kind: 'retry', mayHaveApplied: false, floorMs: e.retryAfterMs ?? 0, unreachable: false, message: e.message }
    case 'unauthorized':
      return { kind: 'pause', message: e.message }
    case 'not_found':
      return { kind: 'fail', message: queuedByPhone || during === 'lookup' ? customerNotFound : `${customerNotFound} (AIQ has no customer with this id.)` }
    case 'bad_response': {
      // AIQ answered and said no (a 4xx, or {success:false}): it did not apply it, a person decides
      if (e.details.aiqMessage !== undefined || (e.status !== undefined && e.status >= 400 && e.status < 500)) {
        return { kind: 'fail', message: e.details.aiqMessage ? `AIQ refused this award: ${e.details.aiqMessage}` : e.message }
      }
      // a 2xx we could not read: AIQ probably did the work, the tag check will tell
      return { kind: 'retry', mayHaveApplied: sent, floorMs: 0, unreachable: false, message: e.message }
    }
    case 'invalid_input':
      return { kind: 'fail', message: e.message }
  }
}

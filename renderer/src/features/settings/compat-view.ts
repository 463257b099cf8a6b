// Pure helpers for Settings › Check AIQ compatibility (the table's words, the phone check, copying the report).
import type { CompatRow } from '../../../../shared/contract'
import { isNotTried } from '../../../../shared/compat-report'
import { toPhone10 } from '../../../../shared/phone'

export const COMPAT_PHONE_LABEL = 'Customer phone for the check'

/** The phone as the contract wants it, or what to say. */
export function compatPhone(raw: string): { phone: string } | { problem: string } {
  if (!raw.trim()) return { problem: "Enter the phone number of a customer who is in AIQ, for example a regular's." }
  const phone = toPhone10(raw)
  return phone ? { phone } : { problem: 'That is not a US phone number. Enter 10 digits, for example (555) 201-0001.' }
}

export function reachedText(r: CompatRow): string {
  if (isNotTried(r)) return 'Not tried'
  if (r.skipped) return 'Skipped'
  return r.reached ? 'Yes' : 'No'
}

export function understoodText(r: CompatRow): string {
  if (isNotTried(r)) return 'Not tried'
  if (r.skipped) return 'Skipped'
  if (!r.reached) return '—'
  return r.understood ? 'Yes' : 'No'
}

export const fieldsText = (fields: readonly string[]) => (fields.length ? fields.join(', ') : 'None')

/** One row's overall state, for its colour: good, bad, or neither (skipped). */
export function rowTone(r: CompatRow): 'good' | 'bad' | 'skipped' {
  if (r.skipped) return isNotTried(r) ? 'bad' : 'skipped'
  return r.reached && r.understood ? 'good' : 'bad'
}

/**
 * The report onto the clipboard: the async Clipboard API where allowed, else the older copy command on a hidden
 * text field (Electron may refuse the permission). False when neither worked.
 */
export async function copyText(text: string, doc: Document = document): Promise<boolean> {
  try {
    if (doc.defaultView?.navigator.clipboard?.writeText) {
      await doc.defaultView.navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // fall through to the copy command
  }
  const area = doc.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.className = 'copy-buffer' // off screen, by the stylesheet: the renderer sets no inline styles (CSP)
  const before = doc.activeElement as HTMLElement | null
  doc.body.appendChild(area)
  area.select()
  let ok = false
  try {
    ok = doc.execCommand('copy')
  } catch {
    ok = false
  }
  area.remove()
  before?.focus?.()
  return ok
}

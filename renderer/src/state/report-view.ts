// The shift report's range (whole days on this computer's calendar) and its CSV export. Pure.
import type { ShiftReport } from './types'
import { reportRows } from './selectors'
import { idCheckTotals } from './staff-view'

/** yyyy-mm-dd of a moment, on this computer's calendar */
export function dayOf(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

function midnight(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return null
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return dayOf(d.getTime()) === day ? d.getTime() : null
}

/** From the start of `fromDay` to the end of `toDay` (never past now); main adds AIQ's clock offset. */
export function reportWindow(fromDay: string, toDay: string, now: number): { ok: true; from: number; to: number } | { ok: false; error: string } {
  const from = midnight(fromDay)
  const toStart = midnight(toDay)
  if (from === null || toStart === null) return { ok: false, error: 'Choose both dates.' }
  if (toStart < from) return { ok: false, error: 'The “to” date is before the “from” date.' }
  if (from > now) return { ok: false, error: 'The report cannot start in the future.' }
  const nextDay = new Date(toStart)
  nextDay.setDate(nextDay.getDate() + 1)
  return { ok: true, from, to: Math.min(nextDay.getTime(), now) }
}

/** "today", "Dec 5", "Dec 1 – Dec 6" */
export function rangeLabel(fromDay: string, toDay: string, now: number): string {
  const today = dayOf(now)
  const short = (day: string) => new Date(midnight(day) ?? 0).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
  if (fromDay === toDay) return fromDay === today ? 'today' : short(fromDay)
  return `${short(fromDay)} – ${toDay === today ? 'today' : short(toDay)}`
}

const cell = (v: string | number | null | undefined): string => {
  const s = v === null || v === undefined ? '' : String(v)
  // quoted where needed; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}
const iso = (ms: number) => new Date(ms).toISOString()

/** The report as CSV: this counter's awards, AIQ's adjustments, and the ID check counts. */
export function reportCsv(r: ShiftReport): string {
  const rows = reportRows(r)
  const ids = idCheckTotals(r.idChecks ?? [])
  const lines: (string | number | null)[][] = [
    ['section', 'time', 'customer', 'points', 'reason or note', 'by or source', 'status'],
    ...rows.local.map((e) => ['this counter', iso(e.createdAt), e.customerName || e.phone || e.contactID, e.value, e.reason, e.budtender, e.label]),
    ...rows.aiq.map((a) => ['AIQ', iso(a.at), a.customerName || a.contactID, a.value, a.note, a.fromThisCounter ? 'this counter' : (a.counter ?? 'elsewhere'), '']),
    ['ID checks', iso(r.from), '', ids.passed, 'passed', '', ''],
    ['ID checks', iso(r.from), '', ids.refused, 'refused', '', ''],
    ['ID checks', iso(r.from), '', ids.overridden, 'overridden', '', ''],
  ]
  return lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n'
}

// The AIQ compatibility report as plain text: for the clipboard (Settings › Check AIQ compatibility) and for
// `npm run aiq:check`. Pure; the renderer may import it (types only from the contract, so no zod in its bundle).
// The report never carries names, emails or values; the phone is masked to its last 4 digits, and every string is
// scrubbed once more here in case something phone- or email-like slipped into a note.
import type { CompatReport, CompatRow } from './contract'

/** "3035550100" -> "***-***-0100": all but the last 4 digits masked (whatever the format, so it can be re-applied). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  return digits.length < 4 ? '***' : `***-***-${digits.slice(-4)}`
}

const EMAIL = /[^\s@<>()"',;]+@[^\s@<>()"',;]+/g
/** a run of 7 or more digits, possibly with phone punctuation between them */
const LONG_NUMBER = /\+?\d[\d\s().-]{5,}\d/g

/** Emails and long numbers (phones, ids) out of a free-text note; short numbers such as HTTP statuses stay. */
export function scrubText(text: string): string {
  return text.replace(EMAIL, '<email>').replace(LONG_NUMBER, (m) => {
    const digits = m.replace(/\D/g, '')
    if (digits.length < 7) return m
    return digits.length >= 10 ? maskPhone(digits) : '<number>'
  })
}

const yesNo = (b: boolean) => (b ? 'yes' : 'NO')
const list = (xs: readonly string[]) => (xs.length ? xs.map(scrubText).join(', ') : 'none')

/** What the whole check says, in one sentence. */
export function compatSummary(report: CompatReport): string {
  if (!report.rows.some((r) => r.reached)) return `AIQ was not reached, so nothing could be checked. ${report.rows[0]?.note ?? ''}`.trim()
  const lookedUp = report.rows.slice(0, 2).some((r) => r.reached && r.understood)
  if (!report.customerFound && !lookedUp) return 'The customer could not be looked up: see the first rows.'
  if (!report.customerFound) return 'Customer not found: most endpoints could not be checked. Run it again with the phone of an existing customer.'
  if (report.ok) return 'Every endpoint checked was reached and understood.'
  const bad = report.rows.filter((r) => !r.skipped && !(r.reached && r.understood)).length
  const notTried = report.rows.filter(isNotTried).length
  const parts = []
  if (bad) parts.push(`${bad} endpoint${bad === 1 ? '' : 's'} not reached or not understood`)
  if (notTried) parts.push(`${notTried} not tried`)
  return `Needs attention: ${parts.join(', ') || 'see the notes'}.`
}

/** Skipped because an earlier answer stopped the check (AIQ unreachable, key rejected), not because of the customer. */
export const isNotTried = (r: CompatRow) => r.skipped && /^Not tried/.test(r.note)

export function rowCells(r: CompatRow): { reached: string; understood: string } {
  if (isNotTried(r)) return { reached: 'not tried', understood: 'not tried' }
  if (r.skipped) return { reached: 'skipped', understood: 'skipped' }
  return { reached: yesNo(r.reached), understood: r.reached ? yesNo(r.understood) : '-' }
}

function table(head: string[], body: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)]
}

export function formatCompatReport(report: CompatReport): string {
  const out: string[] = []
  out.push(`AIQ compatibility check — ${report.ok ? 'OK' : 'NEEDS ATTENTION'}`)
  out.push(compatSummary(report))
  out.push('')
  out.push(`When:      ${new Date(report.ranAt).toISOString()}`)
  // host and account id are not personal (and an IP host or a long account id must not be mistaken for a phone)
  out.push(`AIQ:       ${report.host}, account ${report.uid}${report.training ? ' (training sandbox)' : ''}`)
  out.push(`Customer:  phone ${maskPhone(report.phoneMasked)}, ${report.customerFound ? 'found' : 'not found'}`)
  out.push('')
  out.push(
    ...table(
      ['Endpoint', 'Reached', 'Understood', 'Status', 'Items read', 'Items skipped', 'Unknown fields', 'Missing fields'],
      report.rows.map((r) => {
        const c = rowCells(r)
        return [
          r.label,
          c.reached,
          c.understood,
          r.status === null ? '-' : String(r.status),
          String(r.itemsRead),
          String(r.itemsSkipped),
          String(r.unknownFields.length),
          String(r.missingFields.length),
        ]
      }),
    ),
  )
  out.push('')
  out.push('Details')
  report.rows.forEach((r, i) => {
    out.push(`${i + 1}. ${r.label} — ${r.endpoint}`)
    if (r.unknownFields.length) out.push(`   Unknown fields: ${list(r.unknownFields)}`)
    if (r.missingFields.length) out.push(`   Missing fields: ${list(r.missingFields)}`)
    out.push(`   Note: ${scrubText(r.note)}`)
  })
  return out.join('\n') + '\n'
}

// The shift report grouped by budtender: each person's awards, deductions and ID checks from this counter. Pure.
import type { MethodOutput, OutboxEntry } from '../../../shared/contract'

type IdCheckRow = NonNullable<MethodOutput<'shiftReport'>['idChecks']>[number]

export interface BudtenderRow {
  budtender: string
  awards: number
  awarded: number
  deductions: number
  deducted: number
  /** deductions and large awards a manager approved */
  approved: number
  discarded: number
  idPassed: number
  idOverridden: number
}

export function byBudtender(local: readonly OutboxEntry[], idChecks: readonly IdCheckRow[] = []): BudtenderRow[] {
  const rows = new Map<string, BudtenderRow>()
  const row = (name: string) => {
    let r = rows.get(name)
    if (!r) rows.set(name, (r = { budtender: name, awards: 0, awarded: 0, deductions: 0, deducted: 0, approved: 0, discarded: 0, idPassed: 0, idOverridden: 0 }))
    return r
  }
  for (const e of local) {
    const r = row(e.budtender)
    if (e.state === 'discarded') {
      r.discarded++
      continue
    }
    if (e.value > 0) {
      r.awards++
      r.awarded += e.value
    } else {
      r.deductions++
      r.deducted -= e.value
    }
    if (e.approvedBy) r.approved++
  }
  for (const c of idChecks) {
    const r = row(c.budtender)
    if (c.outcome === 'passed') r.idPassed++
    else r.idOverridden++
  }
  return [...rows.values()].sort((a, b) => a.budtender.localeCompare(b.budtender))
}

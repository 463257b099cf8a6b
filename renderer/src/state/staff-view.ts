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
  idRefused: number
  idOverridden: number
}

export function byBudtender(local: readonly OutboxEntry[], idChecks: readonly IdCheckRow[] = []): BudtenderRow[] {
  const rows = new Map<string, BudtenderRow>()
  const row = (name: string) => {
    let r = rows.get(name)
    if (!r) rows.set(name, (r = { budtender: name, awards: 0, awarded: 0, deductions: 0, deducted: 0, approved: 0, discarded: 0, idPassed: 0, idRefused: 0, idOverridden: 0 }))
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
    else if (c.outcome === 'refused') r.idRefused++
    else r.idOverridden++
  }
  return [...rows.values()].sort((a, b) => a.budtender.localeCompare(b.budtender))
}

/** The report's ID checks in all: passed, refused (under age or expired) and overridden by a manager. */
export function idCheckTotals(idChecks: readonly IdCheckRow[] = []): { passed: number; refused: number; overridden: number } {
  const t = { passed: 0, refused: 0, overridden: 0 }
  for (const c of idChecks) t[c.outcome]++
  return t
}

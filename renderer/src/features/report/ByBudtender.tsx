// The shift report's "By budtender": who awarded, deducted and checked IDs at this counter today.
import type { ShiftReport } from '../../state/types'
import { byBudtender } from '../../state/staff-view'
import { formatPoints } from '../../../../shared/points'


export function ByBudtender({ report }: { report: ShiftReport }) {
  const rows = byBudtender(report.local, report.idChecks ?? [])
  return (
    <section className="card" aria-labelledby="by-budtender-title">
      <h3 id="by-budtender-title">By budtender</h3>
      {rows.length === 0 ? (
        <p className="muted">Nobody has awarded points or checked an ID at this counter today.</p>
      ) : (
        <table className="table" aria-label="By budtender">
          <thead>
            <tr>
              <th scope="col">Budtender</th>
              <th scope="col">Awards</th>
              <th scope="col">Deductions</th>
              <th scope="col">Manager-approved</th>
              <th scope="col">Discarded</th>
              <th scope="col">IDs passed</th>
              <th scope="col">IDs refused</th>
              <th scope="col">IDs overridden</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.budtender}>
                <th scope="row">{r.budtender}</th>
                <td>
                  {r.awards} (+{formatPoints(r.awarded)})
                </td>
                <td>
                  {r.deductions} (−{formatPoints(r.deducted)})
                </td>
                <td>{r.approved}</td>
                <td>{r.discarded}</td>
                <td>{r.idPassed}</td>
                <td>{r.idRefused}</td>
                <td>{r.idOverridden}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

// End of shift: AIQ's adjustments for today beside this counter's awards, each marked synced, pending or failed.
import { useEffect, useId, useState } from 'react'
import { dayOf, rangeLabel, reportCsv } from '../../state/report-view'
import { idCheckTotals } from '../../state/staff-view'
import type { ShiftReport } from '../../state/types'
import { useCounter, useCounterStore } from '../../state/react'
import { reportRows } from '../../state/selectors'
import { formatSignedPoints } from '../../../../shared/points'
import { formatTime } from '../../ui/format'
import { RedemptionsReport } from './RedemptionsReport'
import { ByBudtender } from './ByBudtender'
import { TodaysConsents } from '../settings/ConsentSection'

export function ShiftReportScreen() {
  const store = useCounterStore()
  const report = useCounter((s) => s.report)
  useEffect(() => void store.getState().loadReport(), [store])
  const data = report.state === 'loaded' || report.state === 'loading' ? report.data : null
  const rows = data ? reportRows(data) : null
  const today = dayOf(Date.now())
  const range = useCounter((s) => s.reportRange) ?? { fromDay: today, toDay: today }
  const [fromDay, setFromDay] = useState(range.fromDay)
  const [toDay, setToDay] = useState(range.toDay)
  const ids = { from: useId(), to: useId() }
  const ranged = rangeLabel(range.fromDay, range.toDay, Date.now())

  return (
    <section className="report" aria-labelledby="report-title">
      <div className="report-head">
        <h1 id="report-title">Shift report — {ranged}</h1>
        <form
          className="report-range"
          aria-label="Report dates"
          onSubmit={(e) => {
            e.preventDefault()
            void store.getState().loadReport({ fromDay, toDay })
            void store.getState().loadRedemptions()
          }}
        >
          <label htmlFor={ids.from}>From</label>
          <input id={ids.from} type="date" value={fromDay} max={today} onChange={(e) => setFromDay(e.target.value)} />
          <label htmlFor={ids.to}>To</label>
          <input id={ids.to} type="date" value={toDay} max={today} onChange={(e) => setToDay(e.target.value)} />
          <button type="submit" disabled={report.state === 'loading'}>
            Show
          </button>
        </form>
        <div className="report-actions">
          <button type="button" disabled={!data} onClick={() => data && downloadCsv(data, range)}>
            Export CSV
          </button>
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </div>
      {data && <IdCheckCounts report={data} />}
      {report.state === 'loading' && !data && <p role="status">Loading the report…</p>}
      {report.state === 'failed' && <p role="alert">{report.error}</p>}
      {rows && data && <ByBudtender report={data} />}
      {rows && data && (
        <div className="report-cols">
          <section className="card report-wide" aria-labelledby="local-title">
            <h2 id="local-title" className="h3">This counter’s awards</h2>
            <p className="muted">
              {rows.totals.synced} synced · {rows.totals.pending} pending · {rows.totals.failed} failed
            </p>
            {rows.local.length === 0 ? (
              <p className="muted">No awards from this counter today.</p>
            ) : (
              <table className="table" aria-label="This counter’s awards">
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Customer</th>
                    <th scope="col">Points</th>
                    <th scope="col">Reason</th>
                    <th scope="col">By</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.local.map((e) => (
                    <tr key={e.id}>
                      <td>{formatTime(e.createdAt)}</td>
                      <td>{e.customer}</td>
                      <td className={e.value < 0 ? 'neg' : 'pos'}>{formatSignedPoints(e.value)}</td>
                      <td>{e.reason}</td>
                      <td>{e.budtender}</td>
                      <td>
                        <span className={`state ${e.label.toLowerCase()}`}>{e.label}</span>
                        {e.detail && <span className="muted"> — {e.detail}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="card" aria-labelledby="aiq-title">
            <h2 id="aiq-title" className="h3">AIQ’s adjustments today</h2>
            {!data.aiq.available ? (
              <p role="alert">AIQ’s side can’t be loaded right now: {data.aiq.error ?? 'AIQ can’t be reached'}. This counter’s awards are still listed.</p>
            ) : rows.aiq.length === 0 ? (
              <p className="muted">No adjustments at AIQ today.</p>
            ) : (
              <table className="table" aria-label="AIQ’s adjustments">
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Customer</th>
                    <th scope="col">Points</th>
                    <th scope="col">Note</th>
                    <th scope="col">Source</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.aiq.map((a, i) => (
                    <tr key={`${a.at}-${i}`}>
                      <td>{formatTime(a.at)}</td>
                      <td>{a.customer}</td>
                      <td className={a.value < 0 ? 'neg' : 'pos'}>{formatSignedPoints(a.value)}</td>
                      <td>{a.note}</td>
                      <td>{a.fromThisCounter ? 'This counter' : (a.counter ?? 'Elsewhere')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      )}
      <RedemptionsReport />
      <section className="card">
        <TodaysConsents from={data?.from} to={data?.to} />
      </section>
    </section>
  )
}

function IdCheckCounts({ report }: { report: ShiftReport }) {
  const t = idCheckTotals(report.idChecks ?? [])
  return (
    <ul className="id-counts" aria-label="ID checks">
      <li>
        <strong>{t.passed}</strong> IDs passed
      </li>
      <li>
        <strong>{t.refused}</strong> refused
      </li>
      <li>
        <strong>{t.overridden}</strong> overridden by a manager
      </li>
    </ul>
  )
}

/** Saves the report as a CSV file through the browser's own download (nothing leaves this computer). */
function downloadCsv(report: ShiftReport, range: { fromDay: string; toDay: string }) {
  const url = URL.createObjectURL(new Blob([reportCsv(report)], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = range.fromDay === range.toDay ? `shift-report-${range.fromDay}.csv` : `shift-report-${range.fromDay}-to-${range.toDay}.csv`
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

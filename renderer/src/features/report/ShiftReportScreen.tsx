// End of shift: AIQ's adjustments for today beside this counter's awards, each marked synced, pending or failed.
import { useEffect } from 'react'
import { useCounter, useCounterStore } from '../../state/react'
import { reportRows } from '../../state/selectors'
import { formatSignedPoints } from '../../../../shared/points'
import { formatTime } from '../../ui/format'
import { RedemptionsReport } from './RedemptionsReport'
import { ByBudtender } from './ByBudtender'

export function ShiftReportScreen() {
  const store = useCounterStore()
  const report = useCounter((s) => s.report)
  useEffect(() => void store.getState().loadReport(), [store])
  const data = report.state === 'loaded' || report.state === 'loading' ? report.data : null
  const rows = data ? reportRows(data) : null

  return (
    <section className="report" aria-labelledby="report-title">
      <div className="report-head">
        <h1 id="report-title">Shift report — today</h1>
        <button
          type="button"
          onClick={() => {
            void store.getState().loadReport()
            void store.getState().loadRedemptions()
          }}
          disabled={report.state === 'loading'}
        >
          Refresh
        </button>
      </div>
      {report.state === 'loading' && !data && <p role="status">Loading today’s report…</p>}
      {report.state === 'failed' && <p role="alert">{report.error}</p>}
      {rows && data && <ByBudtender report={data} />}
      {rows && data && (
        <div className="report-cols">
          <section className="card" aria-labelledby="local-title">
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
    </section>
  )
}

// The shift report's redemptions: this counter's attempts (redeemed, refused, in doubt, not sent) beside AIQ's list.
import { useEffect } from 'react'
import { useCounter, useCounterStore } from '../../state/react'
import { formatPoints } from '../../../../shared/points'
import { redemptionLabel } from '../../state/selectors'
import { formatTime } from '../../ui/format'

export function RedemptionsReport() {
  const store = useCounterStore()
  const report = useCounter((s) => s.redemptions)
  useEffect(() => void store.getState().loadRedemptions(), [store])
  const data = report.state === 'loaded' || report.state === 'loading' ? report.data : null

  return (
    <div className="report-cols redemptions-report">
      <section className="card" aria-labelledby="local-redemptions-title">
        <h2 id="local-redemptions-title" className="h3">This counter’s redemptions</h2>
        {report.state === 'failed' && <p role="alert">{report.error}</p>}
        {data && data.local.length === 0 && <p className="muted">No redemptions from this counter today.</p>}
        {data && data.local.length > 0 && (
          <table className="table" aria-label="This counter’s redemptions">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Customer</th>
                <th scope="col">Reward</th>
                <th scope="col">POS transaction</th>
                <th scope="col">Points</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {data.local.map((r) => {
                const label = redemptionLabel(r)
                return (
                  <tr key={r.id}>
                    <td>{formatTime(r.createdAt)}</td>
                    <td>{r.customerName || r.contactID}</td>
                    <td>{r.rewardName}</td>
                    <td>{r.posTransactionId}</td>
                    <td className="neg">−{formatPoints(r.points)}</td>
                    <td>
                      <span className={`state ${label.tone}`}>{label.text}</span>
                      {r.message && <span className="muted"> — {r.message}</span>}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="aiq-redemptions-title">
        <h2 id="aiq-redemptions-title" className="h3">AIQ’s redemptions today</h2>
        {data && !data.aiq.available && <p role="alert">AIQ’s redemptions can’t be loaded right now: {data.aiq.error ?? 'AIQ can’t be reached'}.</p>}
        {data && data.aiq.available && data.aiq.redemptions.length === 0 && <p className="muted">No redemptions at AIQ today.</p>}
        {data && data.aiq.redemptions.length > 0 && (
          <table className="table" aria-label="AIQ’s redemptions">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Reward</th>
                <th scope="col">POS transaction</th>
                <th scope="col">Points</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {data.aiq.redemptions.map((a, i) => (
                <tr key={`${a.at}-${i}`}>
                  <td>{a.at === null ? '' : formatTime(a.at)}</td>
                  <td>{a.name ?? a.rewardId ?? 'Reward'}</td>
                  <td>{a.posTransactionId ?? ''}</td>
                  <td className="neg">{a.points === null ? '' : `−${formatPoints(a.points)}`}</td>
                  <td>{a.redemptionId ? 'This counter' : 'Elsewhere'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  )
}

// Settings › Check AIQ compatibility: a manager names a customer by phone; the app calls each AIQ read endpoint once
// (nothing is written to AIQ) and shows, per endpoint, whether AIQ answered and whether the app could read it.
// "Copy report" puts the plain-text report on the clipboard for support. Names, emails and values are never shown;
// the phone only as its last 4 digits.
import { useEffect, useId, useRef, useState } from 'react'
import type { CompatReport } from '../../../../shared/contract'
import { compatSummary, formatCompatReport } from '../../../../shared/compat-report'
import { errorMessage } from '../../api'
import { useCounter } from '../../state/react'
import { formatDateTime } from '../../ui/format'
import { COMPAT_PHONE_LABEL, compatPhone, copyText, fieldsText, reachedText, rowTone, understoodText } from './compat-view'
import './settings.css'
import { FormError } from '../../ui/FormError'

type Copy = null | 'copied' | 'failed'

export function CompatSection() {
  const call = useCounter((s) => s.settingsCall)
  const mode = useCounter((s) => s.status?.mode ?? null)
  const [phone, setPhone] = useState('')
  const [running, setRunning] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [report, setReport] = useState<CompatReport | null>(null)
  const [copy, setCopy] = useState<Copy>(null)
  const ids = { heading: useId(), phone: useId(), hint: useId(), text: useId() }
  const phoneRef = useRef<HTMLInputElement>(null)
  const alive = useRef(true)
  useEffect(() => {
    alive.current = true
    return () => {
      alive.current = false
    }
  }, [])

  if (mode === null || mode === 'unconfigured') return null

  async function onRun(e: React.FormEvent) {
    e.preventDefault()
    if (running) return
    const checked = compatPhone(phone)
    if ('problem' in checked) {
      setProblem(checked.problem)
      phoneRef.current?.focus()
      return
    }
    setRunning(true)
    setProblem(null)
    setCopy(null)
    try {
      const next = await call('checkCompatibility', { phone: checked.phone })
      if (alive.current) setReport(next)
    } catch (err) {
      if (alive.current) setProblem(errorMessage(err))
    } finally {
      if (alive.current) setRunning(false)
    }
  }

  async function onCopy() {
    if (!report) return
    setCopy((await copyText(formatCompatReport(report))) ? 'copied' : 'failed')
  }

  return (
    <section className="settings-section compat" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Check AIQ compatibility</h2>
      <p className="muted">
        Reads one customer from AIQ through every endpoint the counter uses — one call each, nothing is changed in AIQ — and shows what
        the app could read. Support may ask for this report.
      </p>

      <form className="account-form" onSubmit={onRun} noValidate>
        <label htmlFor={ids.phone}>{COMPAT_PHONE_LABEL}</label>
        <input
          id={ids.phone}
          ref={phoneRef}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          spellCheck={false}
          value={phone}
          onChange={(e) => {
            setPhone(e.target.value)
            setProblem(null)
          }}
          aria-describedby={ids.hint}
          aria-invalid={problem !== null && report === null ? true : undefined}
        />
        <p id={ids.hint} className="muted">
          {mode === 'training'
            ? 'Training mode checks the practice sandbox. Try (303) 555-0100, a practice customer.'
            : 'Use the phone of a customer who is in AIQ, ideally one who came from the POS.'}
        </p>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={running} aria-describedby={running ? `${ids.heading}-progress` : undefined}>
            {running ? 'Checking…' : 'Run check'}
          </button>
          {report && !running && (
            <button type="button" onClick={() => void onCopy()}>
              Copy report
            </button>
          )}
        </div>
      </form>

      <div role="status" aria-live="polite" className="compat-status">
        {running && (
          <div className="refresh-progress" id={`${ids.heading}-progress`}>
            <div role="progressbar" aria-label="Compatibility check" aria-valuetext="Checking AIQ, one endpoint after another" className="bar indeterminate">
              <span />
            </div>
            <p>Checking… AIQ is asked once per endpoint, one after another.</p>
          </div>
        )}
        {!running && copy === 'copied' && <p className="test connected">Copied — paste it into a message to support.</p>}
        {!running && copy === 'failed' && <p className="form-error">Could not copy by itself. Open “Report as text” below, select it and press Ctrl+C.</p>}
      </div>
      <FormError text={problem} />

      {report && (
        <div className="compat-result" role="group" aria-label="Check result">
          <p className={report.ok ? 'test connected' : 'compat-attention'}>
            <strong>{report.ok ? 'Compatible' : 'Needs attention'}</strong> — {compatSummary(report)}
          </p>
          <dl className="facts">
            <dt>Checked</dt>
            <dd>{formatDateTime(report.ranAt)}</dd>
            <dt>AIQ</dt>
            <dd>
              {report.training ? 'Practice sandbox' : report.host}, account {report.uid}
            </dd>
            <dt>Customer</dt>
            <dd>
              Phone ending {report.phoneMasked.slice(-4)}, {report.customerFound ? 'found' : 'not found'}
            </dd>
          </dl>
          <div className="compat-table-wrap">
            <table className="table compat-table" aria-label="AIQ compatibility by endpoint">
              <thead>
                <tr>
                  <th scope="col">Endpoint</th>
                  <th scope="col">Reached</th>
                  <th scope="col">Understood</th>
                  <th scope="col">Items skipped</th>
                  <th scope="col">Unknown fields</th>
                  <th scope="col">Missing fields</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.endpoint} className={`tone-${rowTone(r)}`}>
                    <th scope="row">
                      {r.label}
                      <code className="compat-endpoint">{r.endpoint}</code>
                    </th>
                    <td>{reachedText(r)}</td>
                    <td>{understoodText(r)}</td>
                    <td>{r.skipped ? '—' : r.itemsSkipped}</td>
                    <td className="compat-fields">{fieldsText(r.unknownFields)}</td>
                    <td className="compat-fields">{fieldsText(r.missingFields)}</td>
                    <td>{r.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <details className="advanced">
            <summary>Report as text</summary>
            <label htmlFor={ids.text}>Report text</label>
            <textarea id={ids.text} className="compat-text" readOnly value={formatCompatReport(report)} rows={12} spellCheck={false} />
          </details>
        </div>
      )}
    </section>
  )
}

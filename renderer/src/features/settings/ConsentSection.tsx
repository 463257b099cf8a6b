// Settings › Texts and consent: the store's parts of the disclosure (every saved text is kept as a version with its
// SHA-256), double opt-in, the data-retention question, and today's consents with a CSV export for a compliance request.
import { useEffect, useId, useState } from 'react'
import type { ConsentRow, ConsentSettings, MethodOutput } from '../../../../shared/contract'
import { GIVEN_BY_WORDS } from '../../../../shared/consent-words'
import { errorMessage } from '../../api'
import { useCounter } from '../../state/react'
import { FormError } from '../../ui/FormError'
import { useSettingsSave } from './useSettingsSave'
import './settings.css'

type View = MethodOutput<'getConsentSettings'>

export function ConsentSection() {
  const [view, setView] = useState<View | null>(null)
  const [draft, setDraft] = useState<ConsentSettings | null>(null)
  const { problem, saved, busy, edited, save: send } = useSettingsSave(
    (call) => call('getConsentSettings', {}),
    (v) => (setView(v), setDraft(v.settings)),
  )
  const ids = { heading: useId(), store: useId(), program: useId(), terms: useId() }

  if (!view || !draft) return <FormError text={problem} />
  const edit = (patch: Partial<ConsentSettings>) => (setDraft({ ...draft, ...patch }), edited())
  const save = () => send((call) => call('saveConsentSettings', draft))

  return (
    <section className="settings-section" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Texts and consent</h2>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <label htmlFor={ids.store}>Store name (on the customer screen and in the disclosure)</label>
        <input id={ids.store} value={draft.storeName} maxLength={80} onChange={(e) => edit({ storeName: e.target.value })} />
        <label htmlFor={ids.program}>Program name</label>
        <input id={ids.program} value={draft.programName} maxLength={80} onChange={(e) => edit({ programName: e.target.value })} />
        <label htmlFor={ids.terms}>Terms (a link or words)</label>
        <input id={ids.terms} value={draft.terms} maxLength={300} onChange={(e) => edit({ terms: e.target.value })} />
        <label className="check">
          <input type="checkbox" checked={draft.doubleOptIn} onChange={(e) => edit({ doubleOptIn: e.target.checked })} />
          Double opt-in: AIQ texts the customer to confirm
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.askDataRetention} onChange={(e) => edit({ askDataRetention: e.target.checked })} />
          Ask the customer to agree to keeping their details first (required in some states, e.g. Oregon)
        </label>
        <h3>The disclosure now (version {view.disclosure.version} of {view.versions})</h3>
        <p className="disclosure-text" data-testid="disclosure-text">
          {view.disclosure.text}
        </p>
        <p className="muted">
          SHA-256 <code className="hash">{view.disclosure.sha256}</code>. Every version is kept; each consent records the one shown.
        </p>
        <FormError text={problem} />
        {saved && <p role="status">Saved.</p>}
        <div className="buttons">
          <button type="submit" disabled={busy}>
            Save texts and consent
          </button>
        </div>
      </form>
      <TodaysConsents />
    </section>
  )
}

/** today's rows (AIQ's day as this computer sees it) and the CSV of them */
export function TodaysConsents({ from, to }: { from?: number; to?: number }) {
  const call = useCounter((s) => s.settingsCall)
  const [rows, setRows] = useState<ConsentRow[] | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const start = from ?? new Date().setHours(0, 0, 0, 0)
  const end = to ?? start + 86_400_000
  const headingId = useId()
  useEffect(() => {
    let live = true
    call('listConsents', { from: start, to: end }).then(
      (r) => live && setRows(r.consents),
      (e: unknown) => live && setProblem(errorMessage(e)),
    )
    return () => {
      live = false
    }
  }, [call, start, end])

  async function exportCsv() {
    try {
      const { csv, filename } = await call('exportConsents', { from: start, to: end })
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }))
      const a = document.createElement('a')
      a.href = url
      a.download = filename
      a.click()
      setTimeout(() => URL.revokeObjectURL(url), 1000)
    } catch (e) {
      setProblem(errorMessage(e))
    }
  }

  return (
    <div className="consents" role="region" aria-labelledby={headingId}>
      <h3 id={headingId}>Consents given today</h3>
      <FormError text={problem} />
      {rows && rows.length === 0 && <p className="muted">None yet today.</p>}
      {rows && rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Phone</th>
              <th scope="col">What</th>
              <th scope="col">Choice</th>
              <th scope="col">How</th>
              <th scope="col">Budtender</th>
              <th scope="col">Disclosure</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{new Date(r.aiqAt).toLocaleTimeString()}</td>
                <td>{r.phoneMasked}</td>
                <td>{r.channel === 'sms' ? 'Texts' : 'Keeping details'}</td>
                <td>{r.choice === 'yes' ? 'Yes' : 'No'}</td>
                <td>{GIVEN_BY_WORDS[r.givenBy]}</td>
                <td>{r.budtender}</td>
                <td>v{r.disclosureVersion}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="buttons">
        <button type="button" onClick={() => void exportCsv()}>
          Export consents (CSV)
        </button>
      </div>
    </div>
  )
}

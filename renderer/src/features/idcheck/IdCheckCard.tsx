// The ID check's screen: a clear pass or fail, the few details read from the licence (shown, never kept), a manager
// override with a reason and the manager's PIN, and after a pass the customer: picked from AIQ's matches, or signed up.
import { useId, useState } from 'react'
import type { IdCheckOutcome } from '../../../../shared/contract'
import { verdictText } from '../../../../shared/id-check'
import { formatPhone, toPhone10 } from '../../../../shared/phone'
import { useCounter, useCounterStore } from '../../state/react'
import { useManagerPin } from '../../ui/ManagerPin'
import { SignupForm } from '../signup/SignupForm'
import { FormError } from '../../ui/FormError'

const DOC: Record<'DL' | 'ID', string> = { DL: 'Driver’s licence', ID: 'ID card' }
const usDate = (iso: string) => {
  const [y, m, d] = iso.split('-')
  return `${m}/${d}/${y}`
}

export function IdCheckCard() {
  const store = useCounterStore()
  const idCheck = useCounter((s) => s.idCheck)
  if (idCheck.state === 'checking') return <p role="status">Checking the ID…</p>
  if (idCheck.state === 'failed')
    return (
      <div className="card error-card">
        <p role="alert">The ID check could not be done: {idCheck.error}</p>
        <button type="button" onClick={() => store.getState().closeIdCheck()}>
          Close
        </button>
      </div>
    )
  const o = idCheck.outcome
  if (!o) return null
  const passed = o.verdict === 'pass' || o.overridden
  return (
    <section className={`card id-check ${passed ? 'pass' : 'fail'}`} aria-labelledby="id-check-title">
      <div role={passed ? 'status' : 'alert'} className="verdict">
        <h2 id="id-check-title">{o.overridden ? `Overridden by a manager — ${verdictText(o)}` : verdictText(o)}</h2>
      </div>
      {o.holder ? (
        <dl className="id-details" aria-label="Read from the licence">
          <dt>Name</dt>
          <dd>
            {o.holder.firstName} {o.holder.lastName}
          </dd>
          <dt>Date of birth</dt>
          <dd>{usDate(o.holder.dateOfBirth)}</dd>
          <dt>Expires</dt>
          <dd>{usDate(o.holder.expiry)}</dd>
          <dt>Issued by</dt>
          <dd>
            {o.holder.state ?? 'unknown'} · {DOC[o.holder.document]}
          </dd>
        </dl>
      ) : (
        <p>{o.problem} Check the ID by eye, or scan it again.</p>
      )}
      <p className="muted small">Only “ID checked, by whom, when, passed or overridden” is kept — nothing from the licence.</p>
      {!passed && <Override />}
      {passed && <AfterPass outcome={o} />}
      <div className="buttons">
        <button type="button" onClick={() => store.getState().closeIdCheck()}>
          {passed ? 'Done' : 'Turn away — next customer'}
        </button>
      </div>
    </section>
  )
}

function Override() {
  const store = useCounterStore()
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const manager = useManagerPin('overrideIdCheck', {}, () => setProblem(null))
  const reasonId = useId()
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Manager override…
      </button>
    )
  return (
    <form
      className="form override"
      aria-label="Manager override"
      onSubmit={(e) => {
        e.preventDefault()
        if (!reason.trim()) return setProblem('Type why the ID is accepted anyway.')
        if (manager.problem) return setProblem(manager.problem)
        setBusy(true)
        void store
          .getState()
          .overrideIdCheck(reason.trim(), manager.approval!)
          .then((error) => {
            setBusy(false)
            setProblem(error)
            manager.clear()
          })
      }}
    >
      <label htmlFor={reasonId}>Reason for the override</label>
      <input id={reasonId} value={reason} maxLength={200} autoComplete="off" autoFocus onChange={(e) => setReason(e.target.value)} />
      {manager.field}
      <FormError text={problem} />
      <div className="buttons">
        <button type="submit" className="danger" disabled={busy}>
          {busy ? 'Checking…' : 'Override and continue'}
        </button>
      </div>
    </form>
  )
}

function AfterPass({ outcome }: { outcome: IdCheckOutcome }) {
  const store = useCounterStore()
  const [phoneText, setPhoneText] = useState('')
  const [phone, setPhone] = useState<string | null>(null)
  const phoneId = useId()
  if (outcome.lookup === 'found')
    return (
      <div>
        <h3>AIQ has {outcome.matches.length} customers with this name — which one?</h3>
        <ul className="matches">
          {outcome.matches.map((c) => (
            <li key={c.contactID}>
              <button type="button" onClick={() => store.getState().openCustomer(c)}>
                {c.firstName} {c.lastName}
                {c.phone ? ` · ${formatPhone(c.phone)}` : ''}
                {c.email ? ` · ${c.email}` : ''}
              </button>
            </li>
          ))}
        </ul>
      </div>
    )
  if (outcome.lookup === 'unavailable') return <p className="warning">AIQ can’t be reached to look them up. Type their phone in the check-in field.</p>
  if (outcome.lookup === 'not_looked_up' || !outcome.holder) return <p className="muted">Type their phone in the check-in field to find them.</p>
  if (phone)
    return (
      <SignupForm
        phone={phone}
        initial={{ firstName: outcome.holder.firstName, lastName: outcome.holder.lastName, email: '', favoriteStoreID: null }}
        onCancel={() => setPhone(null)}
      />
    )
  return (
    <form
      className="form"
      aria-label="Sign up"
      onSubmit={(e) => {
        e.preventDefault()
        setPhone(toPhone10(phoneText))
      }}
    >
      <p>
        AIQ has nobody called {outcome.holder.firstName} {outcome.holder.lastName}. Sign them up: their name is filled in from the licence.
      </p>
      <label htmlFor={phoneId}>Their phone number</label>
      <input id={phoneId} inputMode="tel" autoComplete="off" value={phoneText} onChange={(e) => setPhoneText(e.target.value)} autoFocus />
      <div className="buttons">
        <button type="submit" className="primary" disabled={toPhone10(phoneText) === null}>
          Sign up
        </button>
      </div>
    </form>
  )
}

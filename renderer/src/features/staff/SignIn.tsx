// Sign in at the counter: tap your name, type your PIN (4 digits; a manager's may be 6). Quick switch is the same screen. A live account's
// first run asks for the manager's name and PIN before anything else. Training mode shows its practice PINs.
import { useId, useState } from 'react'
import type { StaffMember } from '../../../../shared/contract'
import { PIN_PATTERN, pinProblem } from '../../../../shared/staff-rules'
import { useCounter, useCounterStore } from '../../state/react'
import './staff.css'
import { FormError } from '../../ui/FormError'
import { ForgotManagerPin } from './ForgotManagerPin'

export function SignInScreen() {
  const store = useCounterStore()
  const staff = useCounter((s) => s.staff)
  const [who, setWho] = useState<StaffMember | null>(null)
  const [pin, setPin] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const pinId = useId()
  if (!staff) return <p className="muted">Loading…</p>

  const submit = async () => {
    if (!who) return
    if (!PIN_PATTERN.test(pin)) return setProblem('Type your PIN.')
    setBusy(true)
    const error = await store.getState().signInBudtender(who.id, pin)
    setBusy(false)
    setPin('')
    setProblem(error)
  }

  return (
    <section className="card sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Who’s at the counter?</h2>
      {staff.practicePins && (
        <p className="warning" role="note" aria-label="Practice PINs">
          Training mode — practice PINs: {staff.practicePins.map((p) => `${p.name}${p.role === 'manager' ? ' (manager)' : ''} ${p.pin}`).join(' · ')}
        </p>
      )}
      <ul className="staff-tiles" aria-label="Staff">
        {staff.staff.map((m) => (
          <li key={m.id}>
            <button
              type="button"
              aria-pressed={who?.id === m.id}
              onClick={() => {
                setWho(m)
                setPin('')
                setProblem(null)
              }}
            >
              {m.name}
              {m.role === 'manager' && <span className="muted"> · manager</span>}
            </button>
          </li>
        ))}
      </ul>
      {who && (
        <form
          className="form pin-form"
          onSubmit={(e) => {
            e.preventDefault()
            void submit()
          }}
        >
          <label htmlFor={pinId}>PIN for {who.name}</label>
          <input
            id={pinId}
            className="pin-input"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={6}
            autoFocus
            value={pin}
            onChange={(e) => {
              setPin(e.target.value.replace(/\D/g, '').slice(0, 6))
              setProblem(null)
            }}
          />
          <FormError text={problem} />
          <div className="buttons">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Checking…' : 'Sign in'}
            </button>
          </div>
        </form>
      )}
      {staff.staff.length === 0 && <p className="muted">No staff yet.</p>}
      <ForgotManagerPin />
    </section>
  )
}

export function ManagerSetupScreen() {
  const store = useCounterStore()
  const [name, setName] = useState('')
  const [pin, setPin] = useState('')
  const [again, setAgain] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const ids = { name: useId(), pin: useId(), again: useId() }
  const digits = (v: string) => v.replace(/\D/g, '').slice(0, 6)
  return (
    <form
      className="card form sign-in"
      aria-labelledby="setup-title"
      onSubmit={(e) => {
        e.preventDefault()
        if (!name.trim()) return setProblem('Type the manager’s name.')
        const bad = pinProblem(pin, 'manager')
        if (bad) return setProblem(bad)
        if (pin !== again) return setProblem('The two PINs differ. Type it again.')
        void store
          .getState()
          .setUpManager(name.trim(), pin)
          .then((error) => setProblem(error))
      }}
    >
      <h2 id="setup-title">Set the manager’s PIN</h2>
      <p>
        Before this counter is used, a manager chooses a PIN of 4 or 6 digits. It is asked for deductions, large awards, discarding or moving a queued award,
        overriding an ID check, and Settings. Budtenders are added in Settings afterwards.
      </p>
      <label htmlFor={ids.name}>Manager’s name</label>
      <input id={ids.name} value={name} maxLength={40} autoComplete="off" autoFocus onChange={(e) => setName(e.target.value)} />
      <label htmlFor={ids.pin}>New manager PIN</label>
      <input id={ids.pin} className="pin-input" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(digits(e.target.value))} />
      <label htmlFor={ids.again}>The same PIN again</label>
      <input id={ids.again} className="pin-input" type="password" inputMode="numeric" autoComplete="off" value={again} onChange={(e) => setAgain(digits(e.target.value))} />
      <FormError text={problem} />
      <div className="buttons">
        <button type="submit" className="primary">
          Save the manager’s PIN
        </button>
      </div>
    </form>
  )
}

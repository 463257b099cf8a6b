// Nobody found: sign up a new phone, or (offline) award anyway, queued by phone.
import { useId, useState } from 'react'
import type { CheckInResult } from '../../../../shared/contract'
import { formatPhone } from '../../../../shared/phone'
import { useCounter, useCounterStore } from '../../state/react'

type Unknown = Extract<CheckInResult, { kind: 'unknown' }>

export function UnknownCustomer({ result }: { result: Unknown }) {
  const store = useCounterStore()
  if (!result.phone) {
    return (
      <div className="card">
        <h2>No customer found</h2>
        <p>
          Nothing matches “{result.input}”{result.offline ? ' in this counter’s directory (AIQ can’t be reached right now)' : ''}. Try their phone number,
          or search by name or email.
        </p>
        <button type="button" onClick={() => store.getState().goTo('search')}>
          Search customers
        </button>
      </div>
    )
  }
  if (result.offline) {
    return (
      <div className="card">
        <h2>{formatPhone(result.phone)} — not found offline</h2>
        <p>AIQ can’t be reached, and this phone isn’t in this counter’s directory, so they can’t be signed up right now.</p>
        <p className="warning">
          You can still award points: they are queued by phone and matched to the customer when AIQ is back. If AIQ has no customer with this phone, the
          award shows as failed in the Queue.
        </p>
        <button type="button" className="primary" onClick={() => store.getState().openDialog({ kind: 'award', direction: 'award' })}>
          Award points anyway (queued by phone, resolved on sync)
        </button>
      </div>
    )
  }
  return <SignupForm phone={result.phone} smsOptedOut={result.smsOptedOut} />
}

function SignupForm({ phone, smsOptedOut }: { phone: string; smsOptedOut: boolean }) {
  const store = useCounterStore()
  const stores = useCounter((s) => s.stores)
  const signup = useCounter((s) => s.signup)
  const [firstName, setFirstName] = useState('')
  const [lastName, setLastName] = useState('')
  const [email, setEmail] = useState('')
  const [storeID, setStoreID] = useState('')
  const [loyalty, setLoyalty] = useState<boolean | null>(null)
  const [sms, setSms] = useState<'double_opt_in' | 'none'>(smsOptedOut ? 'none' : 'double_opt_in')
  const [emailOptIn, setEmailOptIn] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const storeId = useId()

  return (
    <form
      className="card form signup"
      aria-labelledby="signup-title"
      onSubmit={(e) => {
        e.preventDefault()
        if (!firstName.trim()) return setProblem('Type their first name.')
        if (loyalty === null) return setProblem('Ask whether they want to join loyalty, and choose Yes or No.')
        if (emailOptIn && !email.trim()) return setProblem('Email offers need an email address.')
        setProblem(null)
        void store.getState().signUp({
          firstName: firstName.trim(),
          lastName: lastName.trim(),
          phone,
          email: email.trim(),
          favoriteStoreID: storeID === '' ? null : Number(storeID),
          loyalty,
          sms: smsOptedOut ? 'none' : sms,
          emailOptIn,
        })
      }}
    >
      <h2 id="signup-title">New customer — {formatPhone(phone)}</h2>
      <p className="muted">No one at AIQ has this phone. Sign them up:</p>
      <div className="row">
        <label>
          First name
          <input value={firstName} maxLength={80} autoComplete="off" onChange={(e) => setFirstName(e.target.value)} />
        </label>
        <label>
          Last name
          <input value={lastName} maxLength={80} autoComplete="off" onChange={(e) => setLastName(e.target.value)} />
        </label>
      </div>
      <label>
        Email
        <input type="email" value={email} autoComplete="off" onChange={(e) => setEmail(e.target.value)} />
      </label>
      <div className="field">
        <label htmlFor={storeId}>Favourite store</label>
        <select id={storeId} value={storeID} onChange={(e) => setStoreID(e.target.value)}>
          <option value="">{stores.state === 'loading' ? 'Loading stores…' : 'No preference'}</option>
          {stores.state === 'loaded' &&
            stores.data.map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.name}
              </option>
            ))}
        </select>
      </div>
      {stores.state === 'failed' && <p className="muted">Stores could not be loaded: {stores.error}</p>}
      <fieldset className="choice">
        <legend>Loyalty program (ask them)</legend>
        <label>
          <input type="radio" name="loyalty" checked={loyalty === true} onChange={() => setLoyalty(true)} /> Yes, join loyalty
        </label>
        <label>
          <input type="radio" name="loyalty" checked={loyalty === false} onChange={() => setLoyalty(false)} /> No loyalty
        </label>
      </fieldset>
      <fieldset className="choice" disabled={smsOptedOut}>
        <legend>Text messages (SMS)</legend>
        {smsOptedOut && (
          <p className="warning" role="note">
            This number opted out of texts — it will not be re-opted in
          </p>
        )}
        <label>
          <input type="radio" name="sms" checked={!smsOptedOut && sms === 'double_opt_in'} onChange={() => setSms('double_opt_in')} /> Text to confirm (double
          opt-in)
        </label>
        <label>
          <input type="radio" name="sms" checked={smsOptedOut || sms === 'none'} onChange={() => setSms('none')} /> No texts
        </label>
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={emailOptIn} onChange={(e) => setEmailOptIn(e.target.checked)} /> Email offers (opt-in)
      </label>
      {(problem ?? signup.error) && (
        <p className="form-error" role="alert">
          {problem ?? `Not signed up: ${signup.error}`}
        </p>
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={signup.state === 'saving'}>
          {signup.state === 'saving' ? 'Signing up…' : 'Sign up'}
        </button>
      </div>
    </form>
  )
}

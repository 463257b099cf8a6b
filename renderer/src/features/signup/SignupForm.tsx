// Signing a customer up at the counter: a new phone, the profile's "Join loyalty" for someone AIQ has who is not a
// member, and the ID check's signup after a licence matched no one. Loyalty and texts are two separate choices.
import { useEffect, useId, useRef, useState } from 'react'
import { formatPhone } from '../../../../shared/phone'
import { useCounter, useCounterStore } from '../../state/react'
import { birthdayProblem } from '../../state/signup-view'

export type SignupFormProps = {
  phone: string
  /** someone AIQ already has (joining loyalty): their details, to check and correct */
  initial?: { firstName: string; lastName: string; email: string; favoriteStoreID: number | null }
  /** an opted-out number is never re-opted in */
  smsOptedOut?: boolean
  /** already opted in: nothing to ask, nothing is sent */
  smsOptedIn?: boolean
  onCancel?: () => void
}

/** Signup is an upsert by phone at AIQ: a new customer, or someone AIQ has joining loyalty. */
export function SignupForm({ phone, initial, smsOptedOut = false, smsOptedIn = false, onCancel }: SignupFormProps) {
  const store = useCounterStore()
  const stores = useCounter((s) => s.stores)
  const signup = useCounter((s) => s.signup)
  const [firstName, setFirstName] = useState(initial?.firstName ?? '')
  const [lastName, setLastName] = useState(initial?.lastName ?? '')
  const [email, setEmail] = useState(initial?.email ?? '')
  const [storeID, setStoreID] = useState(initial?.favoriteStoreID == null ? '' : String(initial.favoriteStoreID))
  const [loyalty, setLoyalty] = useState<boolean | null>(null)
  const smsLocked = smsOptedOut || smsOptedIn
  // nothing preselected: the customer's answer, never a default
  const [sms, setSms] = useState<'double_opt_in' | 'none' | null>(null)
  const screen = useCounter((s) => s.customerScreen)
  // the customer answered on their own screen, for this signup
  const fromScreen = screen?.answered && screen.counterPhone === phone ? screen : null
  const [emailOptIn, setEmailOptIn] = useState(false)
  const [birthday, setBirthday] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const storeId = useId()
  const titleId = useId()
  // the budtender types the name next: focus leaves the check-in field (an effect, so it runs after the field's own)
  const first = useRef<HTMLInputElement>(null)
  useEffect(() => first.current?.focus(), [])

  return (
    <form
      className="card form signup"
      aria-labelledby={titleId}
      onSubmit={(e) => {
        e.preventDefault()
        if (!firstName.trim()) return setProblem('Type their first name.')
        const badBirthday = birthdayProblem(birthday, new Date())
        if (badBirthday) return setProblem(badBirthday)
        if (loyalty === null) return setProblem('Ask whether they want to join loyalty, and choose Yes or No.')
        if (emailOptIn && !email.trim()) return setProblem('Email offers need an email address.')
        if (screen?.asking) return setProblem('The customer is still choosing on their screen. Wait, or Cancel.')
        if (!smsLocked && !fromScreen && sms === null) return setProblem('Ask whether they want offers by text, and choose one.')
        setProblem(null)
        void store.getState().signUp({
          firstName: firstName.trim(),
          lastName: lastName.trim(),
          phone: fromScreen?.customerPhone ?? phone,
          email: email.trim(),
          favoriteStoreID: storeID === '' ? null : Number(storeID),
          loyalty,
          sms: fromScreen ? (fromScreen.sms === 'yes' ? 'double_opt_in' : 'none') : smsLocked ? 'none' : (sms ?? 'none'),
          emailOptIn,
          consentFrom: fromScreen ? 'customer_screen' : 'budtender',
          birthday,
        })
      }}
    >
      {initial ? (
        <>
          <h2 id={titleId}>Join loyalty — {`${initial.firstName} ${initial.lastName}`.trim() || formatPhone(phone)}</h2>
          <p className="muted">{formatPhone(phone)} is in AIQ but not a loyalty member. Check their details, then ask:</p>
        </>
      ) : (
        <>
          <h2 id={titleId}>New customer — {formatPhone(phone)}</h2>
          <p className="muted">No one at AIQ has this phone. Sign them up:</p>
        </>
      )}
      <div className="signup-cols">
      <div className="signup-col">
      <div className="row">
        <label>
          First name
          <input ref={first} value={firstName} maxLength={80} autoComplete="off" onChange={(e) => setFirstName(e.target.value)} />
        </label>
        <label>
          Last name
          <input value={lastName} maxLength={80} autoComplete="off" onChange={(e) => setLastName(e.target.value)} />
        </label>
      </div>
      <div className="row">
        <label>
          Email
          <input type="email" value={email} autoComplete="off" onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Date of birth
          <input type="date" value={birthday} autoComplete="off" onChange={(e) => setBirthday(e.target.value)} />
        </label>
      </div>
      <div className="row">
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
      <label className="checkbox email-offers">
        <input type="checkbox" checked={emailOptIn} onChange={(e) => setEmailOptIn(e.target.checked)} /> Email offers (opt-in)
      </label>
      </div>
      {stores.state === 'failed' && <p className="muted">Stores could not be loaded: {stores.error}</p>}
      </div>
      <div className="signup-col">
      <fieldset className="choice">
        <legend>Loyalty program (ask them)</legend>
        <label>
          <input type="radio" name="loyalty" checked={loyalty === true} onChange={() => setLoyalty(true)} /> Yes, join loyalty
        </label>
        <label>
          <input type="radio" name="loyalty" checked={loyalty === false} onChange={() => setLoyalty(false)} /> No loyalty
        </label>
      </fieldset>
      <fieldset className="choice" disabled={smsLocked}>
        <legend>Text messages (SMS)</legend>
        {smsOptedOut && (
          <p className="warning" role="note">
            This number opted out of texts — it will not be re-opted in
          </p>
        )}
        {smsOptedIn ? (
          <p role="note">Already opted in to texts — nothing will be sent</p>
        ) : fromScreen || screen?.asking ? (
          <CustomerAnswer phone={phone} firstName={firstName.trim()} />
        ) : (
          <>
            {screen?.open && !smsLocked && <CustomerAnswer phone={phone} firstName={firstName.trim()} />}
            <label>
              <input type="radio" name="sms" checked={!smsLocked && sms === 'double_opt_in'} onChange={() => setSms('double_opt_in')} /> Text to confirm (double
              opt-in)
            </label>
            <label>
              <input type="radio" name="sms" checked={smsLocked || sms === 'none'} onChange={() => setSms('none')} /> No texts
            </label>
            {!smsLocked && <p className="muted">Recorded as their answer, given by you.</p>}
          </>
        )}
      </fieldset>
      {(problem ?? signup.error) && (
        <p className="form-error" role="alert">
          {problem ?? `Not signed up: ${signup.error}`}
        </p>
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={signup.state === 'saving'}>
          {signup.state === 'saving' ? 'Signing up…' : 'Sign up'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>

      </div>
      </div>

    </form>
  )
}

const CHOICE_WORDS = { yes: 'Yes, text me offers', no: 'No thanks' } as const

/** The customer screen's side of the signup: ask there, wait for the customer (Cancel), then what they chose. */
function CustomerAnswer({ phone, firstName }: { phone: string; firstName: string }) {
  const screen = useCounter((s) => s.customerScreen)
  const error = useCounter((s) => s.customerScreenError)
  const ask = useCounter((s) => s.askCustomerConsent)
  const cancel = useCounter((s) => s.cancelCustomerConsent)
  if (!screen) return null
  const mine = screen.counterPhone === phone
  const mismatch = mine && screen.mismatch && screen.customerPhone && (
    <p className="warning" role="alert">
      The customer typed {formatPhone(screen.customerPhone)}, not {formatPhone(phone)}. The signup uses the customer’s number.
    </p>
  )
  if (screen.asking && mine) {
    return (
      <div className="customer-wait">
        <p role="status">Waiting for the customer…</p>
        {mismatch}
        <button type="button" onClick={() => void cancel()}>
          Cancel
        </button>
      </div>
    )
  }
  if (screen.answered && mine) {
    return (
      <div className="customer-answer" role="status" aria-label="The customer’s answer">
        {mismatch}
        {screen.dataRetention && <p>Keeping their details: {screen.dataRetention === 'yes' ? 'Yes' : 'No — they cannot join; they can still buy today'}</p>}
        {screen.sms && <p>Texts, chosen on the customer screen: {CHOICE_WORDS[screen.sms]}</p>}
        <button type="button" onClick={() => void cancel()}>
          Ask again
        </button>
      </div>
    )
  }
  return (
    <div className="customer-ask">
      <button type="button" onClick={() => void ask(phone, firstName)}>
        Ask on the customer screen
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

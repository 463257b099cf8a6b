// Nobody found: sign up a new phone (the signup feature's form), or (offline) award anyway, queued by phone.
import type { CheckInResult } from '../../../../shared/contract'
import { formatPhone } from '../../../../shared/phone'
import { useCounterStore } from '../../state/react'
import { SignupForm } from '../signup/SignupForm'

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
  return <SignupForm phone={result.phone} />
}

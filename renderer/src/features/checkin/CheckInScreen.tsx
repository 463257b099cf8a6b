import { useCounter, useCounterStore } from '../../state/react'
import { Notice } from '../../ui/Notice'
import { ProfileCard } from './ProfileCard'
import { UnknownCustomer } from './UnknownCustomer'

export function CheckInScreen() {
  const store = useCounterStore()
  const checkin = useCounter((s) => s.checkin)
  return (
    <div className="checkin-screen">
      <h1 className="sr-only">Check-in</h1>
      <Notice />
      {checkin.state === 'idle' && <p className="idle">Ready for the next customer.</p>}
      {checkin.state === 'loading' && (
        <p className="muted" role="status">
          Looking up {checkin.input}…
        </p>
      )}
      {checkin.state === 'failed' && (
        <div className="card error-card">
          <p role="alert">{checkin.error}</p>
          <button type="button" onClick={() => void store.getState().checkIn(checkin.input)}>
            Try again
          </button>
        </div>
      )}
      {checkin.state === 'done' && checkin.result?.kind === 'customer' && <ProfileCard result={checkin.result} />}
      {checkin.state === 'done' && checkin.result?.kind === 'unknown' && <UnknownCustomer result={checkin.result} />}
    </div>
  )
}

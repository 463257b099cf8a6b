import { useEffect } from 'react'
import { useCounter, useCounterStore } from '../../state/react'
import { IdCheckCard } from '../idcheck/IdCheckCard'
import { Notice } from '../../ui/Notice'
import { ProfileCard } from './ProfileCard'
import { UnknownCustomer } from './UnknownCustomer'
import { BlocklistedCustomer } from './BlocklistedCustomer'
import { RecentlyCheckedIn } from './RecentlyCheckedIn'

export function CheckInScreen() {
  const store = useCounterStore()
  const checkin = useCounter((s) => s.checkin)
  const idCheck = useCounter((s) => s.idCheck.state)
  const showIdCheck = idCheck !== 'idle' && checkin.state === 'idle'
  useEffect(() => {
    // a customer opened (from the ID check's matches, a signup, or a new check-in): the ID check screen is done
    if (checkin.state !== 'idle' && (idCheck === 'done' || idCheck === 'failed')) store.getState().closeIdCheck()
  }, [checkin.state, idCheck, store])
  useEffect(() => {
    if (!showIdCheck) return
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && store.getState().closeIdCheck()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [showIdCheck, store])
  return (
    <div className="checkin-screen">
      <h1 className="sr-only">Check-in</h1>
      <Notice />
      {showIdCheck && <IdCheckCard />}
      {checkin.state === 'idle' && !showIdCheck && <p className="idle">Ready for the next customer.</p>}
      <RecentlyCheckedIn show={checkin.state === 'idle' && !showIdCheck} />
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
      {checkin.state === 'done' && checkin.result?.kind === 'blocklisted' && <BlocklistedCustomer result={checkin.result} />}
    </div>
  )
}

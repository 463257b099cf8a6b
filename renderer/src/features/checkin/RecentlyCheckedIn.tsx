// The last customers checked in at this counter: listed while the counter is idle, and Alt+1 … Alt+0 reopens one from
// anywhere on the check-in screen (the check-in field keeps focus; plain digits still go into it).
import { useEffect } from 'react'
import { recentKeyIndex } from '../../state/recent-view'
import { useCounter, useCounterStore } from '../../state/react'
import { formatTime } from '../../ui/format'

export function RecentlyCheckedIn({ show }: { show: boolean }) {
  const store = useCounterStore()
  const recent = useCounter((s) => s.recent)
  const result = useCounter((s) => (s.checkin.state === 'done' && s.checkin.result?.kind === 'customer' ? s.checkin.result.customer : null))
  const dialogOpen = useCounter((s) => s.dialog !== null)
  useEffect(() => {
    if (result) store.getState().rememberCheckIn(result)
  }, [result, store])
  useEffect(() => {
    if (dialogOpen) return
    const onKey = (e: KeyboardEvent) => {
      const i = recentKeyIndex(e)
      const pick = i === null ? undefined : store.getState().recent[i]
      if (!pick) return
      e.preventDefault()
      void store.getState().checkIn(pick.contactID)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [dialogOpen, store])
  if (!show || recent.length === 0) return null
  return (
    <section className="card recent" aria-labelledby="recent-title">
      <h2 id="recent-title" className="h3">
        Recently checked in <span className="muted small">(Alt+number reopens)</span>
      </h2>
      <ol className="recent-list" aria-label="Recently checked in">
        {recent.map((r, i) => (
          <li key={r.contactID}>
            <button type="button" aria-keyshortcuts={`Alt+${(i + 1) % 10}`} onClick={() => void store.getState().checkIn(r.contactID)}>
              <kbd>Alt+{(i + 1) % 10}</kbd> {r.name} <span className="muted small">{formatTime(r.at)}</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  )
}

// In the header: who is signed in, and the quick switch to another budtender.
import { useCounter, useCounterStore } from '../../state/react'

export function StaffBadge() {
  const store = useCounterStore()
  const who = useCounter((s) => s.staff?.signedIn ?? null)
  if (!who) return null
  return (
    <div className="staff-badge">
      <span aria-label="Signed in">
        {who.name}
        {who.role === 'manager' ? ' (manager)' : ''}
      </span>
      <button type="button" onClick={() => void store.getState().signOutBudtender()}>
        Switch budtender
      </button>
    </div>
  )
}

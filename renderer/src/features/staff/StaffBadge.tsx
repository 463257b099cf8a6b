// In the header: who is signed in, changing their own PIN, and the quick switch to another budtender.
import { useCounter, useCounterStore } from '../../state/react'
import { ChangePinButton } from './ChangePin'

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
      <ChangePinButton role={who.role} />
      <button type="button" onClick={() => void store.getState().signOutBudtender()}>
        Switch budtender
      </button>
    </div>
  )
}

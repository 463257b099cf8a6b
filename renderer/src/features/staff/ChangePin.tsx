// "Change my PIN", next to who is signed in: the current PIN first, then the new one twice. Main checks the old PIN
// (it counts toward the lockout like any PIN) and refuses a PIN someone else on the staff uses.
import { useId, useState } from 'react'
import { pinProblem, type Role } from '../../../../shared/staff-rules'
import { useCounterStore } from '../../state/react'
import { Dialog } from '../../ui/Dialog'
import { FormError } from '../../ui/FormError'
import { PinInput } from './PinInput'

export function ChangePinButton({ role }: { role: Role }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Change my PIN
      </button>
      {open && <ChangePinDialog role={role} close={() => setOpen(false)} />}
    </>
  )
}

function ChangePinDialog({ role, close }: { role: Role; close(): void }) {
  const store = useCounterStore()
  const [oldPin, setOldPin] = useState('')
  const [newPin, setNewPin] = useState('')
  const [again, setAgain] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const ids = { old: useId(), next: useId(), again: useId() }
  const submit = async () => {
    if (!oldPin) return setProblem('Type your current PIN.')
    const bad = pinProblem(newPin, role)
    if (bad) return setProblem(bad)
    if (newPin !== again) return setProblem('The two new PINs differ. Type it again.')
    setBusy(true)
    const refused = await store.getState().changeMyPin(oldPin, newPin)
    setBusy(false)
    if (!refused) return close()
    setProblem(refused)
    setOldPin('')
  }
  return (
    <Dialog title="Change my PIN">
      <form
        className="form"
        onChange={() => setProblem(null)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault()
            close()
          }
        }}
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <label htmlFor={ids.old}>Current PIN</label>
        <PinInput id={ids.old} value={oldPin} onChange={setOldPin} autoFocus />
        <label htmlFor={ids.next}>{role === 'manager' ? 'New PIN (4 or 6 digits)' : 'New PIN (4 digits)'}</label>
        <PinInput id={ids.next} value={newPin} onChange={setNewPin} />
        <label htmlFor={ids.again}>The new PIN again</label>
        <PinInput id={ids.again} value={again} onChange={setAgain} />
        <FormError text={problem} />
        <div className="buttons">
          <button type="submit" className="primary" disabled={busy}>
            Change PIN
          </button>
          <button type="button" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}

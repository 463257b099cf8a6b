// "Forgot the manager PIN?": a store whose manager PIN is lost proves it owns the AIQ account by typing its API key
// again. Main compares it with the key saved in this computer's keychain and sends it nowhere; nothing else changes.
import { useId, useState } from 'react'
import { pinProblem } from '../../../../shared/staff-rules'
import { useCounter, useCounterStore } from '../../state/react'
import { FormError } from '../../ui/FormError'
import { PinInput } from './PinInput'

export function ForgotManagerPin() {
  const staff = useCounter((s) => s.staff)
  const [open, setOpen] = useState(false)
  if (staff?.roster !== 'live' || !staff.staff.some((m) => m.role === 'manager')) return null
  if (!open)
    return (
      <p>
        <button type="button" className="link" onClick={() => setOpen(true)}>
          Forgot the manager PIN?
        </button>
      </p>
    )
  return <RecoverForm managers={staff.staff.filter((m) => m.role === 'manager')} close={() => setOpen(false)} />
}

function RecoverForm({ managers, close }: { managers: { id: string; name: string }[]; close(): void }) {
  const store = useCounterStore()
  const [managerId, setManagerId] = useState(managers[0]?.id ?? '')
  const [apiKey, setApiKey] = useState('')
  const [pin, setPin] = useState('')
  const [again, setAgain] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const ids = { who: useId(), key: useId(), pin: useId(), again: useId(), why: useId() }
  const submit = async () => {
    if (!apiKey.trim()) return setProblem('Paste the AIQ API key.')
    const bad = pinProblem(pin, 'manager')
    if (bad) return setProblem(bad)
    if (pin !== again) return setProblem('The two PINs differ. Type it again.')
    setBusy(true)
    const refused = await store.getState().recoverManagerPin({ apiKey, pin, ...(managers.length > 1 ? { managerId } : {}) })
    setBusy(false)
    if (refused) setProblem(refused)
    else close()
  }
  return (
    <form
      className="card form recover-pin"
      aria-labelledby={`${ids.why}-title`}
      aria-describedby={ids.why}
      onChange={() => setProblem(null)}
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <h2 id={`${ids.why}-title`}>Recover the manager PIN</h2>
      <p id={ids.why}>
        Paste the API key of the AIQ account this counter is connected to (in AIQ: Settings → API &amp; Tracking). It is compared with the key saved on
        this computer and sent nowhere. Nothing else changes: staff, awards waiting to sync and settings stay as they are.
      </p>
      {managers.length > 1 && (
        <>
          <label htmlFor={ids.who}>Manager</label>
          <select id={ids.who} value={managerId} onChange={(e) => setManagerId(e.target.value)}>
            {managers.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={ids.key}>AIQ API key</label>
      <input id={ids.key} type="password" autoComplete="off" spellCheck={false} value={apiKey} onChange={(e) => setApiKey(e.target.value)} />
      <label htmlFor={ids.pin}>New manager PIN (4 or 6 digits)</label>
      <PinInput id={ids.pin} value={pin} onChange={setPin} />
      <label htmlFor={ids.again}>The same PIN again</label>
      <PinInput id={ids.again} value={again} onChange={setAgain} />
      <FormError text={problem} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          Set the new manager PIN
        </button>
        <button type="button" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  )
}

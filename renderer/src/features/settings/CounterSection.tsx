// Settings › This counter: its name (it goes with each award into AIQ's note, so AIQ's list and the shift report say
// which counter awarded) and whether it is the only counter on this AIQ account.
import { useId, useState } from 'react'
import { FormError } from '../../ui/FormError'
import { useSettingsSave } from './useSettingsSave'
import './settings.css'

export function CounterSection() {
  const [name, setName] = useState<string | null>(null)
  const [only, setOnly] = useState(false)
  const { problem, saved, busy, edited, save: send } = useSettingsSave(
    (call) => call('getCounter', {}),
    (c) => (setName(c.name), setOnly(c.onlyCounter)),
  )
  const ids = { heading: useId(), name: useId(), only: useId() }

  if (name === null) return null
  const save = () => send((call) => call('saveCounter', { name, onlyCounter: only }))

  return (
    <section className="settings-section" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>This counter</h2>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <label htmlFor={ids.name}>Counter name</label>
        <input id={ids.name} value={name} maxLength={40} onChange={(e) => (setName(e.target.value), edited())} />
        <p className="muted">Shown in AIQ's points history and the shift report beside each award from this counter.</p>
        <label className="check">
          <input id={ids.only} type="checkbox" checked={only} onChange={(e) => (setOnly(e.target.checked), edited())} />
          This is the only counter using this AIQ account
        </label>
        <p className="muted">
          Leave this off if other counters or apps give points on the same account: then an award AIQ can't place for sure is kept for a
          manager to check, never guessed.
        </p>
        <FormError text={problem} />
        {saved && <p role="status">Saved.</p>}
        <div className="buttons">
          <button type="submit" disabled={busy}>
            Update counter
          </button>
        </div>
      </form>
    </section>
  )
}

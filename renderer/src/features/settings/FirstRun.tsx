// Nothing configured yet: two clear paths — connect a real AIQ account, or practise in the training sandbox.
import { useId, useState } from 'react'
import { useCounterStore } from '../../state/react'
import { AccountSection } from './AccountSection'
import './settings.css'
import { FormError } from '../../ui/FormError'

export function FirstRun() {
  const store = useCounterStore()
  const [path, setPath] = useState<'choose' | 'connect'>('choose')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const heading = useId()

  async function practise() {
    setBusy(true)
    setProblem(null)
    const refused = await store.getState().startTraining()
    setBusy(false)
    if (refused) setProblem(refused)
  }

  return (
    <section className="first-run" aria-labelledby={heading}>
      <h1 id={heading}>Welcome to AIQ Counter</h1>
      <p>Check customers in, award loyalty points (even offline) and sign new members up. How do you want to start?</p>
      <div className="paths">
        <button type="button" className="path primary" aria-expanded={path === 'connect'} onClick={() => setPath('connect')} disabled={busy}>
          <strong>Connect an AIQ account</strong>
          <span>Use your dispensary's Alpine IQ account id and API key.</span>
        </button>
        <button type="button" className="path" onClick={() => void practise()} disabled={busy}>
          <strong>{busy ? 'Starting training mode…' : 'Practise in training mode'}</strong>
          <span>Practice customers on this computer. Nothing is ever sent to AIQ.</span>
        </button>
      </div>
      <FormError text={problem} />
      {path === 'connect' && <AccountSection headingLevel={2} onSaved={() => store.getState().returnToCheckIn()} />}
    </section>
  )
}

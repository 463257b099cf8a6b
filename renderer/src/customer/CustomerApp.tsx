// What the customer sees: idle, their first name and points, signup and consent (keypad, disclosure, two equal
// choices, nothing preselected), thanks. Nothing here can reach the counter's methods.
import { useEffect, useState } from 'react'
import type { CustomerScreenApi, CustomerView } from '../../../shared/contract'
import { formatPhone } from '../../../shared/phone'

type Signup = Extract<CustomerView, { view: 'signup' }>
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'back', '0', 'done'] as const

export function CustomerApp({ api }: { api: CustomerScreenApi }) {
  const [view, setView] = useState<CustomerView | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    const off = api.onCustomerViewChanged((v) => {
      setView(v)
      setProblem(null)
    })
    void api.getCustomerView({}).then((r) => r.ok && setView(r.value))
    return off
  }, [api])

  const act = async (call: () => ReturnType<CustomerScreenApi['chooseConsent']>) => {
    const r = await call()
    if (r.ok) {
      setView(r.value)
      setProblem(null)
    } else setProblem(r.error.message)
  }

  if (!view) return <main className="customer" aria-label="Customer screen" />
  return (
    <main className="customer" aria-label="Customer screen">
      <p className="store">{view.storeName}</p>
      {view.view === 'idle' && (
        <section className="panel idle" aria-label="Welcome">
          <h1>Welcome</h1>
          <p className="big">Earn points: tell us your phone</p>
        </section>
      )}
      {view.view === 'customer' && (
        <section className="panel" aria-label="Your points">
          <h1>Hi {view.firstName}</h1>
          <p className="points">
            <span className="value" data-testid="customer-points">{view.points.toLocaleString()}</span> points
          </p>
          {view.pendingPoints > 0 && <p className="pending">+{view.pendingPoints.toLocaleString()} points on their way</p>}
          {view.rewards.length > 0 && (
            <>
              <h2>Rewards you can use today</h2>
              <ul className="rewards">
                {view.rewards.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {view.view === 'signup' && <SignupStep view={view} api={api} act={act} />}
      {view.view === 'thanks' && (
        <section className="panel" aria-label="Thank you">
          <h1>Thank you{view.firstName ? `, ${view.firstName}` : ''}!</h1>
          <p className="big">Your budtender will finish up.</p>
        </section>
      )}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </main>
  )
}

function SignupStep({ view, api, act }: { view: Signup; api: CustomerScreenApi; act: (c: () => ReturnType<CustomerScreenApi['chooseConsent']>) => Promise<void> }) {
  if (view.step === 'data_retention') {
    return (
      <section className="panel" aria-label="Keeping your details">
        <h1>May we keep your details?</h1>
        <p className="disclosure">{view.disclosure}</p>
        <div className="choices">
          <button type="button" onClick={() => void act(() => api.chooseConsent({ channel: 'data_retention', choice: 'yes' }))}>
            Yes, keep my details
          </button>
          <button type="button" onClick={() => void act(() => api.chooseConsent({ channel: 'data_retention', choice: 'no' }))}>
            No thanks
          </button>
        </div>
      </section>
    )
  }
  if (view.step === 'phone') {
    return (
      <section className="panel" aria-label="Your phone number">
        <h1>Type your phone number</h1>
        <output className="typed" aria-live="polite" aria-label="Phone typed">
          {view.typed.length ? formatPartial(view.typed) : '\u00a0'}
        </output>
        <div className="keypad" role="group" aria-label="Keypad">
          {KEYS.map((k) => (
            <button
              key={k}
              type="button"
              className={k === 'done' ? 'primary' : undefined}
              aria-label={k === 'back' ? 'Delete' : k === 'done' ? 'Done' : k}
              disabled={k === 'done' && view.typed.length !== 10}
              onClick={() => void act(() => api.typeCustomerPhone({ key: k }))}
            >
              {k === 'back' ? '⌫' : k === 'done' ? 'Done' : k}
            </button>
          ))}
        </div>
      </section>
    )
  }
  return (
    <section className="panel" aria-label="Text messages">
      <h1>Offers by text?</h1>
      {view.mismatch && (
        <p className="mismatch" role="note">
          This number is not the one your budtender typed. They can see it too.
        </p>
      )}
      <p className="disclosure">{view.disclosure}</p>
      <div className="choices">
        <button type="button" onClick={() => void act(() => api.chooseConsent({ channel: 'sms', choice: 'yes' }))}>
          Yes, text me offers
        </button>
        <button type="button" onClick={() => void act(() => api.chooseConsent({ channel: 'sms', choice: 'no' }))}>
          No thanks
        </button>
      </div>
    </section>
  )
}

/** (303) 555-01… as it is typed */
function formatPartial(d: string): string {
  if (d.length === 10) return formatPhone(d)
  if (d.length <= 3) return `(${d}`
  if (d.length <= 6) return `(${d.slice(0, 3)}) ${d.slice(3)}`
  return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`
}

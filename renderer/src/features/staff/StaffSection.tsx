// Settings → Staff and rules: who can sign in at this counter, and what needs the manager's PIN (locked down by default).
import { useId, useState } from 'react'
import type { CounterRules, Role } from '../../../../shared/staff-rules'
import { PIN_PATTERN } from '../../../../shared/staff-rules'
import { errorMessage } from '../../api'
import { useApi, useCounter, useCounterStore } from '../../state/react'
import { FormError } from '../../ui/FormError'

export function StaffSection() {
  const staff = useCounter((s) => s.staff)
  if (!staff) return null
  return (
    <section className="card settings-section" aria-labelledby="staff-title">
      <h2 id="staff-title">Staff and PINs</h2>
      {staff.practicePins && <p className="muted">Training mode: these are the practice staff. A live account has its own staff list.</p>}
      <ul className="staff-list" aria-label="Staff list">
        {staff.staff.map((m) => (
          <StaffRow key={m.id} id={m.id} name={m.name} role={m.role} />
        ))}
      </ul>
      <AddStaff />
      <RulesForm rules={staff.rules} />
    </section>
  )
}

function useAction() {
  const store = useCounterStore()
  const [problem, setProblem] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  async function run(work: () => ReturnType<ReturnType<typeof useApi>['getStaff']>, ok: string) {
    setProblem(null)
    setDone(null)
    try {
      store.getState().applyStaff(await work())
      setDone(ok)
      return true
    } catch (e) {
      setProblem(errorMessage(e))
      return false
    }
  }
  const messages = (
    <>
      <FormError text={problem} />
      {done && <p role="status">{done}</p>}
    </>
  )
  return { run, messages }
}

function StaffRow(props: { id: string; name: string; role: Role }) {
  const api = useApi()
  const { run, messages } = useAction()
  return (
    <li>
      {props.name} <span className="muted">{props.role}</span>{' '}
      <button type="button" onClick={() => void run(() => api.removeStaff({ staffId: props.id }), `${props.name} removed.`)}>
        Remove {props.name}
      </button>
      {messages}
    </li>
  )
}

function AddStaff() {
  const api = useApi()
  const { run, messages } = useAction()
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('budtender')
  const [pin, setPin] = useState('')
  const ids = { name: useId(), role: useId(), pin: useId() }
  return (
    <form
      className="form"
      aria-label="Add staff"
      onSubmit={(e) => {
        e.preventDefault()
        if (!name.trim() || !PIN_PATTERN.test(pin)) return
        void run(() => api.addStaff({ name: name.trim(), role, pin }), `${name.trim()} can sign in now.`).then((ok) => {
          if (ok) {
            setName('')
            setPin('')
          }
        })
      }}
    >
      <h3>Add someone</h3>
      <label htmlFor={ids.name}>Name</label>
      <input id={ids.name} value={name} maxLength={40} autoComplete="off" onChange={(e) => setName(e.target.value)} />
      <label htmlFor={ids.role}>Role</label>
      <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as Role)}>
        <option value="budtender">Budtender</option>
        <option value="manager">Manager</option>
      </select>
      <label htmlFor={ids.pin}>Their 4-digit PIN (they type it)</label>
      <input id={ids.pin} className="pin-input" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 4))} />
      <div className="buttons">
        <button type="submit">Add</button>
      </div>
      {messages}
    </form>
  )
}

function RulesForm({ rules }: { rules: CounterRules }) {
  const api = useApi()
  const { run, messages } = useAction()
  const [r, setR] = useState(rules)
  const ids = { limit: useId(), redeem: useId(), idle: useId() }
  const flag = (key: 'deductNeedsManager' | 'discardNeedsManager' | 'repointNeedsManager' | 'medical', label: string) => (
    <label>
      <input type="checkbox" checked={r[key]} onChange={(e) => setR({ ...r, [key]: e.target.checked })} /> {label}
    </label>
  )
  return (
    <form
      className="form"
      aria-label="Counter rules"
      onSubmit={(e) => {
        e.preventDefault()
        void run(() => api.saveRules({ rules: r }), 'Rules saved.')
      }}
    >
      <h3>Rules</h3>
      <label htmlFor={ids.limit}>Awards above this many points need the manager’s PIN</label>
      <input id={ids.limit} inputMode="numeric" value={String(r.awardLimit)} onChange={(e) => setR({ ...r, awardLimit: Number(e.target.value.replace(/\D/g, '')) || 0 })} />
      <label htmlFor={ids.redeem}>Rewards costing more than this many points need the manager’s PIN to redeem</label>
      <input id={ids.redeem} inputMode="numeric" value={String(r.redeemLimit)} onChange={(e) => setR({ ...r, redeemLimit: Number(e.target.value.replace(/\D/g, '')) || 0 })} />
      {flag('deductNeedsManager', 'Deductions need the manager’s PIN')}
      {flag('discardNeedsManager', 'Discarding a queued award needs the manager’s PIN')}
      {flag('repointNeedsManager', 'Moving a queued award to another customer needs the manager’s PIN')}
      <p className="muted small">Overriding an ID check and changing Settings always need the manager’s PIN.</p>
      {flag('medical', 'Medical store: customers from 18 (adult use: 21)')}
      <label htmlFor={ids.idle}>Sign the budtender out after this many idle minutes</label>
      <input id={ids.idle} inputMode="numeric" value={String(r.idleMinutes)} onChange={(e) => setR({ ...r, idleMinutes: Math.max(1, Number(e.target.value.replace(/\D/g, '')) || 1) })} />
      <div className="buttons">
        <button type="submit" className="primary">
          Apply rules
        </button>
      </div>
      {messages}
    </form>
  )
}

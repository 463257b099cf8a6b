// Settings → Staff and rules: who can sign in at this counter (a budtender's forgotten PIN reset, a lock lifted), and
// what needs the manager's PIN (locked down by default).
import { useId, useState } from 'react'
import type { StaffStatus } from '../../../../shared/contract'
import type { CounterRules, Role } from '../../../../shared/staff-rules'
import { pinProblem } from '../../../../shared/staff-rules'
import { errorMessage } from '../../api'
import { useCounter, useCounterStore } from '../../state/react'
import { FormError } from '../../ui/FormError'
import { PinInput } from './PinInput'

export function StaffSection() {
  const staff = useCounter((s) => s.staff)
  if (!staff) return null
  return (
    <section className="card settings-section" aria-labelledby="staff-title">
      <h2 id="staff-title">Staff and PINs</h2>
      {staff.practicePins && <p className="muted">Training mode: these are the practice staff. A live account has its own staff list.</p>}
      <ul className="staff-list" aria-label="Staff list">
        {staff.staff.map((m) => (
          <StaffRow key={m.id} id={m.id} name={m.name} role={m.role} locked={m.locked} />
        ))}
      </ul>
      <AddStaff />
    </section>
  )
}

/** What needs the manager's PIN at this counter: its own section, so Settings' two columns stay even. */
export function RulesSection() {
  const rules = useCounter((s) => s.staff?.rules)
  if (!rules) return null
  return (
    <section className="card settings-section" aria-labelledby="rules-title">
      <h2 id="rules-title">Counter rules</h2>
      <RulesForm rules={rules} />
    </section>
  )
}

function useAction() {
  const store = useCounterStore()
  const [problem, setProblem] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  async function run(work: () => Promise<StaffStatus>, ok: string) {
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
  /** the form's input changed: its old answer goes */
  const clear = () => {
    setProblem(null)
    setDone(null)
  }
  return { run, messages, clear, fail: setProblem }
}

function StaffRow(props: { id: string; name: string; role: Role; locked: boolean }) {
  const call = useCounter((s) => s.settingsCall)
  const { run, messages, clear } = useAction()
  const [resetting, setResetting] = useState(false)
  return (
    <li>
      {props.name} <span className="muted">{props.role}</span>
      {props.locked && <strong> · PIN locked</strong>}{' '}
      {props.locked && (
        <button type="button" onClick={() => void run(() => call('unlockStaff', { staffId: props.id }), `${props.name} can try their PIN again.`)}>
          Unlock {props.name}
        </button>
      )}
      {props.role === 'budtender' && !resetting && (
        <button type="button" onClick={() => setResetting(true)}>
          Reset PIN for {props.name}
        </button>
      )}
      <button type="button" onClick={() => void run(() => call('removeStaff', { staffId: props.id }), `${props.name} removed.`)}>
        Remove {props.name}
      </button>
      {resetting && (
        <ResetPin
          name={props.name}
          done={() => setResetting(false)}
          edited={clear}
          reset={(pin) => run(() => call('resetStaffPin', { staffId: props.id, pin }), `${props.name} signs in with the new PIN now.`)}
        />
      )}
      {messages}
    </li>
  )
}

/** A budtender forgot their PIN: the manager (Settings are open with their PIN) lets them type a new one. */
function ResetPin(props: { name: string; reset(pin: string): Promise<boolean>; done(): void; edited(): void }) {
  const [pin, setPin] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const id = useId()
  return (
    <form
      className="form"
      aria-label={`New PIN for ${props.name}`}
      onChange={() => {
        setProblem(null)
        props.edited()
      }}
      onSubmit={(e) => {
        e.preventDefault()
        const bad = pinProblem(pin, 'budtender')
        if (bad) return setProblem(bad)
        setProblem(null)
        void props.reset(pin).then((ok) => ok && props.done())
      }}
    >
      <label htmlFor={id}>New 4-digit PIN for {props.name} (they type it)</label>
      <PinInput id={id} value={pin} onChange={setPin} autoFocus />
      <FormError text={problem} />
      <div className="buttons">
        <button type="submit">Set new PIN</button>
        <button type="button" onClick={props.done}>
          Cancel
        </button>
      </div>
    </form>
  )
}

function AddStaff() {
  const call = useCounter((s) => s.settingsCall)
  const { run, messages, clear, fail } = useAction()
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('budtender')
  const [pin, setPin] = useState('')
  const ids = { name: useId(), role: useId(), pin: useId() }
  return (
    <form
      className="form"
      aria-label="Add staff"
      onChange={clear}
      onSubmit={(e) => {
        e.preventDefault()
        if (!name.trim()) return fail('Type their name.')
        const bad = pinProblem(pin, role)
        if (bad) return fail(bad)
        void run(() => call('addStaff', { name: name.trim(), role, pin }), `${name.trim()} can sign in now.`).then((ok) => {
          if (ok) {
            setName('')
            setPin('')
          }
        })
      }}
    >
      <h3>Add someone</h3>
      <div className="add-staff-row">
        <div className="field">
          <label htmlFor={ids.name}>Name</label>
          <input id={ids.name} value={name} maxLength={40} autoComplete="off" onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.role}>Role</label>
          <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="budtender">Budtender</option>
            <option value="manager">Manager</option>
          </select>
        </div>
      </div>
      <label htmlFor={ids.pin}>{role === 'manager' ? 'Their PIN of 4 or 6 digits (they type it)' : 'Their 4-digit PIN (they type it)'}</label>
      <PinInput id={ids.pin} value={pin} onChange={setPin} />
      <div className="buttons">
        <button type="submit">Add</button>
      </div>
      {messages}
    </form>
  )
}

function RulesForm({ rules }: { rules: CounterRules }) {
  const call = useCounter((s) => s.settingsCall)
  const { run, messages, clear } = useAction()
  const [r, setR] = useState(rules)
  const ids = { limit: useId(), redeem: useId(), idle: useId() }
  const flag = (key: 'deductNeedsManager' | 'discardNeedsManager' | 'repointNeedsManager' | 'editCustomerNeedsManager' | 'medical', label: string) => (
    <label>
      <input type="checkbox" checked={r[key]} onChange={(e) => setR({ ...r, [key]: e.target.checked })} /> {label}
    </label>
  )
  return (
    <form
      className="form"
      aria-label="Counter rules"
      onChange={clear}
      onSubmit={(e) => {
        e.preventDefault()
        void run(() => call('saveRules', { rules: r }), 'Rules saved.')
      }}
    >
      <label htmlFor={ids.limit}>Awards above this many points need the manager’s PIN</label>
      <input id={ids.limit} inputMode="numeric" value={String(r.awardLimit)} onChange={(e) => setR({ ...r, awardLimit: Number(e.target.value.replace(/\D/g, '')) || 0 })} />
      <label htmlFor={ids.redeem}>Rewards costing more than this many points need the manager’s PIN to redeem</label>
      <input id={ids.redeem} inputMode="numeric" value={String(r.redeemLimit)} onChange={(e) => setR({ ...r, redeemLimit: Number(e.target.value.replace(/\D/g, '')) || 0 })} />
      {flag('deductNeedsManager', 'Deductions need the manager’s PIN')}
      {flag('discardNeedsManager', 'Discarding a queued award needs the manager’s PIN')}
      {flag('repointNeedsManager', 'Moving a queued award to another customer needs the manager’s PIN')}
      {flag('editCustomerNeedsManager', 'Changing a customer’s saved details (attributes) needs the manager’s PIN')}
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

// Fix customer (a phone or an AIQ contact id) and Discard (a reason; the signed-in budtender recorded by main), each
// with the manager's PIN where the rules ask for it. The outbox slice runs them and says what happened.
import { formatSignedPoints } from '../../../../shared/points'
import { useId, useState } from 'react'
import type { OutboxEntry } from '../../../../shared/contract'
import { customerLabel, discardProblem, parseCustomerFix } from '../../state/queue-view'
import { useCounter, useCounterStore } from '../../state/react'
import type { Customer } from '../../../../shared/contract'
import { formatPhone } from '../../../../shared/phone'
import { errorMessage } from '../../api'
import { Modal } from '../../ui/Modal'
import { useManagerPin } from '../../ui/ManagerPin'
import { FormError } from '../../ui/FormError'

/** `onDone` closes the dialog once the action is done; when main refused, the dialog stays and says why. */
type Props = { entry: OutboxEntry; onCancel(): void; onDone(): void }

function useSubmit(onDone: () => void) {
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  async function submit(run: () => Promise<string | null>) {
    setBusy(true)
    setProblem(null)
    const refused = await run()
    if (refused === null) return onDone()
    setProblem(refused)
    setBusy(false)
  }
  return { busy, problem, setProblem, submit }
}

export function FixCustomerDialog({ entry, onCancel, onDone }: Props) {
  const fix = useCounter((s) => s.fixQueuedCustomer)
  const [who, setWho] = useState(entry.phone ?? entry.contactID ?? '')
  const [name, setName] = useState(entry.customerName)
  const { busy, problem, setProblem, submit } = useSubmit(onDone)
  const ids = { who: useId(), name: useId(), hint: useId(), err: useId() }
  const manager = useManagerPin('fixOutboxCustomer', {}, () => setProblem(null))

  function onSubmit(e: React.FormEvent) {
    e.preventDefault()
    const parsed = parseCustomerFix(who)
    if (!parsed.ok) return setProblem(parsed.error)
    const customerName = name.trim()
    if (manager.problem) return setProblem(manager.problem)
    const approval = manager.approval ? { approval: manager.approval } : {}
    void submit(() => fix({ id: entry.id, customer: parsed.customer, ...(customerName ? { customerName } : {}), ...approval }))
  }

  return (
    <Modal title="Fix customer" onClose={onCancel} wide>
      <p>
        {formatSignedPoints(entry.value)} points for {customerLabel(entry)} ({entry.reason}).
        {entry.lastError && <> AIQ said: {entry.lastError}</>}
      </p>
      <form onSubmit={onSubmit} noValidate className="fix-cols">
      <div>
      <FindByName
        onPick={(c) => {
          setWho(c.contactID)
          setName(`${c.firstName} ${c.lastName}`.trim())
          setProblem(null)
        }}
      />
      {manager.field}
      </div>
      <div>
        <label htmlFor={ids.who}>Phone or AIQ contact ID</label>
        <input
          id={ids.who}
          value={who}
          onChange={(e) => {
            setWho(e.target.value)
            setProblem(null)
          }}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          aria-describedby={ids.hint}
          aria-invalid={problem !== null}
        />
        <p id={ids.hint} className="muted small">
          A 10-digit phone is matched to the customer in AIQ when the award syncs.
        </p>
        <label htmlFor={ids.name}>Customer name (optional)</label>
        <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        {problem && (
          <p className="form-error" role="alert" id={ids.err}>
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save and retry'}
          </button>
        </div>
      </div>
      </form>
    </Modal>
  )
}

export function DiscardDialog({ entry, onCancel, onDone }: Props) {
  const discard = useCounter((s) => s.discardQueued)
  const by = useCounter((s) => s.staff?.signedIn?.name ?? '')
  const [reason, setReason] = useState('')
  const { busy, problem, setProblem, submit } = useSubmit(onDone)
  const ids = { reason: useId() }
  const manager = useManagerPin('discardOutboxEntry', {}, () => setProblem(null))

  function onSubmit(e: React.FormEvent) {
    e.preventDefault()
    const bad = discardProblem(reason, by)
    if (bad) return setProblem(bad)
    if (manager.problem) return setProblem(manager.problem)
    const approval = manager.approval ? { approval: manager.approval } : {}
    void submit(() => discard({ id: entry.id, reason: reason.trim(), ...approval }))
  }

  return (
    <Modal title="Discard this award?" onClose={onCancel}>
      <p>
        <strong>
          {formatSignedPoints(entry.value)} points for {customerLabel(entry)}
        </strong>{' '}
        ({entry.reason}) will never be sent to AIQ. The discard is recorded with your reason, as discarded by {by}.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <label htmlFor={ids.reason}>Reason for discarding</label>
        <input
          id={ids.reason}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value)
            setProblem(null)
          }}
          autoFocus
          autoComplete="off"
          maxLength={200}
        />
        {manager.field}
        <FormError text={problem} />
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Keep it
          </button>
          <button type="submit" className="danger" disabled={busy}>
            {busy ? 'Discarding…' : 'Discard award'}
          </button>
        </div>
      </form>
    </Modal>
  )
}

/** Find the right customer by name (AIQ's search, or this counter's directory while AIQ is away); a pick fills the form. */
function FindByName({ onPick }: { onPick(c: Customer): void }) {
  const store = useCounterStore()
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<Customer[] | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const id = useId()
  async function search() {
    const q = query.trim()
    if (q.length < 2) return setProblem('Type at least 2 letters of their name.')
    setProblem(null)
    try {
      setFound(await store.getState().findCustomers(q, 5))
    } catch (e) {
      setProblem(errorMessage(e))
    }
  }
  return (
    <div className="find-by-name">
      <label htmlFor={id}>Find by name</label>
      <div className="find-row">
        <input
          id={id}
          type="search"
          value={query}
          autoComplete="off"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return
            e.preventDefault()
            void search()
          }}
        />
        <button type="button" onClick={() => void search()}>
          Search
        </button>
      </div>
      <FormError text={problem} />
      {found && found.length === 0 && <p className="muted">Nobody found by that name.</p>}
      {found && found.length > 0 && (
        <ul className="find-results" aria-label="Customers found">
          {found.map((c) => (
            <li key={c.contactID}>
              <button type="button" onClick={() => onPick(c)}>
                {`${c.firstName} ${c.lastName}`.trim() || 'Unnamed'}, {c.phone ? formatPhone(c.phone) : c.contactID}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

// The manager's PIN for one call, asked for only where the contract's rule for that method says so
// (shared/contract/access.ts `asks`, the function main's dispatch asks too). Main checks it.
import { useId, useState } from 'react'
import type { Approval, MethodName } from '../../../shared/contract'
import { access, asks } from '../../../shared/contract/access'
import { DEFAULT_RULES, PIN_PATTERN, whyManager } from '../../../shared/staff-rules'
import { useCounter } from '../state/react'

export const MANAGER_PIN_LABEL = 'Manager PIN'

/**
 * Whether calling `method` with `input` (what its rule reads: an award's value, a reward's cost) needs the manager,
 * the field to ask for the PIN, and the approval to send. `onInput` runs when the PIN changes (the form clears its old
 * error then). The field belongs in a <form>: Enter submits it.
 */
export function useManagerPin(method: MethodName, input: object = {}, onInput?: () => void) {
  const staff = useCounter((s) => s.staff)
  const rules = staff?.rules ?? DEFAULT_RULES
  // the call sends its own approval: a manager signed in does not stand in for it, and the PIN box is never a first run
  const asked = asks(access[method], input, { rules: () => rules, firstRun: () => false, managerHere: () => false })
  const needed = asked !== null
  const managers = (staff?.staff ?? []).filter((m) => m.role === 'manager')
  const [pin, setPin] = useState('')
  const [managerId, setManagerId] = useState(managers[0]?.id ?? '')
  const approval: Approval | undefined = needed ? { pin, ...(managers.length > 1 && managerId ? { managerId } : {}) } : undefined
  return {
    needed,
    approval,
    /** a message when the PIN is needed and not a 4-digit one yet */
    problem: needed && !PIN_PATTERN.test(pin) ? 'Ask a manager to type their 4-digit PIN.' : null,
    clear: () => setPin(''),
    field: needed ? (
      <ManagerPinField
        why={whyManager(asked!.action, rules)}
        pin={pin}
        setPin={(next) => {
          setPin(next)
          onInput?.()
        }}
        managers={managers}
        managerId={managerId}
        setManagerId={setManagerId}
        practice={staff?.practicePins?.find((p) => p.role === 'manager') ?? null}
      />
    ) : null,
  }
}

function ManagerPinField(props: {
  why: string
  pin: string
  setPin(pin: string): void
  managers: { id: string; name: string }[]
  managerId: string
  setManagerId(id: string): void
  practice: { name: string; pin: string } | null
}) {
  const ids = { pin: useId(), who: useId(), why: useId() }
  return (
    <fieldset className="manager-pin">
      <legend>Manager approval</legend>
      <p id={ids.why} className="muted">
        {props.why}
        {props.practice && (
          <>
            {' '}
            <strong>Training: practice manager PIN {props.practice.pin} ({props.practice.name}).</strong>
          </>
        )}
      </p>
      {props.managers.length > 1 && (
        <>
          <label htmlFor={ids.who}>Manager</label>
          <select id={ids.who} value={props.managerId} onChange={(e) => props.setManagerId(e.target.value)}>
            {props.managers.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={ids.pin}>{MANAGER_PIN_LABEL}</label>
      <input
        id={ids.pin}
        className="pin-input"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={6}
        value={props.pin}
        aria-describedby={ids.why}
        onChange={(e) => props.setPin(e.target.value.replace(/\D/g, '').slice(0, 6))}
      />
    </fieldset>
  )
}

// Award or deduct points: amount and reason; then confirm (with the manager's PIN where the rules ask for it); a
// deduction below zero asks once more. The signed-in budtender is who awards: main records them.
import { useEffect, useId, useState } from 'react'
import { formatPhone } from '../../../../shared/phone'
import { useCounter, useCounterStore } from '../../state/react'
import { addPoints, formatBalanceFigure, formatPoints } from '../../../../shared/points'
import { awardReason, balance, defaultReason, NO_REASON, goesBelowZero, OTHER_REASON, parseAmount, PRESET_REASONS, recentAwardLines, signedValue } from '../../state/selectors'
import { Dialog } from '../../ui/Dialog'
import { useManagerPin } from '../../ui/ManagerPin'
import { FormError } from '../../ui/FormError'

type Step = 'form' | 'confirm' | 'below-zero'

export function AwardDialog(props: { direction: 'award' | 'deduct' }) {
  const store = useCounterStore()
  const result = useCounter((s) => s.checkin.result)
  const award = useCounter((s) => s.award)
  const signedIn = useCounter((s) => s.staff?.signedIn?.name ?? '')
  const recent = recentAwardLines(useCounter((s) => s.recentAwards))
  useEffect(() => void store.getState().loadRecentAwards(), [store])

  const queuedByPhone = result?.kind === 'unknown'
  const [direction, setDirection] = useState(queuedByPhone ? 'award' : props.direction)
  const [amountText, setAmountText] = useState('')
  // a deduction has no default reason: the budtender says why points are taken away
  const [preset, setPreset] = useState<string>(defaultReason(direction))
  const changeDirection = (d: 'award' | 'deduct') => {
    setDirection(d)
    setPreset(defaultReason(d))
  }
  const [details, setDetails] = useState('')
  const [step, setStep] = useState<Step>('form')
  const [problem, setProblem] = useState<string | null>(null)
  const reasonId = useId()

  if (!result) return null
  const customer = result.kind === 'customer' ? result.customer : null
  const who =
    result.kind === 'customer' ? `${result.customer.firstName} ${result.customer.lastName}`.trim() : result.phone ? formatPhone(result.phone) : result.input
  const current = customer ? balance(customer) : 0
  const amount = parseAmount(amountText)
  const value = amount === null ? 0 : signedValue(direction, amount)
  const reason = awardReason(preset, details)
  const verb = direction === 'award' ? 'Award' : 'Deduct'
  const saving = award.state === 'saving'
  const manager = useManagerPin('awardPoints', { value }, () => {
    setProblem(null)
    store.getState().clearAwardError()
  })
  // AIQ credits loyalty members only (anchors A.1, Treez): say so before the award, and offer to join first
  const notMember = customer !== null && !customer.member

  const review = () => {
    if (amount === null) return setProblem('Enter the points as a whole number from 1 to 100,000.')
    if (preset === NO_REASON) return setProblem('Choose the reason for this deduction.')
    if (reason === null) return setProblem('Type the reason.')
    setProblem(null)
    setStep('confirm')
  }
  const save = async () => {
    if (manager.problem) return setProblem(manager.problem)
    if (step === 'confirm' && customer && goesBelowZero(current, value)) return setStep('below-zero')
    setProblem(null)
    const saved = await store.getState().awardPoints({ value, reason: reason!, ...(manager.approval ? { approval: manager.approval } : {}) })
    if (!saved) manager.clear()
  }

  return (
    <Dialog title={queuedByPhone ? 'Award points anyway' : `${verb} points — ${who}`} role={step === 'below-zero' ? 'alertdialog' : 'dialog'}>
      {queuedByPhone && (
        <p className="warning" role="note">
          AIQ can’t be reached and {who} isn’t known to this counter. The award is queued by phone and resolved when AIQ is back; if AIQ has no
          customer with this phone, it shows as failed in the Queue for a manager to fix.
        </p>
      )}
      {recent.length > 0 && step !== 'below-zero' && (
        <div className="warning" role="note" aria-label="Recently awarded">
          <p>{who} already got points in the last 10 minutes — make sure this isn’t the same sale twice:</p>
          <ul>
            {recent.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      {notMember && step === 'form' && (
        <div className="warning" role="note" aria-label="Not a loyalty member">
          <p>
            {who} isn’t a loyalty member: AIQ may not credit these points. Ask them to join loyalty first.
          </p>
          {customer?.phone && (
            <button type="button" onClick={() => store.getState().askToJoin()}>
              Join loyalty first
            </button>
          )}
        </div>
      )}
      {step === 'form' && (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault()
            review()
          }}
        >
          {!queuedByPhone && (
            <fieldset className="choice">
              <legend>Award or deduct</legend>
              <label>
                <input type="radio" name="direction" checked={direction === 'award'} onChange={() => changeDirection('award')} /> Award
              </label>
              <label>
                <input type="radio" name="direction" checked={direction === 'deduct'} onChange={() => changeDirection('deduct')} /> Deduct
              </label>
            </fieldset>
          )}
          <label>
            Points
            <input inputMode="numeric" autoComplete="off" value={amountText} onChange={(e) => setAmountText(e.target.value)} autoFocus />
          </label>
          <div className="field">
            <label htmlFor={reasonId}>Reason</label>
            <select id={reasonId} value={preset} onChange={(e) => setPreset(e.target.value)}>
              {preset === NO_REASON && (
                <option value={NO_REASON} disabled>
                  Choose a reason…
                </option>
              )}
              {PRESET_REASONS.map((r) => (
                <option key={r}>{r}</option>
              ))}
              <option value={OTHER_REASON}>Other (type it below)</option>
            </select>
          </div>
          <label>
            {preset === OTHER_REASON ? 'Reason details' : 'Reason details (optional)'}
            <input value={details} maxLength={150} onChange={(e) => setDetails(e.target.value)} />
          </label>
          <FormError text={problem} />
          <div className="buttons">
            <button type="submit" className="primary">
              Review
            </button>
            <button type="button" onClick={() => store.getState().closeDialog()}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {step !== 'form' && (
        <form
          className="confirm"
          aria-label="Confirm"
          onSubmit={(e) => {
            e.preventDefault()
            if (!saving) void save()
          }}
        >
          {step === 'confirm' && (
            <p className="confirm-text">
              {verb} <strong>{formatPoints(Math.abs(value))} points</strong> {direction === 'award' ? 'to' : 'from'} {who} for “{reason}”.
              {customer && (
                <>
                  {' '}
                  Balance after: <strong>{formatBalanceFigure(addPoints(current, value))}</strong>.
                </>
              )}
            </p>
          )}
          <p className="muted">By {signedIn}.</p>
          {manager.field}
          <FormError text={problem} />
          {step === 'below-zero' && (
            <p className="warning" role="alert">
              This takes {who}’s balance below zero, to {formatPoints(addPoints(current, value))} points. Deduct anyway?
            </p>
          )}
          {award.error && (
            <p className="form-error" role="alert">
              Not saved: {award.error}
            </p>
          )}
          <div className="buttons">
            <button type="submit" className="primary" disabled={saving} autoFocus>
              {saving ? 'Saving…' : step === 'below-zero' ? 'Yes, deduct below zero' : `Confirm ${verb.toLowerCase()}`}
            </button>
            <button type="button" disabled={saving} onClick={() => setStep('form')}>
              Back
            </button>
          </div>
        </form>
      )}
    </Dialog>
  )
}

// The one field: a phone, a card or a customer id, typed or scanned. It takes focus back after every flow.
import { useEffect, useRef } from 'react'
import { checkInHint, classifyInput } from '../../../../shared/checkin-input'
import { useCounter, useCounterStore } from '../../state/react'
import { CHECK_IN_FIELD_ID } from '../../ui/useScanner'

export const CHECK_IN_LABEL = 'Phone, card or customer ID'

export function CheckInField() {
  const store = useCounterStore()
  const draft = useCounter((s) => s.draft)
  const loading = useCounter((s) => s.checkin.state === 'loading')
  const focusTick = useCounter((s) => s.focusTick)
  const dialogOpen = useCounter((s) => s.dialog !== null)
  const ref = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (!dialogOpen) ref.current?.focus()
  }, [focusTick, dialogOpen])

  useEffect(() => {
    // Always-focused: when focus falls to nothing (a click on plain text, a removed button), take it back.
    const onFocusOut = (e: FocusEvent) => {
      if (e.relatedTarget !== null) return
      setTimeout(() => {
        const active = document.activeElement
        const modalOpen = store.getState().dialog !== null || document.querySelector('[aria-modal="true"]') !== null
        if ((active === null || active === document.body) && !modalOpen) ref.current?.focus()
      }, 0)
    }
    document.addEventListener('focusout', onFocusOut)
    return () => document.removeEventListener('focusout', onFocusOut)
  }, [store])

  // the same router main uses (shared/checkin-input.ts): the hint never promises what the lookup will not do
  const h = checkInHint(classifyInput(draft))
  return (
    <form
      className="checkin-form"
      role="search"
      aria-label="Check in"
      onSubmit={(e) => {
        e.preventDefault()
        const text = draft.trim()
        if (text) void store.getState().checkIn(text)
      }}
    >
      <label htmlFor={CHECK_IN_FIELD_ID}>{CHECK_IN_LABEL}</label>
      <div className="checkin-row">
        <input
          ref={ref}
          id={CHECK_IN_FIELD_ID}
          className="checkin-input"
          autoComplete="off"
          spellCheck={false}
          value={draft}
          onChange={(e) => store.getState().setDraft(e.target.value)}
          aria-describedby="check-in-hint"
        />
        <button type="submit" disabled={loading}>
          {loading ? 'Looking up…' : 'Check in'}
        </button>
      </div>
      <p id="check-in-hint" className="hint" aria-live="polite">
        {h ?? 'Scan a card or licence, or type a phone number and press Enter. Esc comes back here.'}
      </p>
    </form>
  )
}

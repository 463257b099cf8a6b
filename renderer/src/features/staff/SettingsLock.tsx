// Settings open with the manager's PIN. The settings slice then holds only main's pass for it (never the PIN): ordinary
// changes carry the pass, a change that grants power asks the PIN again (asked here), and two minutes without input,
// or leaving Settings, lock it.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import type { Approval, MethodName } from '../../../../shared/contract'
import { SETTINGS_LOCK_MS } from '../../../../shared/staff-rules'
import { errorMessage } from '../../api'
import { useCounter, useCounterStore } from '../../state/react'
import { useManagerPin } from '../../ui/ManagerPin'
import { Modal } from '../../ui/Modal'
import { useIdleLock } from './useIdleLock'
import { FormError } from '../../ui/FormError'
import { ForgotManagerPin } from './ForgotManagerPin'

export function SettingsLock({ children }: { children: ReactNode }) {
  const store = useCounterStore()
  const { unlocked, pinAgain } = useCounter((s) => s.settingsLock)
  const [problem, setProblem] = useState<string | null>(null)
  const manager = useManagerPin('unlockSettings', {}, () => setProblem(null))
  const [busy, setBusy] = useState(false)
  const lock = useCallback(() => store.getState().lockSettings(), [store])
  // leaving Settings locks them: the pass lives no longer than the screen (an unlock answered after it left, too)
  const here = useRef(false)
  useEffect(() => {
    here.current = true
    return () => {
      here.current = false
      lock()
    }
  }, [lock])
  const unlock = useCallback(
    async (approval?: Approval) => {
      await store.getState().unlockSettings(approval)
      if (!here.current) lock()
    },
    [store, lock],
  )
  useIdleLock(unlocked, SETTINGS_LOCK_MS, lock)
  // a manager signed in at the counter opens Settings on their session, once; after the idle lock the PIN is asked
  const managerSignedIn = useCounter((s) => s.staff?.signedIn?.role === 'manager')
  const [bySession, setBySession] = useState<'try' | 'trying' | 'done'>('try')
  useEffect(() => {
    if (bySession !== 'try') return
    if (!managerSignedIn) return setBySession('done')
    setBySession('trying')
    unlock()
      .catch(() => undefined) // the PIN form is there
      .finally(() => setBySession('done'))
  }, [unlock, bySession, managerSignedIn])

  if (!unlocked && managerSignedIn && bySession !== 'done') return <p role="status">Opening Settings…</p>
  if (unlocked) {
    return (
      <>
        {children}
        {pinAgain && <PinAgain {...pinAgain} onAnswer={(a) => store.getState().answerPinAgain(a)} />}
      </>
    )
  }
  return (
    <>
    <form
      className="card form settings-lock"
      aria-labelledby="settings-lock-title"
      onSubmit={(e) => {
        e.preventDefault()
        if (manager.problem) return setProblem(manager.problem)
        setBusy(true)
        setProblem(null)
        unlock(manager.approval!)
          .catch((err: unknown) => setProblem(errorMessage(err)))
          .finally(() => {
            manager.clear()
            setBusy(false)
          })
      }}
    >
      <h2 id="settings-lock-title">Settings are locked</h2>
      {manager.field}
      <FormError text={problem} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          Unlock Settings
        </button>
      </div>
    </form>
    <ForgotManagerPin />
    </>
  )
}

/** A change that grants power: the manager types the PIN for this one change. */
function PinAgain({ method, input, onAnswer }: { method: MethodName; input: object; onAnswer(a: Approval | null): void }) {
  const [problem, setProblem] = useState<string | null>(null)
  const manager = useManagerPin(method, input, () => setProblem(null))
  return (
    <Modal title="Manager PIN for this change" onClose={() => onAnswer(null)}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault()
          if (manager.problem) return setProblem(manager.problem)
          onAnswer(manager.approval!)
        }}
      >
        <p>This change gives more power (a manager, the rules, the account or the customer directory), so the manager types the PIN again.</p>
        {manager.field}
        <FormError text={problem} />
        <div className="dialog-actions">
          <button type="button" onClick={() => onAnswer(null)}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Confirm
          </button>
        </div>
      </form>
    </Modal>
  )
}

// Settings open with the manager's PIN. The screen then holds only main's pass for it (never the PIN): ordinary
// changes carry the pass, a change that grants power asks the PIN again, and two minutes without input lock it.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { Approval, MethodName } from '../../../../shared/contract'
import { SETTINGS_LOCK_MS } from '../../../../shared/staff-rules'
import { errorMessage } from '../../api'
import { StoreProvider, useApi, useCounter, useCounterStore } from '../../state/react'
import { useManagerPin } from '../../ui/ManagerPin'
import { Modal } from '../../ui/Modal'
import { useIdleLock } from './useIdleLock'
import { withApproval } from './with-approval'
import { FormError } from '../../ui/FormError'
import { ForgotManagerPin } from './ForgotManagerPin'

export function SettingsLock({ children }: { children: ReactNode }) {
  const api = useApi()
  const store = useCounterStore()
  const [pass, setPass] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const manager = useManagerPin('unlockSettings', {}, () => setProblem(null))
  const [busy, setBusy] = useState(false)
  // the PIN-again dialog: its answer goes to the change that asked
  const waiting = useRef<((a: Approval | null) => void) | null>(null)
  const [asking, setAsking] = useState<{ method: MethodName; input: object } | null>(null)
  const answer = useCallback((a: Approval | null) => {
    waiting.current?.(a)
    waiting.current = null
    setAsking(null)
  }, [])
  const askPin = useCallback(
    (method: MethodName, input: object) =>
      new Promise<Approval | null>((resolve) => {
        waiting.current?.(null)
        waiting.current = resolve
        setAsking({ method, input })
      }),
    [],
  )
  const lock = useCallback(() => {
    answer(null)
    setPass(null)
  }, [answer])
  useIdleLock(pass !== null, SETTINGS_LOCK_MS, lock)
  // a manager signed in at the counter opens Settings on their session, once; after the idle lock the PIN is asked
  const managerSignedIn = useCounter((s) => s.staff?.signedIn?.role === 'manager')
  const [bySession, setBySession] = useState<'try' | 'trying' | 'done'>('try')
  useEffect(() => {
    if (bySession !== 'try') return
    if (!managerSignedIn) return setBySession('done')
    setBySession('trying')
    api
      .unlockSettings({})
      .then((s) => setPass(s.settingsPass))
      .catch(() => undefined) // the PIN form is there
      .finally(() => setBySession('done'))
  }, [api, bySession, managerSignedIn])
  const unlockedApi = useMemo(() => (pass ? withApproval(api, pass, askPin, lock) : api), [api, pass, askPin, lock])

  if (!pass && managerSignedIn && bySession !== 'done') return <p role="status">Opening Settings…</p>
  if (pass) {
    return (
      <StoreProvider store={store} api={unlockedApi}>
        {children}
        {asking && <PinAgain {...asking} onAnswer={answer} />}
      </StoreProvider>
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
        api
          .unlockSettings({ approval: manager.approval! })
          .then((s) => setPass(s.settingsPass))
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

// Settings open with the manager's PIN. While open, every change sent from the screen carries that PIN, and main
// checks it again for each one; leaving Settings forgets it.
import { useMemo, useState, type ReactNode } from 'react'
import type { Approval } from '../../../../shared/contract'
import { errorMessage } from '../../api'
import { StoreProvider, useApi, useCounterStore } from '../../state/react'
import { useManagerPin } from '../../ui/ManagerPin'
import { withApproval } from './with-approval'
import { FormError } from '../../ui/FormError'
import { ForgotManagerPin } from './ForgotManagerPin'

export function SettingsLock({ children }: { children: ReactNode }) {
  const api = useApi()
  const store = useCounterStore()
  const [problem, setProblem] = useState<string | null>(null)
  const manager = useManagerPin({ kind: 'change_settings' }, () => setProblem(null))
  const [approval, setApproval] = useState<Approval | null>(null)
  const [busy, setBusy] = useState(false)
  const unlockedApi = useMemo(() => (approval ? withApproval(api, approval) : api), [api, approval])

  if (approval) {
    return (
      <StoreProvider store={store} api={unlockedApi}>
        {children}
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
          const a = manager.approval!
          api
            .unlockSettings({ approval: a })
            .then(() => setApproval(a))
            .catch((err: unknown) => {
              setProblem(errorMessage(err))
              manager.clear()
            })
            .finally(() => setBusy(false))
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

// The AIQ account: account id, API key (sent to main once, never shown back), server URL under Advanced,
// Test connection, Save, Sign out.
import { useId, useState } from 'react'
import type { ConnectionTest } from '../../../../shared/contract'
import { accountLabel } from '../../../../shared/queue-words'
import { CounterError, errorMessage } from '../../api'
import { accountFormProblem, accountInput, KEY_SAVED_TEXT, keySaved, TEST_LABEL, type AccountForm } from '../../state/account-view'
import { useCounter, useCounterStore } from '../../state/react'
import { formatDateTime } from '../../ui/format'
import { Confirm } from '../../ui/Modal'
import { FormError } from '../../ui/FormError'

type Busy = null | 'test' | 'save' | 'signout'

export function AccountSection(props: { headingLevel?: 2 | 3; onSaved?: () => void }) {
  const call = useCounter((s) => s.settingsCall)
  const store = useCounterStore()
  const status = useCounter((s) => s.status)
  const saved = keySaved(status)
  const [form, setForm] = useState<AccountForm>(() => ({ uid: saved ? (status?.uid ?? '') : '', apiKey: '', baseUrl: status?.baseUrl ?? '' }))
  const [busy, setBusy] = useState<Busy>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [test, setTest] = useState<ConnectionTest | null>(null)
  const [confirmSignOut, setConfirmSignOut] = useState(false)
  /** main's words when saving would leave awards of the current account waiting */
  const [confirmSwitch, setConfirmSwitch] = useState<string | null>(null)
  const [justSaved, setJustSaved] = useState(false)
  const ids = { uid: useId(), key: useId(), url: useId(), keyNote: useId(), heading: useId() }
  const H = props.headingLevel === 3 ? 'h3' : 'h2'
  // a saved key may be tested without retyping it, but only for the saved account id
  const testWithSavedKey = saved && form.uid.trim() === status?.uid && form.apiKey === ''

  const set = (k: keyof AccountForm) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setForm((f) => ({ ...f, [k]: e.target.value }))
    setTest(null)
    setProblem(null)
    setJustSaved(false)
  }

  async function run(kind: Exclude<Busy, null>, work: () => Promise<void>) {
    setBusy(kind)
    setProblem(null)
    try {
      await work()
    } catch (e) {
      setProblem(errorMessage(e))
    } finally {
      setBusy(null)
    }
  }

  function onTest() {
    const bad = accountFormProblem(form, 'test', testWithSavedKey)
    if (bad) return setProblem(bad)
    void run('test', async () => {
      setTest(null)
      setTest(await call('testConnection', accountInput(form)))
    })
  }

  function onSave(e?: React.FormEvent, leaveWaiting = false) {
    e?.preventDefault()
    const bad = accountFormProblem(form, 'save', false)
    if (bad) return setProblem(bad)
    const input = accountInput(form)
    void run('save', async () => {
      let next
      try {
        next = await call('saveAccount', { uid: input.uid, apiKey: form.apiKey, ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}), ...(leaveWaiting ? { leaveWaiting } : {}) })
      } catch (err) {
        if (err instanceof CounterError && err.code === 'needs_confirmation') return setConfirmSwitch(err.message)
        throw err
      }
      setConfirmSwitch(null)
      // the key leaves the renderer's memory as soon as main has it
      setForm((f) => ({ ...f, apiKey: '' }))
      setJustSaved(true)
      store.getState().applyStatus(next)
      props.onSaved?.()
      // check the saved account at once (main uses the key from the keychain), so the result shown is this one's
      setTest(await call('testConnection', { uid: input.uid, ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}) }))
    })
  }

  function onSignOut() {
    void run('signout', async () => {
      // the dialog said how many awards stay waiting, so going on is the person's choice
      const next = await call('signOut', { leaveWaiting: true })
      setConfirmSignOut(false)
      setForm({ uid: '', apiKey: '', baseUrl: '' })
      setTest(null)
      store.getState().applyStatus(next)
    })
  }

  const waitingHere = status ? status.outbox.pending + status.outbox.sending + status.outbox.failed : 0
  const hereLabel = status?.mode === 'live' ? `AIQ account ${status.uid}` : accountLabel(`${status?.mode}:`)
  const shownTest = test ?? (saved && status?.lastConnectionTest && form.apiKey === '' ? status.lastConnectionTest : null)

  return (
    <section className="settings-section" aria-labelledby={ids.heading}>
      <H id={ids.heading}>AIQ account</H>
      {status?.mode === 'training' && (
        <p className="muted">
          Now in training mode: a practice sandbox on this computer. Nothing is sent to AIQ. Connect a real account below when you are
          ready.
        </p>
      )}
      {status?.mode === 'live' && <p className="muted">Connected to AIQ account {status.uid}.</p>}
      <form className="account-form" onSubmit={onSave} noValidate>
        <label htmlFor={ids.uid}>AIQ account ID</label>
        <input id={ids.uid} value={form.uid} onChange={set('uid')} inputMode="numeric" autoComplete="off" spellCheck={false} required />

        <label htmlFor={ids.key}>API key</label>
        <input
          id={ids.key}
          type="password"
          value={form.apiKey}
          onChange={set('apiKey')}
          autoComplete="off"
          spellCheck={false}
          placeholder={saved ? 'Type a new key only to replace it' : ''}
          aria-describedby={saved ? ids.keyNote : undefined}
        />
        {saved && (
          <p id={ids.keyNote} className="key-note">
            {KEY_SAVED_TEXT}
          </p>
        )}

        <details className="advanced">
          <summary>Advanced</summary>
          <label htmlFor={ids.url}>Server URL</label>
          <input id={ids.url} type="url" value={form.baseUrl} onChange={set('baseUrl')} placeholder="AIQ's server (https://lab.alpineiq.com)" autoComplete="off" spellCheck={false} />
          <p className="muted">Leave empty to use AIQ's own server.</p>
        </details>

        <div className="form-actions">
          <button type="button" onClick={onTest} disabled={busy !== null}>
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          <button type="submit" className="primary" disabled={busy !== null}>
            {busy === 'save' ? 'Saving…' : 'Save'}
          </button>
          {status && status.mode !== 'unconfigured' && (
            <button type="button" className="danger" onClick={() => setConfirmSignOut(true)} disabled={busy !== null}>
              {status.mode === 'training' ? 'Leave training mode' : 'Sign out'}
            </button>
          )}
        </div>

        <div role="status" aria-live="polite" className="test-result">
          {shownTest && (
            <p className={`test ${shownTest.result}`}>
              <strong>{TEST_LABEL[shownTest.result]}</strong> — {shownTest.message} <span className="muted">({formatDateTime(shownTest.at)})</span>
            </p>
          )}
          {justSaved && status?.mode === 'live' && <p className="test connected">Saved — this counter now uses AIQ account {status.uid}.</p>}
        </div>
        <FormError text={problem} />
      </form>

      {confirmSignOut && status && (
        <Confirm
          title={status.mode === 'training' ? 'Leave training mode?' : 'Sign out of AIQ?'}
          confirmLabel={status.mode === 'training' ? 'Leave training mode' : 'Sign out'}
          danger
          busy={busy === 'signout'}
          error={problem}
          onConfirm={onSignOut}
          onCancel={() => setConfirmSignOut(false)}
        >
          {status.mode === 'training' ? (
            <p>The app goes back to its first-run screen. Practice awards stay in the practice sandbox.</p>
          ) : (
            <p>This deletes the API key for account {status.uid} from this computer's keychain.</p>
          )}
          {waitingHere > 0 && (
            <p className="warning">
              <strong>
                {waitingHere} {waitingHere === 1 ? 'award' : 'awards'} given in {hereLabel} {waitingHere === 1 ? "hasn't" : "haven't"} reached AIQ yet.
              </strong>{' '}
              {waitingHere === 1 ? 'It stays' : 'They stay'} on this computer, in the Queue, and {waitingHere === 1 ? 'is' : 'are'} sent only when {hereLabel}{' '}
              is connected again.
            </p>
          )}
        </Confirm>
      )}

      {confirmSwitch && (
        <Confirm
          title="Connect another account?"
          confirmLabel="Connect anyway"
          busy={busy === 'save'}
          error={problem}
          onConfirm={() => onSave(undefined, true)}
          onCancel={() => setConfirmSwitch(null)}
        >
          <p>{confirmSwitch}</p>
        </Confirm>
      )}
    </section>
  )
}

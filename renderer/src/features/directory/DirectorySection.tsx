// Settings › Customer directory: on/off (off keeps nothing), size, last full refresh, Refresh now with live
// progress, Clear. Progress arrives through directoryProgress events into the store's status. Styled by the Settings
// screen that shows it (settings.css): the section does not reach back into settings/.
import { useId, useState } from 'react'
import type { DirectoryStatus } from '../../../../shared/contract'
import { errorMessage } from '../../api'
import { directorySizeText, isRefreshing, lastRefreshText, refreshView } from '../../state/directory-view'
import { useCounter, useCounterStore } from '../../state/react'
import { formatDateTime } from '../../ui/format'
import { Confirm } from '../../ui/Modal'

type Ask = null | 'off' | 'clear'

export function DirectorySection() {
  const call = useCounter((s) => s.settingsCall)
  const store = useCounterStore()
  const directory = useCounter((s) => s.status?.directory ?? null)
  const configured = useCounter((s) => s.status !== null && s.status.mode !== 'unconfigured')
  const [ask, setAsk] = useState<Ask>(null)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const ids = { heading: useId(), switchLabel: useId(), size: useId() }

  if (!directory) return null

  async function run(work: () => Promise<DirectoryStatus>) {
    setBusy(true)
    setProblem(null)
    try {
      await store.getState().directoryAnswer(work)
      setAsk(null)
    } catch (e) {
      setProblem(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  const refresh = refreshView(directory)
  const running = isRefreshing(directory)

  return (
    <section className="settings-section" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Customer directory</h2>
      <p className="muted">Keeps customers on this computer so check-in works when AIQ can't be reached.</p>

      <div className="switch-row">
        <span id={ids.switchLabel}>Keep customers for offline check-in</span>
        <button
          type="button"
          role="switch"
          className="switch"
          aria-checked={directory.enabled}
          aria-labelledby={ids.switchLabel}
          disabled={busy}
          onClick={() => (directory.enabled ? setAsk('off') : void run(() => call('setDirectoryEnabled', { enabled: true })))}
        >
          <span aria-hidden="true">{directory.enabled ? 'On' : 'Off'}</span>
        </button>
      </div>

      <dl className="facts">
        <dt>Size</dt>
        <dd id={ids.size}>{directorySizeText(directory)}</dd>
        <dt>Last full refresh</dt>
        <dd>{lastRefreshText(directory, formatDateTime)}</dd>
      </dl>

      {refresh.kind === 'running' && (
        <div className="refresh-progress">
          {/* a native progress bar: its fill needs no inline style (the CSP allows none) */}
          <progress
            aria-label="Customer directory refresh"
            aria-valuetext={refresh.text}
            className="bar"
            {...(refresh.total ? { max: refresh.total, value: refresh.loaded } : {})}
          />
          <p aria-live="polite">{refresh.text}</p>
        </div>
      )}
      {refresh.kind === 'failed' && (
        <p className="form-error" role="alert">
          {refresh.text}
        </p>
      )}

      <div className="form-actions">
        <button type="button" disabled={!directory.enabled || !configured || running || busy} onClick={() => void run(() => call('refreshDirectory', {}))}>
          {running ? 'Refreshing…' : 'Refresh now'}
        </button>
        <button type="button" disabled={!directory.enabled || busy || (directory.size === 0 && !running)} onClick={() => setAsk('clear')}>
          Clear
        </button>
      </div>
      {problem && ask === null && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}

      {ask === 'off' && (
        <Confirm
          title="Switch off the customer directory?"
          confirmLabel="Switch off and delete"
          danger
          busy={busy}
          error={problem}
          onConfirm={() => void run(() => call('setDirectoryEnabled', { enabled: false }))}
          onCancel={() => setAsk(null)}
        >
          <p>
            This deletes the {directory.size.toLocaleString('en-US')} customers kept on this computer and keeps none from now on. Without AIQ,
            check-in will not find anyone; awards can still be queued by phone.
          </p>
        </Confirm>
      )}
      {ask === 'clear' && (
        <Confirm
          title="Clear the customer directory?"
          confirmLabel="Clear"
          danger
          busy={busy}
          error={problem}
          onConfirm={() => void run(() => call('clearDirectory', {}))}
          onCancel={() => setAsk(null)}
        >
          <p>
            This deletes the {directory.size.toLocaleString('en-US')} customers kept on this computer. They come back with the next refresh.
          </p>
        </Confirm>
      )}
    </section>
  )
}

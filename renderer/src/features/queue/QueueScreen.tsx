// The queue: every award not yet in AIQ (failed, sending, pending) with what a person can do about it.
// Live: main's outboxChanged events replace the store's list; the outbox slice loads it and runs the actions.
import { formatSignedPoints } from '../../../../shared/points'
import { useEffect, useId, useRef, useState } from 'react'
import type { OutboxEntry } from '../../../../shared/contract'
import { canDiscard, canFix, canRetry, customerDetail, customerLabel, formatAge, otherAccountNote, queueCounts, queueNotice, queueRows, stateLabel } from '../../state/queue-view'
import { useCounter } from '../../state/react'
import { formatDateTime } from '../../ui/format'
import { DiscardDialog, FixCustomerDialog } from './QueueDialogs'
import { useNow } from './useNow'
import './queue.css'
import { FormError } from '../../ui/FormError'

type Open = { kind: 'fix' | 'discard'; entry: OutboxEntry } | null

export function QueueScreen() {
  const outbox = useCounter((s) => s.outbox)
  const status = useCounter((s) => s.status)
  const queue = useCounter((s) => s.queue)
  const { loading, problem } = queue
  const openQueue = useCounter((s) => s.openQueue)
  const clearProblem = useCounter((s) => s.clearQueueProblem)
  const retry = useCounter((s) => s.retryQueued)
  const now = useNow()
  const [open, setOpen] = useState<Open>(null)
  const returnFocus = useRef<HTMLElement | null>(null)
  const heading = useId()

  useEffect(() => openQueue(), [openQueue])

  function openDialog(kind: 'fix' | 'discard', entry: OutboxEntry, e: React.MouseEvent<HTMLButtonElement>) {
    returnFocus.current = e.currentTarget
    clearProblem()
    setOpen({ kind, entry })
  }
  function closeDialog() {
    setOpen(null)
    // the row may be gone (discarded): then focus the heading so the keyboard stays on this screen
    const target = returnFocus.current
    requestAnimationFrame(() => (target?.isConnected ? target : document.getElementById(heading))?.focus())
  }

  const rows = queueRows(outbox)
  const notice = queueNotice(queue, rows)
  const counts = queueCounts(rows.filter((e) => !e.otherAccount))
  const elsewhere = rows.filter((e) => e.otherAccount).length

  return (
    <section className="queue" aria-labelledby={heading}>
      <div className="queue-head">
        <h1 id={heading} tabIndex={-1}>
          Queue
        </h1>
        <p className="muted" aria-live="polite">
          {rows.length === 0
            ? 'Nothing waiting'
            : `${counts.pending} pending · ${counts.sending} sending · ${counts.failed} failed${elsewhere ? ` · ${elsewhere} for another account` : ''}`}
        </p>
      </div>
      {status?.syncPaused && (
        <p className="form-error" role="alert">
          Syncing is paused: {status.syncPaused}
        </p>
      )}
      {status && !status.online && status.mode !== 'unconfigured' && (
        <p className="muted">AIQ can't be reached{status.lastOnlineAt ? ` (last seen ${formatDateTime(status.lastOnlineAt)})` : ''}. Pending awards sync when it is back.</p>
      )}
      <div role="status" aria-live="polite" className="queue-notice">
        {notice}
      </div>
      <FormError text={problem} />

      {rows.length === 0 ? (
        !loading && (
          <div className="empty">
            <p>
              <strong>All caught up.</strong> Nothing is waiting for AIQ.
            </p>
          </div>
        )
      ) : (
        <table className="queue-table">
          <caption className="visually-hidden">Awards waiting for AIQ</caption>
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Points</th>
              <th scope="col">Reason</th>
              <th scope="col">Age</th>
              <th scope="col">Attempts</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => {
              const who = `${customerLabel(e)}, ${formatSignedPoints(e.value)} points`
              const detail = customerDetail(e)
              const elsewhere = otherAccountNote(e)
              return (
                <tr key={e.id} className={`row-${e.state}${elsewhere ? ' other-account' : ''}`} aria-label={`${who}, ${stateLabel(e)}${elsewhere ? `, ${elsewhere}` : ''}`}>
                  <td>
                    <div>{customerLabel(e)}</div>
                    {detail && <div className="muted small">{detail}</div>}
                    {e.contactID === null && <div className="warn small">Queued by phone — matched to AIQ when it syncs</div>}
                    {elsewhere && <div className="account-mark small">{elsewhere}</div>}
                  </td>
                  <td className={e.value < 0 ? 'points minus' : 'points plus'}>{formatSignedPoints(e.value)}</td>
                  <td>
                    <div>{e.reason}</div>
                    <div className="muted small">by {e.budtender}</div>
                  </td>
                  <td title={formatDateTime(e.createdAt)}>{formatAge(e.createdAt, now)}</td>
                  <td>{e.attempts}</td>
                  <td>
                    <span className={`state ${e.state}`}>{stateLabel(e)}</span>
                    {e.lastError && <div className="last-error small">{e.lastError}</div>}
                  </td>
                  <td className="actions">
                    {canRetry(e) && (
                      <button type="button" aria-label={`Retry now: ${who}`} onClick={() => void retry(e)}>
                        Retry now
                      </button>
                    )}
                    {canFix(e) && (
                      <button type="button" aria-label={`Fix customer: ${who}`} onClick={(ev) => openDialog('fix', e, ev)}>
                        Fix customer
                      </button>
                    )}
                    {canDiscard(e) && (
                      <button type="button" className="danger" aria-label={`Discard: ${who}`} onClick={(ev) => openDialog('discard', e, ev)}>
                        Discard
                      </button>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}

      {open?.kind === 'fix' && <FixCustomerDialog entry={open.entry} onCancel={closeDialog} onDone={closeDialog} />}
      {open?.kind === 'discard' && <DiscardDialog entry={open.entry} onCancel={closeDialog} onDone={closeDialog} />}
    </section>
  )
}

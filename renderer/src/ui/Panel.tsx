// A profile panel: its own heading, its own loading line, its own failure with a Retry.
import { useId, type ReactNode } from 'react'
import { sharedFailure, type Panel as PanelState } from '../state/panels'
import { useCounter } from '../state/react'

export function Panel<T>(props: {
  title: string
  panel: PanelState<T>
  onRetry(): void
  empty?: (data: T) => boolean
  emptyText?: string
  className?: string
  children: (data: T) => ReactNode
}) {
  const id = useId()
  const p = props.panel
  const shared = useCounter((s) => sharedFailure(s.panels)?.error ?? null)
  const data = p.state === 'loaded' || p.state === 'loading' ? p.data : null
  return (
    // a panel scrolls when its content is long: reachable by keyboard (tabIndex 0), named by its heading
    <section className={props.className ? `panel ${props.className}` : 'panel'} aria-labelledby={id} aria-busy={p.state === 'loading'} tabIndex={0}>
      <h3 id={id}>{props.title}</h3>
      {p.state === 'loading' && data === null && <p className="muted">Loading…</p>}
      {p.state === 'failed' && p.error === shared && <p className="muted">Not loaded (see above).</p>}
      {p.state === 'failed' && p.error !== shared && (
        <div className="panel-error">
          <p role="alert">{p.error}</p>
          <button type="button" onClick={props.onRetry} aria-label={`Retry ${props.title}`}>
            Retry
          </button>
        </div>
      )}
      {data !== null && (props.empty?.(data) ? <p className="muted">{props.emptyText ?? 'Nothing yet.'}</p> : props.children(data))}
    </section>
  )
}

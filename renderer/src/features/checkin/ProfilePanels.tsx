// The profile's panels. Each loads and fails on its own (see ui/Panel).
import { useState } from 'react'
import { useCounter, useCounterStore } from '../../state/react'
import { formatBalanceFigure, formatPoints, formatSignedPoints } from '../../../../shared/points'
import { currentCustomer, redeemBlocked, rewardsView } from '../../state/selectors'
import { Panel } from '../../ui/Panel'
import { formatDate, formatDateTime, formatMoney } from '../../ui/format'
import { FormError } from '../../ui/FormError'
import { useManagerPin } from '../../ui/ManagerPin'
import { fieldLabel } from '../../state/field-words'
import type { Approval } from '../../../../shared/contract'

export function RewardsPanel() {
  const store = useCounterStore()
  const panel = useCounter((s) => s.panels.rewards)
  const pendingPoints = useCounter((s) => currentCustomer(s)?.pendingPoints ?? 0)
  const online = useCounter((s) => s.status?.online ?? true)
  const live = useCounter((s) => s.checkin.result?.kind === 'customer' && s.checkin.result.source === 'live')
  return (
    <Panel title="Rewards" panel={panel} onRetry={() => void store.getState().loadPanel('rewards')} empty={(r) => rewardsView(r).length === 0} emptyText="No rewards on offer.">
      {(r) => (
        <ul className="rewards">
          {rewardsView(r, pendingPoints).map((x) => {
            const blocked = redeemBlocked(x, { online, live })
            const reasonId = `why-${x.id}`
            return (
              <li key={x.id} className={x.unlocked ? 'reward unlocked' : 'reward locked'} aria-label={`${x.name}: ${x.unlocked ? 'Unlocked' : 'Locked'}`}>
                <span className="reward-name">
                  {x.name}
                  <span className="reward-cost">
                    {formatPoints(x.pointsDeduction)} points{x.missing ? ` · ${x.missing}` : ''}
                  </span>
                </span>
                {x.unlocked && (
                  <>
                    <button
                      type="button"
                      className="redeem"
                      disabled={blocked !== null}
                      aria-describedby={blocked ? reasonId : undefined}
                      onClick={() => store.getState().openDialog({ kind: 'redeem', rewardId: x.id })}
                    >
                      Redeem<span className="sr-only"> {x.name}</span>
                    </button>
                    {blocked && (
                      <span id={reasonId} className="reward-why">
                        {blocked}
                      </span>
                    )}
                  </>
                )}
                {!x.unlocked && <span className="reward-state">Locked</span>}
              </li>
            )
          })}
        </ul>
      )}
    </Panel>
  )
}

/** When, how much and where: the head of a visit, at a glance and in the full list alike. */
function VisitHead({ visit: v }: { visit: { at: number; total: number; storeName?: string | null } }) {
  return (
    <>
      <div className="visit-head">
        <strong>{formatDate(v.at)}</strong>
        <span className="visit-total">{formatMoney(v.total)}</span>
      </div>
      {v.storeName && <div className="muted small">{v.storeName}</div>}
    </>
  )
}

/** The newest visit, at a glance (all visits are below). */
export function LastVisitPanel() {
  const store = useCounterStore()
  const panel = useCounter((s) => s.panels.visits)
  return (
    <Panel title="Last visit" panel={panel} onRetry={() => void store.getState().loadPanel('visits')} empty={(v) => v.length === 0} emptyText="No visits on record.">
      {(visits) => {
        const v = visits[0]!
        return (
          <div className="last-visit">
            <VisitHead visit={v} />
            <ul className="items">
              {v.items.slice(0, 4).map((it, i) => (
                <li key={i}>
                  {it.quantity} × {it.name}
                </li>
              ))}
              {v.items.length > 4 && <li className="muted">and {v.items.length - 4} more</li>}
            </ul>
          </div>
        )
      }}
    </Panel>
  )
}

export function RecommendationsPanel() {
  const store = useCounterStore()
  const panel = useCounter((s) => s.panels.recommendations)
  return (
    <Panel title="Recommended for them" panel={panel} onRetry={() => void store.getState().loadPanel('recommendations')} empty={(p) => p.length === 0} emptyText="No recommendations yet.">
      {(products) => (
        <ol className="recommendations" aria-label="Top 3 recommended products, best first">
          {products.slice(0, 3).map((p) => (
            <li key={`${p.rank}-${p.name}`}>
              <span className="rec-name">{p.name}</span>
              {(p.brand || p.category) && <span className="muted"> · {[p.brand, p.category].filter(Boolean).join(' · ')}</span>}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  )
}

export function VisitsPanel() {
  const store = useCounterStore()
  const panel = useCounter((s) => s.panels.visits)
  return (
    <Panel title="Visits" panel={panel} onRetry={() => void store.getState().loadPanel('visits')} empty={(v) => v.length === 0} emptyText="No visits on record.">
      {(visits) => (
        <ul className="visits">
          {visits.slice(0, 10).map((v) => (
            <li key={v.at}>
              <VisitHead visit={v} />
              <ul className="items">
                {v.items.map((it, i) => (
                  <li key={i}>
                    {it.quantity} × {it.name}
                    {it.brand && <span className="muted"> ({it.brand})</span>}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  )
}

export function TimelinePanel() {
  const store = useCounterStore()
  const panel = useCounter((s) => s.panels.timeline)
  return (
    <Panel title="Points timeline" className="timeline-panel" panel={panel} onRetry={() => void store.getState().loadPanel('timeline')} empty={(e) => e.length === 0} emptyText="No points history yet.">
      {(events) => (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Points</th>
              <th scope="col">Balance</th>
            </tr>
          </thead>
          <tbody>
            {[...events]
              .sort((a, b) => b.at - a.at)
              .slice(0, 20)
              .map((e, i) => (
                <tr key={`${e.at}-${i}`}>
                  <td className="nowrap" title={formatDateTime(e.at)}>
                    {formatDate(e.at)}
                  </td>
                  <td>
                    {e.type}
                    {e.note && <span className="muted"> — {e.note}</span>}
                    {e.from && <span className="badge"> {e.from}</span>}
                  </td>
                  <td className={e.value < 0 ? 'neg' : 'pos'}>{formatSignedPoints(e.value)}</td>
                  <td>{e.balance === null ? '' : formatBalanceFigure(e.balance)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </Panel>
  )
}

/**
 * A key/value list with inline edit and an add form: custom attributes and saved details share it. Keys show in the
 * budtender's words; a change asks for the manager's PIN where the rules say so (main checks it).
 */
function KeyValueEditor(props: {
  /** the call a save makes: its rule in the contract says whether the manager approves it */
  method: 'saveTraits' | 'saveOverrides'
  rows: [string, string][]
  noun: string
  onSave(key: string, value: string, approval: Approval | undefined): Promise<boolean>
}) {
  const [editing, setEditing] = useState<string | null>(null)
  const [value, setValue] = useState('')
  const [newKey, setNewKey] = useState('')
  const [newValue, setNewValue] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const manager = useManagerPin(props.method, {}, () => setProblem(null))
  const Noun = props.noun[0]!.toUpperCase() + props.noun.slice(1)

  const save = async (key: string, v: string) => {
    if (manager.problem) {
      setProblem(manager.problem)
      return false
    }
    setBusy(true)
    const ok = await props.onSave(key, v, manager.approval)
    setBusy(false)
    if (ok) manager.clear()
    return ok
  }
  const startEditing = (key: string | null) => {
    setEditing(key)
    setProblem(null)
  }

  return (
    <>
      {props.rows.length === 0 && <p className="muted">None yet.</p>}
      {props.rows.length > 0 && (
        <table className="table kv">
          <tbody>
            {props.rows.map(([k, v]) => (
              <tr key={k}>
                <th scope="row" title={k}>
                  {fieldLabel(k)}
                </th>
                <td>
                  {editing === k ? (
                    <form
                      className="inline-form"
                      onSubmit={async (e) => {
                        e.preventDefault()
                        if (await save(k, value)) startEditing(null)
                      }}
                    >
                      <input aria-label={`${Noun} value for ${fieldLabel(k)}`} value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
                      <button type="submit" disabled={busy}>
                        Save
                      </button>
                      <button type="button" onClick={() => startEditing(null)}>
                        Cancel
                      </button>
                      {manager.field}
                      <FormError text={problem} />
                    </form>
                  ) : (
                    <>
                      <span>{v}</span>
                      <button
                        type="button"
                        className="link"
                        aria-label={`Edit ${props.noun} ${fieldLabel(k)}`}
                        onClick={() => {
                          startEditing(k)
                          setValue(v)
                        }}
                      >
                        Edit
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="add-form"
        aria-label={`Add ${props.noun}`}
        onSubmit={async (e) => {
          e.preventDefault()
          if (!newKey.trim()) return
          if (await save(newKey.trim(), newValue)) {
            setNewKey('')
            setNewValue('')
          }
        }}
      >
        <input aria-label={`New ${props.noun} name`} placeholder="Name" value={newKey} maxLength={100} onChange={(e) => setNewKey(e.target.value)} />
        <input aria-label={`New ${props.noun} value`} placeholder="Value" value={newValue} maxLength={1000} onChange={(e) => setNewValue(e.target.value)} />
        <button type="submit" disabled={busy || !newKey.trim()}>
          Add {props.noun}
        </button>
        {editing === null && manager.field}
        {editing === null && <FormError text={problem} />}
      </form>
    </>
  )
}

export function TraitsPanel() {
  const store = useCounterStore()
  const panel = useCounter((s) => s.panels.traits)
  return (
    <Panel title="Custom attributes" panel={panel} onRetry={() => void store.getState().loadPanel('traits')}>
      {(traits) => <KeyValueEditor method="saveTraits" noun="attribute" rows={traits.map((t) => [t.key, t.value])} onSave={(key, value, approval) => store.getState().addTrait({ key, value }, approval)} />}
    </Panel>
  )
}

/** Keep a value's kind: a number stays a number, true/false stay booleans. */
function overrideValue(previous: unknown, text: string): string | number | boolean | null {
  const t = text.trim()
  if (typeof previous === 'number' && t !== '' && Number.isFinite(Number(t))) return Number(t)
  if (typeof previous === 'boolean' && (t === 'true' || t === 'false')) return t === 'true'
  return text
}

export function OverridesPanel() {
  const store = useCounterStore()
  const panel = useCounter((s) => s.panels.overrides)
  return (
    <Panel title="Saved customer details" panel={panel} onRetry={() => void store.getState().loadPanel('overrides')}>
      {(overrides) => (
        <KeyValueEditor
          method="saveOverrides"
          noun="detail"
          rows={Object.entries(overrides).map(([k, v]) => [k, v === null ? '' : String(v)])}
          onSave={(key, value, approval) => store.getState().saveOverride(key, overrideValue(overrides[key], value), approval)}
        />
      )}
    </Panel>
  )
}

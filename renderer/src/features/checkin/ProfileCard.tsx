// The customer at the counter: who they are, consent at a glance, points, actions, and the panels.
import type { CheckInResult } from '../../../../shared/contract'
import { formatPhone } from '../../../../shared/phone'
import { useCounter, useCounterStore } from '../../state/react'
import { balance, canAskSmsConsent, formatPoints, pendingLabel, sourceLabel, statusChips } from '../../state/selectors'
import { formatDateTime } from '../../ui/format'
import { OverridesPanel, RecommendationsPanel, RewardsPanel, TimelinePanel, TraitsPanel, VisitsPanel } from './ProfilePanels'

type Found = Extract<CheckInResult, { kind: 'customer' }>

export function ProfileCard({ result }: { result: Found }) {
  const store = useCounterStore()
  const c = result.customer
  const name = `${c.firstName} ${c.lastName}`.trim() || 'Unnamed customer'
  const offline = sourceLabel(result, formatDateTime)
  const pending = pendingLabel(c)
  const online = useCounter((s) => s.status?.online ?? true)

  return (
    <article className="profile" aria-labelledby="profile-name">
      <div className="card profile-head">
        <div className="who">
          <h2 id="profile-name">{name}</h2>
          <p className="contact">
            {c.phone && <span>{formatPhone(c.phone)}</span>}
            {c.email && <span>{c.email}</span>}
          </p>
          <ul className="chips" aria-label="Status">
            {statusChips(c).map((chip) => (
              <li key={chip.text} className={`chip ${chip.tone}`}>
                {chip.text}
              </li>
            ))}
          </ul>
          {offline && (
            <p className="offline-note" role="note">
              {offline}
            </p>
          )}
        </div>
        <div className="points" aria-label="Points balance">
          <span className="points-value">{formatPoints(balance(c))}</span> <span className="points-unit">points</span>
          {pending && <span className="pending"> {pending}</span>}
        </div>
        <div className="actions">
          <button type="button" className="primary" onClick={() => store.getState().openDialog({ kind: 'award', direction: 'award' })}>
            Award points
          </button>
          <button type="button" onClick={() => store.getState().openDialog({ kind: 'award', direction: 'deduct' })}>
            Deduct points
          </button>
          {canAskSmsConsent(c) && (
            <button type="button" disabled={!online} onClick={() => void store.getState().requestSmsConsent()}>
              Ask for SMS consent
            </button>
          )}
          <button type="button" onClick={() => store.getState().nextCustomer()}>
            Next customer
          </button>
        </div>
      </div>
      <div className="panels">
        <RewardsPanel />
        <RecommendationsPanel />
        <VisitsPanel />
        <TimelinePanel />
        <TraitsPanel />
        <OverridesPanel />
      </div>
    </article>
  )
}

// The customer at the counter: who they are, consent at a glance, points, actions, and the panels.
// Someone AIQ has who is not a loyalty member can join here (the signup form, prefilled; an upsert by phone).
import { useEffect, useState } from 'react'
import type { CheckInResult } from '../../../../shared/contract'
import { formatPhone } from '../../../../shared/phone'
import { useCounter, useCounterStore } from '../../state/react'
import { BELOW_ZERO, formatPoints } from '../../../../shared/points'
import { balance, canAskSmsConsent, failedLabel, pendingLabel, sourceLabel, statusChips } from '../../state/selectors'
import { formatDateTime } from '../../ui/format'
import { sharedFailure } from '../../state/panels'
import type { PanelKey } from '../../state/types'
import { SignupForm } from '../signup/SignupForm'
import { LastVisitPanel, OverridesPanel, RecommendationsPanel, RewardsPanel, TimelinePanel, TraitsPanel, VisitsPanel } from './ProfilePanels'

type Found = Extract<CheckInResult, { kind: 'customer' }>

export function ProfileCard({ result }: { result: Found }) {
  const store = useCounterStore()
  const c = result.customer
  const name = `${c.firstName} ${c.lastName}`.trim() || 'Unnamed customer'
  const askingAiq = useCounter((s) => s.checkin.askingAiq === true)
  const offline = sourceLabel(result, formatDateTime, askingAiq)
  const pending = pendingLabel(c)
  const failed = failedLabel(c)
  const online = useCounter((s) => s.status?.online ?? true)
  const seq = useCounter((s) => s.checkin.seq)
  // The check-in this form was opened for: a new check-in, or the signup itself, closes it.
  const [joiningAt, setJoiningAt] = useState<number | null>(null)
  const canJoin = !c.member && c.phone !== null
  const joining = canJoin && joiningAt === seq
  // the award dialog's "Join loyalty first" (issue 13) opens the same form
  const joinAsked = useCounter((s) => s.joinAsked)
  useEffect(() => {
    if (joinAsked === seq) setJoiningAt(seq)
  }, [joinAsked, seq])

  return (
    <article className="profile" aria-labelledby="profile-name">
      <div className="profile-top">
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
          <div className="points" role="group" aria-label="Points balance">
            <span className="points-value">{formatPoints(balance(c))}</span> <span className="points-unit">points</span>
            {balance(c) < 0 && <span className="below-zero"> {BELOW_ZERO}</span>}
            {pending && <span className="pending"> {pending}</span>}
            {failed && <span className="failed-points"> {failed}</span>}
          </div>
          <div className="actions">
            <button type="button" className="primary" onClick={() => store.getState().openDialog({ kind: 'award', direction: 'award' })}>
              Award points
            </button>
            <button type="button" onClick={() => store.getState().openDialog({ kind: 'award', direction: 'deduct' })}>
              Deduct points
            </button>
            {canJoin && (
              <button
                type="button"
                aria-expanded={joining}
                disabled={!online}
                title={online ? undefined : 'Joining loyalty needs AIQ, and it cannot be reached right now'}
                onClick={() => {
                  void store.getState().loadStores()
                  setJoiningAt(seq)
                }}
              >
                Join loyalty
              </button>
            )}
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
        <div className="glance">
          <RewardsPanel />
          <RecommendationsPanel />
          <LastVisitPanel />
        </div>
      </div>
      {joining && c.phone && (
        <SignupForm
          key={c.contactID}
          phone={c.phone}
          initial={{ firstName: c.firstName, lastName: c.lastName, email: c.email ?? '', favoriteStoreID: c.favoriteStoreID }}
          smsOptedOut={c.sms === 'opted_out'}
          smsOptedIn={c.sms === 'opted_in'}
          onCancel={() => setJoiningAt(null)}
        />
      )}
      <SharedFailure />
      <div className="panels">
        <VisitsPanel />
        <TimelinePanel />
        <TraitsPanel />
        <OverridesPanel />
      </div>
    </article>
  )
}

/** Several panels that failed the same way (AIQ can't be reached): one message, one Retry for them all. */
function SharedFailure() {
  const store = useCounterStore()
  const error = useCounter((s) => sharedFailure(s.panels)?.error ?? null)
  if (!error) return null
  const retry = () => sharedFailure(store.getState().panels)?.keys.forEach((k) => void store.getState().loadPanel(k as PanelKey))
  return (
    <div className="card panel-error shared-failure">
      <p role="alert">{error}</p>
      <button type="button" onClick={retry}>
        Retry
      </button>
    </div>
  )
}

// Someone on the account's blocklist at AIQ: never "new" (AIQ's customer list leaves them out), no award, no signup.
// A manager sees who it is and why; a budtender is told to ask one.
import type { CheckInResult } from '../../../../shared/contract'
import { formatPhone } from '../../../../shared/phone'
import { formatPoints } from '../../../../shared/points'
import { useCounter } from '../../state/react'

type Blocklisted = Extract<CheckInResult, { kind: 'blocklisted' }>

export function BlocklistedCustomer({ result }: { result: Blocklisted }) {
  const manager = useCounter((s) => s.staff?.signedIn?.role === 'manager')
  const who = result.phone ? formatPhone(result.phone) : result.input
  const c = result.customer
  const name = c ? `${c.firstName} ${c.lastName}`.trim() || 'This customer' : 'This phone'
  return (
    <section className="card" aria-label="Blocklisted customer">
      <h2>{who} — on the blocklist</h2>
      <p role="alert">This customer is on your AIQ account’s blocklist: no points, rewards or signup at the counter.</p>
      {manager ? (
        <div>
          <h3>Why (managers only)</h3>
          <p>
            {name}
            {c ? ` (${c.member ? 'loyalty member' : 'not a member'}, ${formatPoints(c.points)} points)` : ''} is marked blocklisted at AIQ, so AIQ’s
            customer list leaves them out. To award points again, take them off the blocklist in AIQ.
          </p>
        </div>
      ) : (
        <p>Ask a manager if the customer asks why.</p>
      )}
    </section>
  )
}

// Redeem a reward after the sale, keyboard first: what to apply in the POS (name, POS discount id, cost, balance
// after) → the POS transaction id → confirm (by the signed-in budtender) → AIQ's answer. Online only; main makes sure it happens at most once.
import { useState } from 'react'
import { useCounter, useCounterStore } from '../../state/react'
import { formatBalance, formatPoints } from '../../../../shared/points'
import { balanceAfterRedeeming, currentCustomer, redeemBlocked, redemptionWords, rewardsView } from '../../state/selectors'
import { Dialog } from '../../ui/Dialog'
import { FormError } from '../../ui/FormError'
import { useManagerPin } from '../../ui/ManagerPin'

export function RedeemDialog(props: { rewardId: string }) {
  const store = useCounterStore()
  const customer = useCounter(currentCustomer)
  const rewards = useCounter((s) => s.panels.rewards)
  const redeem = useCounter((s) => s.redeem)
  const online = useCounter((s) => s.status?.online ?? true)
  const live = useCounter((s) => s.checkin.result?.kind === 'customer' && s.checkin.result.source === 'live')
  const signedIn = useCounter((s) => s.staff?.signedIn?.name ?? '')
  const [txn, setTxn] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  const data = rewards.state === 'loaded' || rewards.state === 'loading' ? rewards.data : null
  const found = data ? rewardsView(data, customer?.pendingPoints ?? 0).find((r) => r.id === props.rewardId) : undefined
  // what was shown when the dialog opened stays put while the rewards reload after the redemption
  const [opened] = useState(found)
  const reward = opened ?? found
  const manager = useManagerPin('redeemReward', { points: Math.round(reward?.pointsDeduction ?? 0) })
  // from the card's balance (the wallet's own may predate this visit's awards), as it was when the dialog opened
  const [after] = useState(customer && reward ? balanceAfterRedeeming(customer, reward.pointsDeduction) : null)
  if (!customer || !reward) return null
  const name = `${customer.firstName} ${customer.lastName}`.trim()
  const blocked = redeemBlocked(reward, { online, live })
  const sending = redeem.state === 'sending'
  // an answer for another reward (its dialog was closed before it came) is not this dialog's
  const result = redeem.result && redeem.result.rewardId === reward.id ? redeem.result : null
  const words = result ? redemptionWords(result) : null
  const close = () => store.getState().closeDialog()

  const confirm = () => {
    const t = txn.trim()
    if (!/^[A-Za-z0-9._:-]{1,64}$/.test(t)) return setProblem('Type the POS transaction id of this sale (letters, digits, dots, dashes; up to 64).')
    if (manager.problem) return setProblem(manager.problem)
    setProblem(null)
    void store.getState().redeemReward({ rewardId: reward.id, posTransactionId: t, ...(manager.approval ? { approval: manager.approval } : {}) })
  }

  return (
    <Dialog title={`Redeem ${reward.name} — ${name}`}>
      <dl className="redeem-facts" aria-label="Apply in the POS">
        <div>
          <dt>Reward</dt>
          <dd>{reward.name}</dd>
        </div>
        <div>
          <dt>POS discount</dt>
          <dd className="pos-discount">{reward.posDiscountID ?? 'none named — apply the reward by its name'}</dd>
        </div>
        <div>
          <dt>Costs</dt>
          <dd>{formatPoints(reward.pointsDeduction)} points</dd>
        </div>
        <div>
          <dt>Balance after</dt>
          <dd>{formatBalance(after ?? balanceAfterRedeeming(customer, reward.pointsDeduction))}</dd>
        </div>
      </dl>
      {!result && (
        <form
          className="form"
          aria-label="Confirm after checkout"
          onSubmit={(e) => {
            e.preventDefault()
            if (!sending && !blocked) confirm()
          }}
        >
          <p className="muted">Apply the discount in the POS and finish the sale. Then type the sale’s transaction id and confirm.</p>
          <label>
            POS transaction id
            <input value={txn} onChange={(e) => setTxn(e.target.value)} autoComplete="off" maxLength={64} autoFocus disabled={sending} data-accepts-scan="" />
          </label>
          {signedIn && <p className="muted">By {signedIn}.</p>}
          {manager.field}
          {blocked && (
            <p className="warning" role="note">
              {blocked}
            </p>
          )}
          <FormError text={problem} />
          {redeem.state === 'failed' && redeem.error && <p className="form-error" role="alert">{redeem.error}</p>}
          <div className="buttons">
            <button type="submit" className="primary" disabled={sending || blocked !== null}>
              {sending ? 'Redeeming…' : 'Confirm redemption'}
            </button>
            <button type="button" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {result && words && (
        <div className="redeem-result">
          <p className={`notice ${words.tone}`} role={words.tone === 'ok' ? 'status' : 'alert'}>
            {words.text}
          </p>
          <FormError text={redeem.error} />
          <div className="buttons">
            {(result.state === 'in_doubt' || result.state === 'not_sent') && (
              <button type="button" className="primary" disabled={sending} onClick={() => void store.getState().retryRedemption(result.id)}>
                {result.state === 'in_doubt' ? 'Check AIQ again' : 'Try again'}
              </button>
            )}
            <button type="button" className={result.state === 'redeemed' ? 'primary' : undefined} onClick={close} autoFocus={result.state === 'redeemed'}>
              Done
            </button>
          </div>
        </div>
      )}
    </Dialog>
  )
}

// Redeeming a reward: online only, at most once (main decides); the screen shows what happened. Today's
// redemptions for the report.
import { errorMessage } from '../../api'
import type { Customer, RedemptionEntry } from '../../../../shared/contract'
import { idlePanel, panelFailedWith, panelLoaded, panelLoading } from '../panels'
import { withCustomer } from '../reducers'
import { currentCustomer, redemptionWords, startOfDay } from '../selectors'
import type { GetState, RedeemSlice, SetState, SliceCreator } from '../types'

/** A redemption's result: shown in the dialog; when redeemed, the card takes AIQ's new balance and history. */
function afterRedemption(set: SetState, get: GetState, out: { redemption: RedemptionEntry; customer: Customer | null }) {
  const fresh = out.customer
  // the dialog was closed meanwhile, or another reward's is open now: the result shows as a notice, not in that dialog
  const dialog = get().dialog
  const shownThere = dialog?.kind === 'redeem' && dialog.rewardId === out.redemption.rewardId
  const words = shownThere ? null : redemptionWords(out.redemption)
  set({ redeem: { state: 'done', result: out.redemption, error: null } })
  if (words) get().setNotice(words)
  if (fresh && currentCustomer(get())?.contactID === fresh.contactID) get().updateResult((r) => withCustomer(r, () => fresh))
  if (out.redemption.state === 'redeemed') {
    void get().loadPanel('timeline')
    void get().loadPanel('rewards')
  }
}

export const createRedeemSlice: SliceCreator<RedeemSlice> = (api, set, get, deps) => ({
  redeem: { state: 'idle', result: null, error: null },
  async redeemReward({ rewardId, posTransactionId, approval }) {
    const c = currentCustomer(get())
    if (!c) return null
    set({ redeem: { state: 'sending', result: null, error: null } })
    try {
      const out = await api.redeemReward({ contactID: c.contactID, rewardId, posTransactionId, customerName: `${c.firstName} ${c.lastName}`.trim(), ...(approval ? { approval } : {}) })
      afterRedemption(set, get, out)
      return out.redemption
    } catch (e) {
      set({ redeem: { state: 'failed', result: null, error: errorMessage(e) } })
      return null
    }
  },
  resetRedemption: () => set({ redeem: { state: 'idle', result: null, error: null } }),
  async retryRedemption(id) {
    set((s) => ({ redeem: { ...s.redeem, state: 'sending', error: null } }))
    try {
      afterRedemption(set, get, await api.retryRedemption({ id }))
    } catch (e) {
      set((s) => ({ redeem: { ...s.redeem, state: 'done', error: errorMessage(e) } }))
    }
  },
  redemptions: idlePanel,
  async loadRedemptions() {
    set((s) => ({ redemptions: panelLoading(s.redemptions) }))
    const now = deps.now()
    try {
      set({ redemptions: panelLoaded(await api.redemptionReport({ from: startOfDay(now), to: now })) })
    } catch (e) {
      set({ redemptions: panelFailedWith(e) })
    }
  },
})

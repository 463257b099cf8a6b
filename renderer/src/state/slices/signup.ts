// Joining loyalty at the counter: the store list for the form, and the signup itself.
import { errorMessage } from '../../api'
import { idlePanel, panelFailedWith, panelLoaded, panelLoading } from '../panels'
import { customerResult, emptyPanels } from '../reducers'
import type { SignupSlice, SliceCreator } from '../types'
import { loadCustomerPanels } from './profile'

export const createSignupSlice: SliceCreator<SignupSlice> = (api, set, get, deps) => ({
  stores: idlePanel,
  signup: { state: 'idle', error: null },
  async loadStores() {
    if (get().stores.state === 'loaded') return
    set((s) => ({ stores: panelLoading(s.stores) }))
    try {
      set({ stores: panelLoaded((await api.listStores({})).stores) })
    } catch (e) {
      set({ stores: panelFailedWith(e) })
    }
  },
  async signUp(input) {
    set({ signup: { state: 'saving', error: null } })
    try {
      const out = await api.signUp(input)
      const smsText: Record<typeof out.sms, string> = {
        requested: 'a text was sent to confirm SMS (double opt-in)',
        already_opted_in: 'already opted in to texts',
        opted_out_kept: 'this number opted out of texts and was not re-opted in',
        not_requested: 'no texts',
        opted_in: 'opted in to texts',
      }
      set((s) => ({
        signup: { state: 'idle', error: null },
        panels: emptyPanels,
        checkin: { ...s.checkin, state: 'done', result: customerResult(out.customer, deps.now()), seq: s.checkin.seq + 1 },
        notice: { tone: 'ok', text: `Signed up ${out.customer.firstName} — ${smsText[out.sms]}.` },
        focusTick: s.focusTick + 1,
      }))
      loadCustomerPanels(get)
      return true
    } catch (e) {
      set({ signup: { state: 'failed', error: errorMessage(e) } })
      return false
    }
  },
})

// Joining loyalty at the counter: the store list for the form, and the signup itself.
import { errorMessage } from '../../api'
import { idlePanel, panelFailedWith, panelLoaded, panelLoading } from '../panels'
import type { SignupSlice, SliceCreator } from '../types'

export const createSignupSlice: SliceCreator<SignupSlice> = (api, set, get) => ({
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
  resetSignup: () => set({ signup: { state: 'idle', error: null } }),
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
      set({ signup: { state: 'idle', error: null } })
      get().showCustomer(out.customer)
      get().setNotice({ tone: 'ok', text: `Signed up ${out.customer.firstName} — ${smsText[out.sms]}.` })
      return true
    } catch (e) {
      set({ signup: { state: 'failed', error: errorMessage(e) } })
      return false
    }
  },
})

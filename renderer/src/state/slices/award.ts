// Points awarded or deducted: saved on disk by main at once (it syncs later); the counts and the card move now.
import { errorMessage } from '../../api'
import { resultAfterAward } from '../reducers'
import type { CheckInResult } from '../../../../shared/contract'
import type { AwardSlice, SliceCreator } from '../types'

const BUDTENDER_PREF = 'counter.budtender'

/** who an award is for: the customer AIQ named (with their phone, for the Queue to show), or the phone it is queued by */
const customerRef = (r: CheckInResult | null) =>
  r?.kind === 'customer'
    ? { contactID: r.customer.contactID, ...(r.customer.phone ? { phone: r.customer.phone } : {}) }
    : r?.kind === 'unknown' && r.phone
      ? { phone: r.phone }
      : null

export const createAwardSlice: SliceCreator<AwardSlice> = (api, set, get, deps) => ({
  award: { state: 'idle', error: null },
  budtender: deps.prefs.get(BUDTENDER_PREF) ?? '',
  recentAwards: null,
  async loadRecentAwards() {
    const { result, seq } = get().checkin
    const customer = customerRef(result)
    set({ recentAwards: null })
    if (!customer) return
    try {
      const recent = await api.recentAwards({ customer })
      // the dialog may be for another customer by now (a new check-in); the same customer's card refreshed is not one
      if (get().checkin.seq === seq) set({ recentAwards: recent.awards.length ? recent : null })
    } catch {
      // a hint only: the award itself does not depend on it
    }
  },
  resetAward: () => set({ award: { state: 'idle', error: null } }),
  clearAwardError() {
    if (get().award.error) set({ award: { state: 'idle', error: null } })
  },
  async awardPoints({ value, reason, budtender = '', approval }) {
    const r = get().checkin.result
    const customer = customerRef(r)
    if (!customer || !r) return false
    const customerName = r.kind === 'customer' ? `${r.customer.firstName} ${r.customer.lastName}`.trim() : ''
    set({ award: { state: 'saving', error: null } })
    try {
      const entry = await api.awardPoints({ customer, customerName, value, reason, ...(approval ? { approval } : {}) })
      if (budtender) deps.prefs.set(BUDTENDER_PREF, budtender)
      const verb = value > 0 ? `Awarded ${value}` : `Deducted ${-value}`
      // the dialog goes first: it never shows the saved award as idle again
      get().dismissDialog()
      set((s) => ({ award: { state: 'idle', error: null }, budtender: budtender || s.budtender }))
      get().countAward(entry)
      get().updateOutbox([entry])
      get().updateResult((result) => resultAfterAward(result, entry))
      get().setNotice({ tone: 'ok', text: `Saved — will sync. ${verb} points${customerName ? ` for ${customerName}` : ''}.` })
      get().focusCheckIn()
      void get().loadStatus() // main's own count, in case its event raced ours
      return true
    } catch (e) {
      set({ award: { state: 'failed', error: errorMessage(e) } })
      return false
    }
  },
})

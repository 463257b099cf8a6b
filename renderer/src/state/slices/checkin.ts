// Who is at the counter: a check-in by phone, email or contact id (a licence goes to the ID check), a search result
// opened, Next customer.
import { errorMessage } from '../../api'
import { looksLikeLicenceData } from '../../../../shared/aamva'
import { customerResult, emptyPanels } from '../reducers'
import type { CheckInSlice, SliceCreator } from '../types'
import { loadCustomerPanels } from './profile'

export const createCheckInSlice: SliceCreator<CheckInSlice> = (api, set, get, deps) => ({
  checkin: { state: 'idle', input: '', result: null, error: null, seq: 0 },
  draft: '',
  notice: null,
  setDraft: (draft) => set({ draft }),
  async checkIn(input) {
    // a licence (or part of one), by its content: the ID check, never a lookup at AIQ, never echoed on screen
    if (looksLikeLicenceData(input)) return get().checkId(input)
    const seq = get().checkin.seq + 1
    set((s) => ({
      screen: 'checkin',
      dialog: null,
      draft: '',
      notice: null,
      panels: emptyPanels,
      signup: { state: 'idle', error: null },
      checkin: { state: 'loading', input, result: null, error: null, seq },
      focusTick: s.focusTick + 1,
    }))
    try {
      const result = await api.checkIn({ input })
      if (get().checkin.seq !== seq) return
      set({ checkin: { state: 'done', input, result, error: null, seq } })
      if (result.kind === 'customer') loadCustomerPanels(get)
      else if (result.kind === 'unknown' && result.phone && !result.offline) void get().loadStores()
    } catch (e) {
      if (get().checkin.seq === seq) set({ checkin: { state: 'failed', input, result: null, error: errorMessage(e), seq } })
    }
  },
  openCustomer(customer) {
    const seq = get().checkin.seq + 1
    set((s) => ({
      screen: 'checkin',
      notice: null,
      panels: emptyPanels,
      checkin: { state: 'done', input: '', result: customerResult(customer, deps.now()), error: null, seq },
      focusTick: s.focusTick + 1,
    }))
    loadCustomerPanels(get)
  },
  nextCustomer: () => {
    // the customer screen goes back to idle too (a signup in progress there stays until Cancel)
    api.clearCustomerScreen({}).catch(() => {})
    set((s) => ({
      notice: null,
      dialog: null,
      panels: emptyPanels,
      checkin: { state: 'idle', input: '', result: null, error: null, seq: s.checkin.seq + 1 },
      focusTick: s.focusTick + 1,
    }))
  },
  setNotice: (notice) => set({ notice }),
})

// Who is at the counter: a check-in by phone, email or contact id (a licence goes to the ID check), a search result
// opened, Next customer.
import { errorMessage } from '../../api'
import { classifyInput } from '../../../../shared/checkin-input'
import { customerResult } from '../reducers'
import type { CheckInResult } from '../../../../shared/contract'
import type { CheckInSlice, SliceCreator } from '../types'
import { loadCustomerPanels } from './profile'

export const createCheckInSlice: SliceCreator<CheckInSlice> = (api, set, get, deps) => ({
  checkin: { state: 'idle', input: '', result: null, error: null, seq: 0 },
  draft: '',
  notice: null,
  setDraft: (draft) => set({ draft }),
  async checkIn(input) {
    // a licence (or part of one), by its content: the ID check, never a lookup at AIQ, never echoed on screen
    if (classifyInput(input).kind === 'licence') return get().checkId(input)
    const seq = get().checkin.seq + 1
    // the check-in screen, no dialog, focus in the field; the last profile and signup go before the card changes
    get().returnToCheckIn()
    get().clearPanels()
    get().resetSignup()
    set({ draft: '', notice: null, checkin: { state: 'loading', input, result: null, error: null, seq } })
    // AIQ is asked at once; this counter's copy answers within a frame and is on screen until AIQ's answer replaces it
    const fromAiq = api.checkIn({ input })
    fromAiq.catch(() => {})
    const current = () => get().checkin.seq === seq
    void api.checkInFromDirectory({ input }).then(
      ({ hit }) => {
        if (!hit || !current() || get().checkin.state !== 'loading') return
        const result: CheckInResult = { kind: 'customer', customer: hit.customer, source: 'directory', asOf: hit.asOf }
        set({ checkin: { state: 'done', input, result, error: null, seq, askingAiq: true } })
        loadCustomerPanels(get)
      },
      () => {}, // the copy is a head start only: AIQ's answer (or its error) still comes
    )
    try {
      const result = await fromAiq
      if (!current()) return
      const shown = get().checkin.result
      set({ checkin: { state: 'done', input, result, error: null, seq, askingAiq: false } })
      if (result.kind === 'customer') afterAiq(shown, result)
      else {
        get().clearPanels()
        if (result.kind === 'unknown' && result.phone && !result.offline) void get().loadStores()
      }
    } catch (e) {
      if (!current()) return
      const shown = get().checkin
      // AIQ said something went wrong, but this counter's copy is on screen: keep it, and say what happened
      if (shown.state === 'done' && shown.askingAiq) set({ checkin: { ...shown, askingAiq: false }, notice: { tone: 'warn', text: `AIQ did not answer: ${errorMessage(e)}` } })
      else set({ checkin: { state: 'failed', input, result: null, error: errorMessage(e), seq } })
    }

    /** The panels already asked for the customer shown stay; another customer (the number changed hands) starts over. */
    function afterAiq(shown: CheckInResult | null, result: Extract<CheckInResult, { kind: 'customer' }>) {
      const same = shown?.kind === 'customer' && shown.customer.contactID === result.customer.contactID
      if (!same) {
        get().clearPanels()
        return loadCustomerPanels(get)
      }
      // AIQ could not be reached after all: the wallet says so plainly (rather than its own timeout)
      if (result.source === 'directory') void get().loadPanel('rewards')
    }
  },
  openCustomer(customer) {
    get().goTo('checkin')
    set({ notice: null })
    get().showCustomer(customer)
  },
  showCustomer(customer) {
    get().clearPanels()
    set((s) => ({ checkin: { state: 'done', input: '', result: customerResult(customer, deps.now()), error: null, seq: s.checkin.seq + 1 } }))
    get().focusCheckIn()
    loadCustomerPanels(get)
  },
  updateResult: (change) => set((s) => ({ checkin: { ...s.checkin, result: change(s.checkin.result) } })),
  nextCustomer: () => {
    // the customer screen goes back to idle too (a signup in progress there stays until Cancel)
    api.clearCustomerScreen({}).catch(() => {})
    get().dismissDialog()
    get().clearPanels()
    set((s) => ({ notice: null, checkin: { state: 'idle', input: '', result: null, error: null, seq: s.checkin.seq + 1 } }))
    get().focusCheckIn()
  },
  setNotice: (notice) => set({ notice }),
})

// The profile of the customer on screen: each panel loads (and fails) on its own; attributes, overrides and SMS
// consent are changed here.
import { errorMessage } from '../../api'
import { fieldLabel } from '../field-words'
import type { Customer } from '../../../../shared/contract'
import { NO_PHONE_FOR_WALLET } from '../../../../shared/points'
import { panelFailed, panelFailedWith, panelLoaded, panelLoading, type Panel } from '../panels'
import { emptyPanels, withCustomer } from '../reducers'
import { currentCustomer } from '../selectors'
import type { GetState, PanelData, PanelKey, ProfileSlice, SetState, SliceCreator } from '../types'

/** Every panel of the customer just put on screen. */
export function loadCustomerPanels(get: GetState) {
  for (const key of Object.keys(emptyPanels) as PanelKey[]) void get().loadPanel(key)
}

/** Loads one panel for the customer on screen; drops the answer if another customer was checked in meanwhile. */
async function load<K extends PanelKey>(set: SetState, get: GetState, key: K, fetch: (c: Customer) => Promise<PanelData[K]>) {
  const customer = currentCustomer(get())
  if (!customer) return
  const seq = get().checkin.seq
  const put = (p: Panel<PanelData[K]>) => set((s) => ({ panels: { ...s.panels, [key]: p } }))
  const loading = panelLoading(get().panels[key] as Panel<PanelData[K]>)
  put(loading)
  // an answer counts only while nothing else has been put in the panel since (a newer load, "needs AIQ")
  const still = () => get().checkin.seq === seq && get().panels[key] === loading
  try {
    const data = await fetch(customer)
    if (still()) put(panelLoaded(data))
  } catch (e) {
    if (still()) put(panelFailedWith(e))
  }
}

export const createProfileSlice: SliceCreator<ProfileSlice> = (api, set, get) => ({
  panels: emptyPanels,
  clearPanels: () => set({ panels: emptyPanels }),
  async loadPanel(key) {
    switch (key) {
      case 'rewards': {
        const r = get().checkin.result
        // this counter's copy while AIQ is still being asked: the wallet is asked at the same time
        if (r?.kind === 'customer' && r.source === 'directory' && get().checkin.askingAiq !== true) {
          set((s) => ({ panels: { ...s.panels, rewards: panelFailed('offline', 'Rewards need AIQ, and it cannot be reached right now. Redeem when back online.') } }))
          return
        }
        // the wallet is opened by the phone the customer already has: never a second read of AIQ to learn it
        if (r?.kind === 'customer' && r.customer.phone === null) {
          set((s) => ({ panels: { ...s.panels, rewards: panelFailed('not_found', NO_PHONE_FOR_WALLET) } }))
          return
        }
        return load(set, get, 'rewards', (c) => api.getRewards({ phone: c.phone! }))
      }
      case 'visits':
        return load(set, get, 'visits', async (c) => (await api.getVisits({ contactID: c.contactID })).visits)
      case 'timeline':
        return load(set, get, 'timeline', async (c) => (await api.getTimeline({ contactID: c.contactID })).events)
      case 'recommendations':
        return load(set, get, 'recommendations', async (c) => [...(await api.getRecommendations({ contactID: c.contactID })).products].sort((a, b) => a.rank - b.rank))
      case 'traits':
        return load(set, get, 'traits', async (c) => (await api.getTraits({ contactID: c.contactID })).traits)
      case 'overrides':
        return load(set, get, 'overrides', async (c) => (await api.getOverrides({ contactID: c.contactID })).overrides)
    }
  },
  async addTrait(trait, approval) {
    const c = currentCustomer(get())
    if (!c) return false
    try {
      const { traits } = await api.saveTraits({ contactID: c.contactID, traits: [trait], mode: 'add', ...(approval ? { approval } : {}) })
      if (currentCustomer(get())?.contactID === c.contactID) {
        set((s) => ({ panels: { ...s.panels, traits: panelLoaded(traits) } }))
        get().setNotice({ tone: 'ok', text: `Saved “${fieldLabel(trait.key)}”` })
        get().focusCheckIn()
      }
      return true
    } catch (e) {
      get().setNotice({ tone: 'error', text: `Could not save “${fieldLabel(trait.key)}”: ${errorMessage(e)}` })
      return false
    }
  },
  async saveOverride(key, value, approval) {
    const c = currentCustomer(get())
    const p = get().panels.overrides
    if (!c) return false
    const current = p.state === 'loaded' ? p.data : {}
    try {
      const { overrides } = await api.saveOverrides({ contactID: c.contactID, overrides: { ...current, [key]: value }, ...(approval ? { approval } : {}) })
      if (currentCustomer(get())?.contactID === c.contactID) {
        set((s) => ({ panels: { ...s.panels, overrides: panelLoaded(overrides) } }))
        get().setNotice({ tone: 'ok', text: `Saved “${fieldLabel(key)}”` })
        get().focusCheckIn()
      }
      return true
    } catch (e) {
      get().setNotice({ tone: 'error', text: `Could not save “${fieldLabel(key)}”: ${errorMessage(e)}` })
      return false
    }
  },
  async requestSmsConsent() {
    const c = currentCustomer(get())
    if (!c?.phone) return
    try {
      const { sms } = await api.requestSmsOptIn({ phone: c.phone })
      const text =
        sms === 'requested'
          ? 'Text sent — the customer replies to confirm (double opt-in)'
          : sms === 'already_opted_in'
            ? 'Already opted in to texts'
            : 'This number opted out of texts — it will not be re-opted in'
      get().setNotice({ tone: sms === 'opted_out_kept' ? 'warn' : 'ok', text })
      get().updateResult((r) => withCustomer(r, (x) => ({ ...x, sms: sms === 'requested' ? 'pending' : sms === 'already_opted_in' ? 'opted_in' : 'opted_out' })))
      get().focusCheckIn()
    } catch (e) {
      get().setNotice({ tone: 'error', text: `Could not ask for SMS consent: ${errorMessage(e)}` })
      get().focusCheckIn()
    }
  },
})

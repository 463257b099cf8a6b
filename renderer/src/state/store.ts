// The renderer's store: slices assembled into one zustand vanilla store. Async work lives in actions;
// every state change goes through a pure reducer or a plain object update. No DOM here.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { CounterClient } from '../api'
import { errorMessage, CounterError } from '../api'
import type { Customer, RedemptionEntry } from '../../../shared/contract'
import { idlePanel, panelFailed, panelLoaded, panelLoading, type Panel } from './panels'
import { customerResult, emptyPanels, failedPointsFor, mergeOutbox, resultAfterAward, unsyncedPointsFor, statusAfterAward, withCustomer } from './reducers'
import { currentCustomer, redemptionWords, startOfDay } from './selectors'
import { createStaffSlice } from './staff-slice'
import { looksLikeLicence } from '../../../shared/aamva'
import type { CounterState, PanelData, PanelKey, StoreDeps } from './types'

export type CounterStore = StoreApi<CounterState>

const BUDTENDER_PREF = 'counter.budtender'
const SCANNER_PREFIX_PREF = 'counter.scannerPrefix'
const codeOf = (e: unknown) => (e instanceof CounterError ? e.code : 'internal')

export function createCounterStore(api: CounterClient, deps: StoreDeps): CounterStore {
  return createStore<CounterState>()((set, get) => {
    /** Loads one panel for the customer on screen; drops the answer if another customer was checked in meanwhile. */
    async function load<K extends PanelKey>(key: K, fetch: (c: Customer) => Promise<PanelData[K]>) {
      const customer = currentCustomer(get())
      if (!customer) return
      const seq = get().checkin.seq
      const put = (p: Panel<PanelData[K]>) => set((s) => ({ panels: { ...s.panels, [key]: p } }))
      put(panelLoading(get().panels[key] as Panel<PanelData[K]>))
      try {
        const data = await fetch(customer)
        if (get().checkin.seq === seq) put(panelLoaded(data))
      } catch (e) {
        if (get().checkin.seq === seq) put(panelFailed(codeOf(e), errorMessage(e)))
      }
    }

    /** A redemption's result: shown in the dialog; when redeemed, the card takes AIQ's new balance and history. */
    function afterRedemption(out: { redemption: RedemptionEntry; customer: Customer | null }) {
      const fresh = out.customer
      // the dialog was closed meanwhile: the result still shows, on the check-in screen
      const words = get().dialog?.kind === 'redeem' ? null : redemptionWords(out.redemption)
      set((s) => ({
        redeem: { state: 'done', result: out.redemption, error: null },
        ...(words ? { notice: words } : {}),
        checkin:
          fresh && currentCustomer(s)?.contactID === fresh.contactID ? { ...s.checkin, result: withCustomer(s.checkin.result, () => fresh) } : s.checkin,
      }))
      if (out.redemption.state === 'redeemed') {
        void get().loadPanel('timeline')
        void get().loadPanel('rewards')
      }
    }

    function showCustomerPanels() {
      for (const key of Object.keys(emptyPanels) as PanelKey[]) void get().loadPanel(key)
    }

    return {
      // ---- staff and the ID check (issue 13) ----
      ...createStaffSlice(api, set, get, deps.now),

      // ---- status ----
      status: null,
      statusError: null,
      async loadStatus() {
        try {
          set({ status: await api.getStatus({}), statusError: null })
        } catch (e) {
          set({ statusError: errorMessage(e) })
        }
      },
      applyStatus: (status) => set({ status }),
      applyDirectory: (directory) => set((s) => (s.status ? { status: { ...s.status, directory } } : {})),

      // ---- navigation ----
      scannerPrefix: deps.prefs.get(SCANNER_PREFIX_PREF) || null,
      setScannerPrefix(prefix) {
        const p = prefix && prefix.length === 1 ? prefix : null
        deps.prefs.set(SCANNER_PREFIX_PREF, p ?? '')
        set({ scannerPrefix: p })
      },
      screen: 'checkin',
      focusTick: 0,
      dialog: null,
      goTo: (screen) => set({ screen }),
      returnToCheckIn: () => set((s) => ({ screen: 'checkin', dialog: null, focusTick: s.focusTick + 1 })),
      openDialog: (dialog) => set({ dialog, award: { state: 'idle', error: null }, redeem: { state: 'idle', result: null, error: null } }),
      closeDialog: () => set((s) => ({ dialog: null, focusTick: s.focusTick + 1 })),

      // ---- check-in and profile ----
      checkin: { state: 'idle', input: '', result: null, error: null, seq: 0 },
      draft: '',
      panels: emptyPanels,
      notice: null,
      setDraft: (draft) => set({ draft }),
      async checkIn(input) {
        // a licence, by its content: the ID check, never a lookup at AIQ
        if (looksLikeLicence(input)) return get().checkId(input)
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
          if (result.kind === 'customer') showCustomerPanels()
          else if (result.phone && !result.offline) void get().loadStores()
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
        showCustomerPanels()
      },
      nextCustomer: () =>
        set((s) => ({
          notice: null,
          dialog: null,
          panels: emptyPanels,
          checkin: { state: 'idle', input: '', result: null, error: null, seq: s.checkin.seq + 1 },
          focusTick: s.focusTick + 1,
        })),
      async loadPanel(key) {
        switch (key) {
          case 'rewards': {
            const r = get().checkin.result
            if (r?.kind === 'customer' && r.source === 'directory') {
              set((s) => ({ panels: { ...s.panels, rewards: panelFailed('offline', 'Rewards need AIQ, and it cannot be reached right now. Redeem when back online.') } }))
              return
            }
            return load('rewards', (c) => api.getRewards({ contactID: c.contactID }))
          }
          case 'visits':
            return load('visits', async (c) => (await api.getVisits({ contactID: c.contactID })).visits)
          case 'timeline':
            return load('timeline', async (c) => (await api.getTimeline({ contactID: c.contactID })).events)
          case 'recommendations':
            return load('recommendations', async (c) => [...(await api.getRecommendations({ contactID: c.contactID })).products].sort((a, b) => a.rank - b.rank))
          case 'traits':
            return load('traits', async (c) => (await api.getTraits({ contactID: c.contactID })).traits)
          case 'overrides':
            return load('overrides', async (c) => (await api.getOverrides({ contactID: c.contactID })).overrides)
        }
      },
      async addTrait(trait) {
        const c = currentCustomer(get())
        if (!c) return false
        try {
          const { traits } = await api.saveTraits({ contactID: c.contactID, traits: [trait], mode: 'add' })
          if (currentCustomer(get())?.contactID === c.contactID) {
            set((s) => ({ panels: { ...s.panels, traits: panelLoaded(traits) }, notice: { tone: 'ok', text: `Saved “${trait.key}”` }, focusTick: s.focusTick + 1 }))
          }
          return true
        } catch (e) {
          set({ notice: { tone: 'error', text: `Could not save “${trait.key}”: ${errorMessage(e)}` } })
          return false
        }
      },
      async saveOverride(key, value) {
        const c = currentCustomer(get())
        const p = get().panels.overrides
        if (!c) return false
        const current = p.state === 'loaded' ? p.data : {}
        try {
          const { overrides } = await api.saveOverrides({ contactID: c.contactID, overrides: { ...current, [key]: value } })
          if (currentCustomer(get())?.contactID === c.contactID) {
            set((s) => ({ panels: { ...s.panels, overrides: panelLoaded(overrides) }, notice: { tone: 'ok', text: `Override “${key}” saved` }, focusTick: s.focusTick + 1 }))
          }
          return true
        } catch (e) {
          set({ notice: { tone: 'error', text: `Could not save override “${key}”: ${errorMessage(e)}` } })
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
          set((s) => ({
            notice: { tone: sms === 'opted_out_kept' ? 'warn' : 'ok', text },
            checkin: {
              ...s.checkin,
              result: withCustomer(s.checkin.result, (x) => ({ ...x, sms: sms === 'requested' ? 'pending' : sms === 'already_opted_in' ? 'opted_in' : 'opted_out' })),
            },
            focusTick: s.focusTick + 1,
          }))
        } catch (e) {
          set((s) => ({ notice: { tone: 'error', text: `Could not ask for SMS consent: ${errorMessage(e)}` }, focusTick: s.focusTick + 1 }))
        }
      },
      setNotice: (notice) => set({ notice }),

      // ---- awards ----
      award: { state: 'idle', error: null },
      budtender: deps.prefs.get(BUDTENDER_PREF) ?? '',
      async awardPoints({ value, reason, budtender = '', approval }) {
        const r = get().checkin.result
        const customer = r?.kind === 'customer' ? { contactID: r.customer.contactID } : r?.kind === 'unknown' && r.phone ? { phone: r.phone } : null
        if (!customer || !r) return false
        const customerName = r.kind === 'customer' ? `${r.customer.firstName} ${r.customer.lastName}`.trim() : ''
        set({ award: { state: 'saving', error: null } })
        try {
          const entry = await api.awardPoints({ customer, customerName, value, reason, ...(approval ? { approval } : {}) })
          if (budtender) deps.prefs.set(BUDTENDER_PREF, budtender)
          const verb = value > 0 ? `Awarded ${value}` : `Deducted ${-value}`
          set((s) => ({
            award: { state: 'idle', error: null },
            budtender: budtender || s.budtender,
            dialog: null,
            focusTick: s.focusTick + 1,
            status: statusAfterAward(s.status, entry),
            outbox: mergeOutbox(s.outbox, [entry]),
            checkin: { ...s.checkin, result: resultAfterAward(s.checkin.result, entry) },
            notice: { tone: 'ok', text: `Saved — will sync. ${verb} points${customerName ? ` for ${customerName}` : ''}.` },
          }))
          void get().loadStatus() // main's own count, in case its event raced ours
          return true
        } catch (e) {
          set({ award: { state: 'failed', error: errorMessage(e) } })
          return false
        }
      },

      // ---- signup ----
      stores: idlePanel,
      signup: { state: 'idle', error: null },
      async loadStores() {
        if (get().stores.state === 'loaded') return
        set((s) => ({ stores: panelLoading(s.stores) }))
        try {
          set({ stores: panelLoaded((await api.listStores({})).stores) })
        } catch (e) {
          set({ stores: panelFailed(codeOf(e), errorMessage(e)) })
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
          }
          set((s) => ({
            signup: { state: 'idle', error: null },
            panels: emptyPanels,
            checkin: { ...s.checkin, state: 'done', result: customerResult(out.customer, deps.now()), seq: s.checkin.seq + 1 },
            notice: { tone: 'ok', text: `Signed up ${out.customer.firstName} — ${smsText[out.sms]}.` },
            focusTick: s.focusTick + 1,
          }))
          showCustomerPanels()
          return true
        } catch (e) {
          set({ signup: { state: 'failed', error: errorMessage(e) } })
          return false
        }
      },

      // ---- search ----
      search: { query: '', state: 'idle', results: [], total: 0, error: null },
      async searchCustomers(query) {
        set({ search: { query, state: 'loading', results: [], total: 0, error: null } })
        try {
          const { results, total } = await api.searchCustomers({ query, limit: 25 })
          if (get().search.query === query) set({ search: { query, state: 'done', results, total, error: null } })
        } catch (e) {
          if (get().search.query === query) set({ search: { query, state: 'failed', results: [], total: 0, error: errorMessage(e) } })
        }
      },

      // ---- shift report ----
      report: idlePanel,
      async loadReport() {
        set((s) => ({ report: panelLoading(s.report) }))
        const now = deps.now()
        try {
          set({ report: panelLoaded(await api.shiftReport({ from: startOfDay(now), to: now })) })
        } catch (e) {
          set({ report: panelFailed(codeOf(e), errorMessage(e)) })
        }
      },

      // ---- redemption (online only, at most once: main decides; the screen shows what happened) ----
      redeem: { state: 'idle', result: null, error: null },
      async redeemReward({ rewardId, posTransactionId }) {
        const c = currentCustomer(get())
        if (!c) return null
        set({ redeem: { state: 'sending', result: null, error: null } })
        try {
          const out = await api.redeemReward({ contactID: c.contactID, rewardId, posTransactionId, customerName: `${c.firstName} ${c.lastName}`.trim() })
          afterRedemption(out)
          return out.redemption
        } catch (e) {
          set({ redeem: { state: 'failed', result: null, error: errorMessage(e) } })
          return null
        }
      },
      async retryRedemption(id) {
        set((s) => ({ redeem: { ...s.redeem, state: 'sending', error: null } }))
        try {
          afterRedemption(await api.retryRedemption({ id }))
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
          set({ redemptions: panelFailed(codeOf(e), errorMessage(e)) })
        }
      },

      // ---- outbox ----
      outbox: [],
      applyOutbox(entries) {
        set({ outbox: mergeOutbox([], entries) })
        // An award for the customer on screen reached AIQ (or was discarded): their balance on screen is stale.
        const { checkin } = get()
        const r = checkin.result
        if (r?.kind !== 'customer' || r.source !== 'live') return
        if (unsyncedPointsFor(entries, r.customer) === r.customer.pendingPoints && failedPointsFor(entries, r.customer) === (r.customer.failedPoints ?? 0)) return
        void api
          .checkIn({ input: r.customer.contactID })
          .then((fresh) => {
            if (get().checkin.seq !== checkin.seq || fresh.kind !== 'customer' || fresh.customer.contactID !== r.customer.contactID) return
            set({ checkin: { ...get().checkin, result: fresh } })
            void get().loadPanel('timeline')
          })
          .catch(() => undefined) // the next check-in shows it; the card keeps its last known balance meanwhile
      },
    }
  })
}

/** Wires main's events into the store; returns the unsubscribe. */
export function connectEvents(api: CounterClient, store: CounterStore): () => void {
  const offs = [
    api.onStatusChanged((s) => store.getState().applyStatus(s)),
    api.onOutboxChanged(({ entries }) => store.getState().applyOutbox(entries)),
    api.onDirectoryProgress((d) => store.getState().applyDirectory(d)),
    api.onStaffChanged((s) => store.getState().applyStaff(s)),
  ]
  return () => offs.forEach((off) => off())
}

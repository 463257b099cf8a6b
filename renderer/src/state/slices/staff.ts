// Who is signed in at the counter, and the ID check of a scanned licence (issue 13). A slice of the one store.
// The licence's details live here only while its screen is up; main keeps none of them.
import type { IdCheckOutcome } from '../../../../shared/contract'
import { errorMessage } from '../../api'
import type { SliceCreator, StaffSlice } from '../types'

const STILL_HERE_MS = 30_000

export const createStaffSlice: SliceCreator<StaffSlice> = (api, set, get, { now }) => {
  let lastPing = 0
  /** After a pass (or an override): one match opens the profile; otherwise the ID card stays to pick or sign up. */
  function afterCheck(outcome: IdCheckOutcome) {
    const passed = outcome.verdict === 'pass' || outcome.overridden
    const text = outcome.overridden ? 'ID check overridden by a manager — recorded.' : 'ID checked — passed.'
    if (passed && outcome.matches.length === 1) {
      get().openCustomer(outcome.matches[0]!)
      set({ idCheck: { state: 'idle', outcome: null, error: null }, notice: { tone: outcome.overridden ? 'warn' : 'ok', text } })
      return
    }
    set({ idCheck: { state: 'done', outcome, error: null } })
    if (passed && outcome.lookup === 'none') void get().loadStores()
  }
  return {
    staff: null,
    async loadStaff() {
      try {
        set({ staff: await api.getStaff({}) })
      } catch {
        /* the status banner already says when main cannot be reached */
      }
    },
    applyStaff: (staff) => set({ staff }),
    async signInBudtender(staffId, pin) {
      try {
        const staff = await api.signInBudtender({ staffId, pin })
        set((s) => ({ staff, screen: 'checkin', focusTick: s.focusTick + 1 }))
        return null
      } catch (e) {
        return errorMessage(e)
      }
    },
    async signOutBudtender(opts = {}) {
      // idle: what was on screen (an award half typed) waits behind the sign-in for whoever signs in next
      if (!opts.idle) {
        get().nextCustomer()
        set({ idCheck: { state: 'idle', outcome: null, error: null } })
      }
      try {
        set({ staff: await api.signOutBudtender({}) })
      } catch {
        /* main signs out on its own idle timer too */
      }
    },
    async setUpManager(name, pin) {
      try {
        set({ staff: await api.setUpManager({ name, pin }) })
        return null
      } catch (e) {
        return errorMessage(e)
      }
    },
    stillHere() {
      const t = now()
      if (!get().staff?.signedIn || t - lastPing < STILL_HERE_MS) return
      lastPing = t
      void api.stillHere({}).then((staff) => set({ staff }), () => undefined)
    },
    joinAsked: null,
    askToJoin: () => set((s) => ({ joinAsked: s.checkin.seq, dialog: null })),

    idCheck: { state: 'idle', outcome: null, error: null },
    async checkId(scan) {
      get().nextCustomer()
      set({ screen: 'checkin', draft: '', idCheck: { state: 'checking', outcome: null, error: null } })
      try {
        afterCheck(await api.checkId({ scan }))
      } catch (e) {
        set({ idCheck: { state: 'failed', outcome: null, error: errorMessage(e) } })
      }
    },
    async overrideIdCheck(reason, approval) {
      const outcome = get().idCheck.outcome
      if (!outcome) return 'Scan the licence again.'
      try {
        afterCheck(await api.overrideIdCheck({ checkId: outcome.checkId, reason, approval }))
        return null
      } catch (e) {
        return errorMessage(e)
      }
    },
    closeIdCheck: () => set((s) => ({ idCheck: { state: 'idle', outcome: null, error: null }, focusTick: s.focusTick + 1 })),
  }
}

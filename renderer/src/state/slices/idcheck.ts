// The ID check of a scanned licence (issue 13): its verdict, a manager's override, the matches to pick from. The
// licence's details live here only while its card is up; main keeps none of them.
import type { IdCheckOutcome } from '../../../../shared/contract'
import { errorMessage } from '../../api'
import type { IdCheckSlice, SliceCreator } from '../types'

const idle = { state: 'idle', outcome: null, error: null } as const

export const createIdCheckSlice: SliceCreator<IdCheckSlice> = (api, set, get) => {
  /** After a pass (or an override): one match opens the profile; otherwise the ID card stays to pick or sign up. */
  function afterCheck(outcome: IdCheckOutcome) {
    const passed = outcome.verdict === 'pass' || outcome.overridden
    const text = outcome.overridden ? 'ID check overridden by a manager — recorded.' : 'ID checked — passed.'
    if (passed && outcome.matches.length === 1) {
      get().openCustomer(outcome.matches[0]!)
      set({ idCheck: idle })
      get().setNotice({ tone: outcome.overridden ? 'warn' : 'ok', text })
      return
    }
    set({ idCheck: { state: 'done', outcome, error: null } })
    if (passed && outcome.lookup === 'none') void get().loadStores()
  }
  return {
    idCheck: idle,
    async checkId(scan) {
      get().nextCustomer()
      get().goTo('checkin')
      get().setDraft('')
      set({ idCheck: { state: 'checking', outcome: null, error: null } })
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
    forgetIdCheck: () => set({ idCheck: idle }),
    closeIdCheck() {
      set({ idCheck: idle })
      get().focusCheckIn()
    },
  }
}

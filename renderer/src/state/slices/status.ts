// What main says about the counter: mode, connection, the outbox counts, the directory.
import { errorMessage } from '../../api'
import { statusAfterAward } from '../reducers'
import type { SliceCreator, StatusSlice } from '../types'

export const createStatusSlice: SliceCreator<StatusSlice> = (api, set, get) => ({
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
  async dismissDatabaseNotice() {
    try {
      set({ status: await api.dismissDatabaseNotice({}), statusError: null })
    } catch (e) {
      set({ statusError: errorMessage(e) })
    }
  },
  async startTraining() {
    try {
      set({ status: await api.useTrainingMode({}) })
      get().returnToCheckIn()
      return null
    } catch (e) {
      return errorMessage(e)
    }
  },
  applyDirectory: (directory) => set((s) => (s.status ? { status: { ...s.status, directory } } : {})),
  countAward: (entry) => set((s) => ({ status: statusAfterAward(s.status, entry) })),
})

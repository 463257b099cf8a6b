// What main says about the counter: mode, connection, the outbox counts, the directory.
import { errorMessage } from '../../api'
import { statusAfterAward } from '../reducers'
import type { DirectoryStatus } from '../../../../shared/contract'
import type { SliceCreator, StatusSlice } from '../types'

export const createStatusSlice: SliceCreator<StatusSlice> = (api, set, get) => {
  // An answer and main's events travel on different channels: a status asked for before an event can arrive after it.
  // What came since the question is newer than its answer, and wins (a refresh that ended stays ended on screen).
  let statuses = 0
  let directories = 0
  let lastDirectory: DirectoryStatus | null = null
  const applyDirectory = (directory: DirectoryStatus) => {
    directories++
    lastDirectory = directory
    set((s) => (s.status ? { status: { ...s.status, directory } } : {}))
  }
  return {
    status: null,
    statusError: null,
    async loadStatus() {
      const asked = { statuses, directories }
      try {
        const status = await api.getStatus({})
        if (statuses !== asked.statuses) return
        set({ status: directories !== asked.directories && lastDirectory ? { ...status, directory: lastDirectory } : status, statusError: null })
      } catch (e) {
        set({ statusError: errorMessage(e) })
      }
    },
    applyStatus(status) {
      statuses++
      set({ status })
    },
    async directoryAnswer(ask) {
      const asked = directories
      const directory = await ask()
      if (directories === asked) applyDirectory(directory)
    },
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
    applyDirectory,
    countAward: (entry) => set((s) => ({ status: statusAfterAward(s.status, entry) })),
  }
}

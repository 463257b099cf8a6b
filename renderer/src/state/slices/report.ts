// The shift report: today, from local midnight to now.
import { idlePanel, panelFailedWith, panelLoaded, panelLoading } from '../panels'
import { startOfDay } from '../selectors'
import type { ReportSlice, SliceCreator } from '../types'

export const createReportSlice: SliceCreator<ReportSlice> = (api, set, _get, deps) => ({
  report: idlePanel,
  async loadReport() {
    set((s) => ({ report: panelLoading(s.report) }))
    const now = deps.now()
    try {
      set({ report: panelLoaded(await api.shiftReport({ from: startOfDay(now), to: now })) })
    } catch (e) {
      set({ report: panelFailedWith(e) })
    }
  },
})

// The shift report (whole days, today unless the manager picks a range; main reckons it in AIQ's time) and the
// customers recently checked in at this counter.
import { idlePanel, panelFailed, panelFailedWith, panelLoaded, panelLoading } from '../panels'
import { dayOf, reportWindow } from '../report-view'
import { rememberRecent } from '../recent-view'
import type { ReportSlice, SliceCreator } from '../types'

export const createReportSlice: SliceCreator<ReportSlice> = (api, set, get, deps) => ({
  report: idlePanel,
  reportRange: null,
  recent: [],
  rememberCheckIn(c) {
    set((s) => ({ recent: rememberRecent(s.recent, c, deps.now()) }))
  },
  async loadReport(range) {
    const now = deps.now()
    const r = range ?? get().reportRange ?? { fromDay: dayOf(now), toDay: dayOf(now) }
    const window = reportWindow(r.fromDay, r.toDay, now)
    if (!window.ok) return set({ report: panelFailed('invalid_input', window.error) })
    set((s) => ({ report: panelLoading(s.report), reportRange: r }))
    try {
      const report = await api.shiftReport({ from: window.from, to: window.to })
      if (get().reportRange === r) set({ report: panelLoaded(report) })
    } catch (e) {
      if (get().reportRange === r) set({ report: panelFailedWith(e) })
    }
  },
})

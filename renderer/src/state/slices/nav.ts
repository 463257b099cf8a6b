// Which screen and dialog are up, where focus goes back to, and the scanner's prefix character.
import type { NavSlice, SliceCreator } from '../types'

const SCANNER_PREFIX_PREF = 'counter.scannerPrefix'

export const createNavSlice: SliceCreator<NavSlice> = (_api, set, get, deps) => ({
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
  focusCheckIn: () => set((s) => ({ focusTick: s.focusTick + 1 })),
  returnToCheckIn: () => set((s) => ({ screen: 'checkin', dialog: null, focusTick: s.focusTick + 1 })),
  openDialog(dialog) {
    // the slate is clean before the dialog shows (never an old error in it, even for a render)
    get().resetAward()
    get().resetRedemption()
    set({ dialog })
  },
  closeDialog: () => set((s) => ({ dialog: null, focusTick: s.focusTick + 1 })),
  dismissDialog: () => set({ dialog: null }),
})

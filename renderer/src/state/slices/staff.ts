// Who is signed in at the counter (the ID check of a scanned licence is its own slice, ./idcheck.ts).
import { errorMessage } from '../../api'
import type { SliceCreator, StaffSlice } from '../types'

const STILL_HERE_MS = 30_000

export const createStaffSlice: SliceCreator<StaffSlice> = (api, set, get, { now }) => {
  let lastPing = 0
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
        set({ staff })
        get().goTo('checkin')
        get().focusCheckIn()
        return null
      } catch (e) {
        return errorMessage(e)
      }
    },
    async signOutBudtender(opts = {}) {
      // idle: what was on screen (an award half typed) waits behind the sign-in for whoever signs in next
      if (!opts.idle) {
        get().nextCustomer()
        get().forgetIdCheck()
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
    async changeMyPin(oldPin, newPin) {
      try {
        set({ staff: await api.changeMyPin({ oldPin, newPin }) })
        get().setNotice({ tone: 'ok', text: 'Your PIN is changed. Use the new one from now on.' })
        return null
      } catch (e) {
        return errorMessage(e)
      }
    },
    async recoverManagerPin(input) {
      try {
        const staff = await api.recoverManagerPin(input)
        set({ staff })
        get().setNotice({ tone: 'ok', text: `New manager PIN set. ${staff.signedIn?.name ?? 'The manager'} is signed in.` })
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
    askToJoin() {
      // the award dialog goes without taking focus: the Join form is next
      get().dismissDialog()
      set((s) => ({ joinAsked: s.checkin.seq }))
    },
  }
}

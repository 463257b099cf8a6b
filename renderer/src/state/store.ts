// The renderer's store: one zustand vanilla store combined from the slices in ./slices (their shapes in ./types).
// Async work lives in the slices' actions; every state change is a pure reducer or a plain object update. No DOM here.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { CounterClient } from '../api'
import { createAwardSlice } from './slices/award'
import { createCheckInSlice } from './slices/checkin'
import { createCustomerScreenSlice } from './slices/customer-screen'
import { createIdCheckSlice } from './slices/idcheck'
import { createNavSlice } from './slices/nav'
import { createOutboxSlice } from './slices/outbox'
import { createProfileSlice } from './slices/profile'
import { createRedeemSlice } from './slices/redeem'
import { createReportSlice } from './slices/report'
import { createSearchSlice } from './slices/search'
import { createSettingsSlice } from './slices/settings'
import { createSignupSlice } from './slices/signup'
import { createStaffSlice } from './slices/staff'
import { createStatusSlice } from './slices/status'
import type { CounterState, SliceCreator, StoreDeps } from './types'

export type CounterStore = StoreApi<CounterState>

export function createCounterStore(api: CounterClient, deps: StoreDeps): CounterStore {
  return createStore<CounterState>()((set, get) => {
    const slice = <S>(create: SliceCreator<S>): S => create(api, set, get, deps)
    return {
      ...slice(createStatusSlice),
      ...slice(createNavSlice),
      ...slice(createCheckInSlice),
      ...slice(createProfileSlice),
      ...slice(createAwardSlice),
      ...slice(createSignupSlice),
      ...slice(createSearchSlice),
      ...slice(createSettingsSlice),
      ...slice(createReportSlice),
      ...slice(createRedeemSlice),
      ...slice(createOutboxSlice),
      ...slice(createStaffSlice),
      ...slice(createIdCheckSlice),
      ...slice(createCustomerScreenSlice),
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
    api.onCustomerScreenChanged((s) => store.getState().applyCustomerScreen(s)),
  ]
  return () => offs.forEach((off) => off())
}

// React access to the store: a context holding the vanilla store, and a selector hook. Components reach main only
// through the store's actions (the slices own every call, Settings' included: the settings slice adds the pass).
import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { CounterStore } from './store'
import type { CounterState } from './types'

const Ctx = createContext<CounterStore | null>(null)

export function StoreProvider(props: { store: CounterStore; children: ReactNode }) {
  return <Ctx.Provider value={props.store}>{props.children}</Ctx.Provider>
}

function useCtx() {
  const c = useContext(Ctx)
  if (!c) throw new Error('StoreProvider is missing')
  return c
}

export function useCounter<T>(selector: (s: CounterState) => T): T {
  return useStore(useCtx(), selector)
}
/** The store itself, for event handlers that read state without subscribing. */
export const useCounterStore = (): CounterStore => useCtx()

// React access to the store: a context holding the vanilla store, and a selector hook.
import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { CounterClient } from '../api'
import type { CounterStore } from './store'
import type { CounterState } from './types'

const Ctx = createContext<{ store: CounterStore; api: CounterClient } | null>(null)

export function StoreProvider(props: { store: CounterStore; api: CounterClient; children: ReactNode }) {
  return <Ctx.Provider value={{ store: props.store, api: props.api }}>{props.children}</Ctx.Provider>
}

function useCtx() {
  const c = useContext(Ctx)
  if (!c) throw new Error('StoreProvider is missing')
  return c
}

export function useCounter<T>(selector: (s: CounterState) => T): T {
  return useStore(useCtx().store, selector)
}
/** The store itself, for event handlers that read state without subscribing. */
export const useCounterStore = (): CounterStore => useCtx().store
/** The typed client, for screens that call main directly (Queue, Settings). */
export const useApi = (): CounterClient => useCtx().api

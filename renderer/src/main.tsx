import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import type { CounterApi } from '../../shared/contract'
import { createClient } from './api'
import { App } from './App'
import { StoreProvider } from './state/react'
import { connectEvents, createCounterStore } from './state/store'
import './styles.css'

declare global {
  interface Window {
    counter: CounterApi
  }
}

const prefs = {
  get: (key: string) => {
    try {
      return window.localStorage.getItem(key)
    } catch {
      return null
    }
  },
  set: (key: string, value: string) => {
    try {
      window.localStorage.setItem(key, value)
    } catch {
      /* private mode or storage full: remembering the name is a nicety */
    }
  },
}

const api = createClient(window.counter)
const store = createCounterStore(api, { now: () => Date.now(), prefs })
connectEvents(api, store)
void store.getState().loadStatus()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
)

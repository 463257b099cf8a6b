// This counter among the store's counters: its name (the computer's name until a manager sets one), which goes with
// each award's tag into AIQ's note, and whether it is the only counter on its AIQ account.
import { hostname } from 'node:os'
import { CounterSettings } from '../../shared/contract'
import type { Settings } from '../store/settings'

const KEY = 'counter'

export function createCounterService(deps: { settings: Settings; defaultName?: () => string }) {
  const defaultName = () => CounterSettings.shape.name.catch('Counter').parse((deps.defaultName ?? hostname)())
  const get = (): CounterSettings => {
    const saved = deps.settings.get(KEY, CounterSettings.partial(), {})
    return { name: saved.name ?? defaultName(), onlyCounter: saved.onlyCounter ?? false }
  }
  return {
    /** what the sync engine asks before each PUT and reconcile */
    name: () => get().name,
    onlyCounter: () => get().onlyCounter,
    api: {
      getCounter: async (): Promise<CounterSettings> => get(),
      /** the caller has checked the manager's approval (a Settings change) */
      saveCounter: async (next: CounterSettings): Promise<CounterSettings> => {
        deps.settings.set(KEY, CounterSettings.parse(next))
        return get()
      },
    },
  }
}
export type CounterService = ReturnType<typeof createCounterService>

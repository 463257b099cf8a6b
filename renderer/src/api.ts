// The renderer's typed client over window.counter: unwraps each Result, throwing a CounterError on failure.
// Only types come from the contract, so zod never lands in the renderer bundle.
import type { CounterApi, EventName, EventPayload, ListenerName, MethodInput, MethodName, MethodOutput } from '../../shared/contract'
import { CounterError } from '../../shared/errors'

export { CounterError }

export type CounterClient = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>>
} & {
  [E in EventName as ListenerName<E>]: (listener: (payload: EventPayload<E>) => void) => () => void
}

// Exhaustive by type: adding a method to the contract without listing it here fails the typecheck.
const METHODS: Record<MethodName, true> = {
  getStatus: true,
  checkIn: true,
  searchCustomers: true,
  getRewards: true,
  getVisits: true,
  getTimeline: true,
  getRecommendations: true,
  getTraits: true,
  saveTraits: true,
  getOverrides: true,
  saveOverrides: true,
  awardPoints: true,
  signUp: true,
  requestSmsOptIn: true,
  listStores: true,
  shiftReport: true,
  listOutbox: true,
  retryOutboxEntry: true,
  fixOutboxCustomer: true,
  discardOutboxEntry: true,
  testConnection: true,
  saveAccount: true,
  signOut: true,
  useTrainingMode: true,
  refreshDirectory: true,
  clearDirectory: true,
  setDirectoryEnabled: true,
  checkCompatibility: true,
  redeemReward: true,
  retryRedemption: true,
  redemptionReport: true,
  getStaff: true,
  setUpManager: true,
  signInBudtender: true,
  signOutBudtender: true,
  stillHere: true,
  addStaff: true,
  removeStaff: true,
  saveRules: true,
  unlockSettings: true,
  checkId: true,
  overrideIdCheck: true,
}
const LISTENERS: Record<ListenerName<EventName>, true> = { onStatusChanged: true, onOutboxChanged: true, onDirectoryProgress: true, onStaffChanged: true }

const UNREACHABLE = "The app's background service did not answer. Restart the app; if it keeps happening, tell a manager."

export function errorMessage(e: unknown): string {
  return e instanceof CounterError ? e.message : UNREACHABLE
}

export function createClient(raw: CounterApi): CounterClient {
  const client: Record<string, unknown> = {}
  for (const name of Object.keys(METHODS) as MethodName[]) {
    client[name] = async (input: unknown) => {
      let result
      try {
        result = await (raw[name] as (i: unknown) => ReturnType<CounterApi[MethodName]>)(input)
      } catch {
        throw new CounterError('internal', UNREACHABLE)
      }
      if (!result || typeof result !== 'object' || !('ok' in result)) throw new CounterError('internal', UNREACHABLE)
      if (result.ok) return result.value
      throw new CounterError(result.error.code, result.error.message)
    }
  }
  for (const name of Object.keys(LISTENERS) as ListenerName<EventName>[]) {
    client[name] = (listener: (payload: unknown) => void) => (raw[name] as (l: (p: unknown) => void) => () => void)(listener)
  }
  return client as CounterClient
}

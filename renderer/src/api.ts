// The renderer's typed client over window.counter: unwraps each Result, throwing a CounterError on failure.
// Only types and the zod-free names come from the contract, so zod never lands in the renderer bundle.
import type { CounterApi, EventName, EventPayload, ListenerName, MethodInput, MethodName, MethodOutput } from '../../shared/contract'
import { eventNames, listenerName, methodNames } from '../../shared/contract/names'
import { CounterError } from '../../shared/errors'

export { CounterError }

export type CounterClient = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>>
} & {
  [E in EventName as ListenerName<E>]: (listener: (payload: EventPayload<E>) => void) => () => void
}

const UNREACHABLE = "The app's background service did not answer. Restart the app; if it keeps happening, tell a manager."

export function errorMessage(e: unknown): string {
  return e instanceof CounterError ? e.message : UNREACHABLE
}

export function createClient(raw: CounterApi): CounterClient {
  const client: Record<string, unknown> = {}
  for (const name of methodNames) {
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
  for (const name of eventNames.map(listenerName)) {
    client[name] = (listener: (payload: unknown) => void) => (raw[name] as (l: (p: unknown) => void) => () => void)(listener)
  }
  return client as CounterClient
}

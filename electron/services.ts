// The use-cases the UI can ask for, built from their parts. No Electron import: main.ts wires this to IPC,
// the test bridge wires it to loopback HTTP.
import type { EventName, EventPayload, MethodArgs, MethodName, MethodOutput } from '../shared/contract'

export type ServiceApi = { [M in MethodName]: (args: MethodArgs<M>) => Promise<MethodOutput<M>> }

export interface ServiceEvents {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

export interface Services {
  api: ServiceApi
  events: ServiceEvents
  close(): Promise<void>
}

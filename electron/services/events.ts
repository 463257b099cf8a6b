import { events, type EventName, type EventPayload } from '../../shared/contract'

/** What a shell (IPC or the loopback bridge) subscribes to. */
export interface ServiceEvents {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

/** Main -> renderer events. Payloads are checked against the contract before anyone sees them. */
export function createEventHub(): ServiceEvents & {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  /** a payload already checked against the contract off this thread (the background worker's outbox list) */
  emitChecked<E extends EventName>(event: E, payload: EventPayload<E>): void
} {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (payload: unknown) => void)
      listeners.set(event, set)
      return () => set.delete(listener as (payload: unknown) => void)
    },
    emit(event, payload) {
      const checked = events[event].parse(payload)
      for (const l of listeners.get(event) ?? []) l(checked)
    },
    emitChecked(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload)
    },
  }
}
export type EventHub = ReturnType<typeof createEventHub>

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

/**
 * What one part of the counter tells the others, inside main (never sent to the screens). index.ts makes each part
 * after the parts it asks, and a part that must hear of something made later subscribes here once it exists, so no
 * part is wired to one not made yet. Listeners run in the order they subscribed, and a throw stops the rest, as a
 * direct call would.
 */
export type PartEvents = {
  /** the account in use, its key or its connection test changed */
  accountChanged: undefined
  /** an AIQ client answered (any call): the account's id and origin it was made for */
  aiqAnswered: { uid: string; origin: string }
  /** something the header shows moved outside the status itself (AIQ's clock offset, the directory pull) */
  statusMoved: undefined
  /** the outbox changed: the queue screen's list is to be sent again */
  outboxMoved: undefined
}

export function createPartsHub() {
  const listeners = new Map<keyof PartEvents, Array<(payload: never) => void>>()
  return {
    on<E extends keyof PartEvents>(event: E, listener: (payload: PartEvents[E]) => void): void {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as (payload: never) => void])
    },
    emit<E extends keyof PartEvents>(...[event, payload]: PartEvents[E] extends undefined ? [E] : [E, PartEvents[E]]): void {
      for (const l of listeners.get(event) ?? []) (l as (p: PartEvents[E] | undefined) => void)(payload)
    },
  }
}
export type PartsHub = ReturnType<typeof createPartsHub>

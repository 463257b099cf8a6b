import { customerEvents, type CustomerEventName, type CustomerView } from '../../shared/contract'

/** What a shell subscribes to for the customer screen: its one event, checked against its contract. */
export interface CustomerEvents {
  on(event: CustomerEventName, listener: (payload: CustomerView) => void): () => void
}

export function createCustomerHub(): CustomerEvents & { emit(event: CustomerEventName, payload: CustomerView): void } {
  const listeners = new Set<(payload: CustomerView) => void>()
  return {
    on(_event, listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    emit(event, payload) {
      const checked = customerEvents[event].parse(payload)
      for (const l of listeners) l(checked)
    },
  }
}

// A fake window.counter for store tests: each method answers with a Result, as the preload's would.
import type { AppStatus, CounterApi, Customer, EventName, EventPayload, MethodInput, MethodName, MethodOutput, OutboxEntry, Result } from '../../shared/contract'
import { eventNames, listenerName, methodNames } from '../../shared/contract/names'
import { createClient } from '../../renderer/src/api'
import { createCounterStore } from '../../renderer/src/state/store'

type Impl = { [M in MethodName]?: (input: MethodInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M> }

export class Failure extends Error {
  constructor(
    readonly code: 'offline' | 'server_error' | 'invalid_input' | 'not_found',
    message: string,
  ) {
    super(message)
  }
}

export function fakeCounter(impl: Impl) {
  const calls: { method: MethodName; input: unknown }[] = []
  const listeners = new Map<EventName, Set<(p: unknown) => void>>()
  const raw: Record<string, unknown> = {}
  for (const m of methodNames) {
    raw[m] = async (input: unknown): Promise<Result<unknown>> => {
      calls.push({ method: m, input })
      const f = impl[m] as ((i: unknown) => unknown) | undefined
      if (!f) return { ok: false, error: { code: 'internal', message: `${m} not stubbed` } }
      try {
        return { ok: true, value: await f(input) }
      } catch (e) {
        if (e instanceof Failure) return { ok: false, error: { code: e.code, message: e.message } }
        throw e
      }
    }
  }
  const on = (e: EventName) => (l: (p: unknown) => void) => {
    const set = listeners.get(e) ?? new Set()
    listeners.set(e, set)
    set.add(l)
    return () => set.delete(l)
  }
  for (const e of eventNames) raw[listenerName(e)] = on(e)
  const emit = <E extends EventName>(e: E, p: EventPayload<E>) => listeners.get(e)?.forEach((l) => l(p))
  return { raw: raw as CounterApi, calls, emit, listenerCount: (e: EventName) => listeners.get(e)?.size ?? 0 }
}

export function makeStore(impl: Impl, now = Date.UTC(2026, 10, 28, 18, 0)) {
  const fake = fakeCounter(impl)
  const api = createClient(fake.raw)
  const saved = new Map<string, string>()
  const store = createCounterStore(api, { now: () => now, prefs: { get: (k) => saved.get(k) ?? null, set: (k, v) => void saved.set(k, v) } })
  return { ...fake, api, store, saved }
}

/** Lets every pending promise callback run. */
export const settle = () => new Promise((r) => setTimeout(r, 0))

export function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

export const jane: Customer = {
  contactID: 'c-jane',
  firstName: 'Jane',
  lastName: 'Doe',
  phone: '5552010001',
  email: 'jane@example.com',
  srcID: null,
  member: true,
  sms: 'none',
  emailOptIn: false,
  points: 1200,
  pendingPoints: 50,
  failedPoints: 0,
  favoriteStoreID: null,
}
export const sam: Customer = { ...jane, contactID: 'c-sam', firstName: 'Sam', lastName: 'Lee', phone: '5552010002', points: 10, pendingPoints: 0 }

export const status: AppStatus = {
  mode: 'training',
  clockOffsetMs: null,
  uid: '1000',
  baseUrl: null,
  lastConnectionTest: null,
  online: true,
  lastOnlineAt: null,
  outbox: { pending: 2, sending: 1, failed: 0, pendingPoints: 75, otherAccounts: [] },
  syncPaused: null,
  databaseRecovered: null,
  directory: { enabled: true, size: 0, lastFullRefreshAt: null, refresh: { state: 'idle', loaded: 0, total: null, error: null } },
}

export function entry(over: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    id: '01J0000000000000000000000A',
    contactID: 'c-jane',
    phone: null,
    customerName: 'Jane Doe',
    value: 25,
    reason: 'Purchase',
    budtender: 'Alex',
    createdAt: Date.UTC(2026, 10, 28, 17, 0),
    state: 'pending',
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    syncedAt: null,
    discardedBy: null,
    discardReason: null,
    account: 'training:1000',
    otherAccount: false,
    ...over,
  }
}

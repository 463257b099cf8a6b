// An in-memory AIQ that holds adjustments and fails on demand: enough of AiqClient for the sync engine.
import { AiqError } from '../../electron/aiq/errors'
import { createShapeRecorder } from '../../electron/aiq/shapes'
import type { AiqAdjustment, AiqClient } from '../../electron/aiq/types'

export type Call = 'lookupLoyalty' | 'listAdjustments' | 'adjustPoints' | 'listPersonas'
/** what happens to the next call of that kind: throw before doing anything, or apply and then throw */
export type Script = { error: AiqError; apply?: boolean }

/** notes: false = AIQ's adjustment rows carry no note (then reconcile matches by customer, value and time) */
/** holdMs: each PUT waits this long before it leaves (as behind a busy rate limiter) */
export function createFakeAiq(opts: { phones?: Record<string, string>; notes?: boolean; holdMs?: number } = {}) {
  const ledger: AiqAdjustment[] = []
  const calls: { call: Call; at: number }[] = []
  const queued: Record<Call, Script[]> = { lookupLoyalty: [], listAdjustments: [], adjustPoints: [], listPersonas: [] }
  let down: AiqError | null = null
  /** contacts whose every adjustment fails (a poisoned row) */
  const poisoned = new Map<string, AiqError>()
  const phones = opts.phones ?? {}

  const enter = (call: Call): Script | undefined => {
    calls.push({ call, at: Date.now() })
    if (down) throw down
    return queued[call].shift()
  }
  const notUsed = () => Promise.reject(new Error('not used by the sync engine'))

  const client: AiqClient = {
    uid: '1234',
    origin: 'https://lab.alpineiq.com',
    shapes: createShapeRecorder(),
    // this fake stamps its rows with the process's clock: its time is the counter's
    time: { now: () => Date.now(), observe: () => {}, observeRow: () => {}, mono: () => performance.now(), offsetMs: () => 0, anchored: () => true },
    derive: () => client,
    async lookupLoyalty(pii) {
      const s = enter('lookupLoyalty')
      if (s) throw s.error
      const contactID = phones[pii]
      return contactID ? { loyalty: true, optedIn: false, contactID } : { loyalty: false, optedIn: false }
    },
    async listAdjustments(startSec, endSec) {
      const s = enter('listAdjustments')
      if (s) throw s.error
      const rows = ledger.filter((a) => a.ts !== null && a.ts >= startSec && a.ts <= endSec)
      return opts.notes === false ? rows.map((a) => ({ ...a, note: null, hasNote: false })) : rows
    },
    async adjustPoints(contactID, body, o) {
      // like a rate limiter holding the PUT back before it leaves
      if (opts.holdMs) await new Promise((r) => setTimeout(r, opts.holdMs))
      o?.onSend?.()
      const s = enter('adjustPoints')
      const poison = poisoned.get(contactID)
      if (poison) throw poison
      if (s && !s.apply) throw s.error
      ledger.push(adjustment({ contactID, value: body.value, note: body.note }))
      if (s) throw s.error
      return { loyaltyPoints: 0 }
    },
    async listPersonas(q = {}) {
      const s = enter('listPersonas')
      if (s) throw s.error
      const contactID = q.search ? phones[q.search] : undefined
      const results = contactID ? [{ contactID, mobilePhone: q.search }] : []
      return { results, start: 0, limit: q.limit ?? 100, size: results.length, total: results.length }
    },
    getPersona: notUsed,
    signUp: notUsed,
    getOverrides: notUsed,
    setOverrides: notUsed,
    setSmsOptIn: notUsed,
    getPersonaBySrcId: notUsed,
    getTraits: notUsed,
    addTraits: notUsed,
    replaceTraits: notUsed,
    getOrders: notUsed,
    getTimeline: notUsed,
    getRecommendations: notUsed,
    getWallet: notUsed,
    listStores: notUsed,
    redeem: notUsed,
    listRedemptions: notUsed,
  }
  return {
    client,
    ledger,
    calls,
    count: (call: Call) => calls.filter((c) => c.call === call).length,
    /** the next `times` calls of that kind behave as scripted */
    fail(call: Call, error: AiqError, times = 1, apply = false) {
      for (let i = 0; i < times; i++) queued[call].push({ error, apply })
    },
    /** every adjustment for this contact fails with `error` */
    poison(contactID: string, error: AiqError) {
      poisoned.set(contactID, error)
    },
    /** every call fails with `error` until called with null */
    setDown(error: AiqError | null) {
      down = error
    },
  }
}

/** An AIQ adjustment row as the client reads it. */
export const adjustment = (over: Partial<AiqAdjustment> & Pick<AiqAdjustment, 'contactID' | 'value'>): AiqAdjustment => ({
  note: null,
  hasNote: true,
  ts: Math.floor(Date.now() / 1000),
  mobilePhone: null,
  email: null,
  firstName: null,
  lastName: null,
  ...over,
})

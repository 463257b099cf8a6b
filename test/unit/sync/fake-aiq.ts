// An in-memory AIQ that holds adjustments and fails on demand: enough of AiqClient for the sync engine.
import { AiqError } from '../../../electron/aiq/errors'
import type { Adjustment, AiqClient } from '../../../electron/aiq/types'

export type Call = 'lookupLoyalty' | 'listAdjustments' | 'adjustPoints'
/** what happens to the next call of that kind: throw before doing anything, or apply and then throw */
export type Script = { error: AiqError; apply?: boolean }

export function createFakeAiq(opts: { phones?: Record<string, string> } = {}) {
  const ledger: Adjustment[] = []
  const calls: { call: Call; at: number }[] = []
  const queued: Record<Call, Script[]> = { lookupLoyalty: [], listAdjustments: [], adjustPoints: [] }
  let down: AiqError | null = null
  const phones = opts.phones ?? {}

  const enter = (call: Call): Script | undefined => {
    calls.push({ call, at: Date.now() })
    if (down) throw down
    return queued[call].shift()
  }
  const notUsed = () => Promise.reject(new Error('not used by the sync engine'))

  const client: AiqClient = {
    uid: '1234',
    async lookupLoyalty(pii) {
      const s = enter('lookupLoyalty')
      if (s) throw s.error
      const contactID = phones[pii]
      return contactID ? { loyalty: true, optedIn: false, contactID } : { loyalty: false, optedIn: false }
    },
    async listAdjustments(startSec, endSec) {
      const s = enter('listAdjustments')
      if (s) throw s.error
      return ledger.filter((a) => a.ts >= startSec && a.ts <= endSec)
    },
    async adjustPoints(contactID, body) {
      const s = enter('adjustPoints')
      if (s && !s.apply) throw s.error
      ledger.push({ contactID, value: body.value, note: body.note, ts: Math.floor(Date.now() / 1000) })
      if (s) throw s.error
      return { loyaltyPoints: 0 }
    },
    listPersonas: notUsed,
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
    /** every call fails with `error` until called with null */
    setDown(error: AiqError | null) {
      down = error
    },
  }
}

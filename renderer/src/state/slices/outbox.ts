// The awards main keeps until AIQ has them: the list its events replace.
import { failedPointsFor, mergeOutbox, unsyncedPointsFor } from '../reducers'
import type { OutboxSlice, SliceCreator } from '../types'

export const createOutboxSlice: SliceCreator<OutboxSlice> = (api, set, get) => ({
  outbox: [],
  applyOutbox(entries) {
    set({ outbox: mergeOutbox([], entries) })
    // An award for the customer on screen reached AIQ (or was discarded): their balance on screen is stale.
    const { checkin } = get()
    const r = checkin.result
    if (r?.kind !== 'customer' || r.source !== 'live') return
    if (unsyncedPointsFor(entries, r.customer) === r.customer.pendingPoints && failedPointsFor(entries, r.customer) === (r.customer.failedPoints ?? 0)) return
    void api
      .checkIn({ input: r.customer.contactID })
      .then((fresh) => {
        if (get().checkin.seq !== checkin.seq || fresh.kind !== 'customer' || fresh.customer.contactID !== r.customer.contactID) return
        set({ checkin: { ...get().checkin, result: fresh } })
        void get().loadPanel('timeline')
      })
      .catch(() => undefined) // the next check-in shows it; the card keeps its last known balance meanwhile
  },
})

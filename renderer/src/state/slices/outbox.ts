// The awards main keeps until AIQ has them: the list its events replace, and the Queue screen's load and actions
// (Retry now, Fix customer, Discard).
import { errorMessage } from '../../api'
import type { OutboxEntry } from '../../../../shared/contract'
import { formatSignedPoints } from '../../../../shared/points'
import { customerLabel, QUEUE_STATES } from '../queue-view'
import { failedPointsFor, mergeOutbox, unsyncedPointsFor } from '../reducers'
import type { OutboxSlice, SliceCreator } from '../types'

const freshQueue = { loading: true, problem: null, notice: null, retrying: null }

export const createOutboxSlice: SliceCreator<OutboxSlice> = (api, set, get) => {
  // main's events counted while the Queue is up: an answer is only shown if no event came in meanwhile (an event may
  // be newer). Each time the Queue comes up is a new visit; what an earlier visit's answers say is not shown.
  let events = 0
  let visit = 0
  const setQueue = (v: number, q: Partial<OutboxSlice['queue']>) => v === visit && set((s) => ({ queue: { ...s.queue, ...q } }))

  /**
   * Runs a queue action and shows its outcome. The answer and main's events travel on different channels, so an
   * event may already have shown something newer: then the queue and the status are asked for again instead.
   */
  async function act(action: () => Promise<OutboxEntry>, text: (e: OutboxEntry) => string, retry = false) {
    const v = visit
    const seen = events
    const entry = await action()
    setQueue(v, { notice: text(entry), retrying: retry ? { id: entry.id, label: `${customerLabel(entry)} (${formatSignedPoints(entry.value)})` } : null })
    if (events === seen) get().updateOutbox([entry])
    try {
      const again = events
      const [{ entries }, status] = await Promise.all([api.listOutbox({ states: [...QUEUE_STATES] }), api.getStatus({})])
      if (events === again) {
        get().applyOutbox(entries)
        get().applyStatus(status)
      }
    } catch {
      /* the next event brings it */
    }
  }
  const refusal = (run: Promise<void>) => run.then(() => null, (e: unknown) => errorMessage(e))

  return {
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
          get().updateResult(() => fresh)
          void get().loadPanel('timeline')
        })
        .catch(() => undefined) // the next check-in shows it; the card keeps its last known balance meanwhile
    },

    updateOutbox: (entries) => set((s) => ({ outbox: mergeOutbox(s.outbox, entries) })),

    queue: freshQueue,
    openQueue() {
      const v = ++visit
      set({ queue: freshQueue })
      const bump = () => void events++
      const offs = [api.onOutboxChanged(bump), api.onStatusChanged(bump)]
      const seen = events
      api
        .listOutbox({ states: [...QUEUE_STATES] })
        .then(({ entries }) => v === visit && events === seen && get().updateOutbox(entries))
        .catch((e: unknown) => setQueue(v, { problem: errorMessage(e) }))
        .finally(() => setQueue(v, { loading: false }))
      return () => {
        offs.forEach((off) => off())
        if (v !== visit) return
        visit++
        set({ queue: freshQueue })
      }
    },
    clearQueueProblem: () => setQueue(visit, { problem: null }),
    async retryQueued(entry) {
      const v = visit
      setQueue(v, { problem: null })
      try {
        await act(() => api.retryOutboxEntry({ id: entry.id }), (e) => `Trying ${customerLabel(e)} (${formatSignedPoints(e.value)}) again now.`, true)
      } catch (e) {
        setQueue(v, { problem: errorMessage(e) })
      }
    },
    fixQueuedCustomer: (input) => refusal(act(() => api.fixOutboxCustomer(input), (e) => `${customerLabel(e)} fixed — it will sync now.`)),
    discardQueued: (input) =>
      refusal(act(() => api.discardOutboxEntry(input), (e) => `Discarded ${customerLabel(e)} (${formatSignedPoints(e.value)}). Recorded with the reason.`)),
  }
}

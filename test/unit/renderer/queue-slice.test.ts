// The Queue screen's load and actions, as the outbox slice runs them: what the budtender sees after Retry now, Fix
// customer and Discard, and that an answer older than main's last event never replaces what the event showed.
import { describe, expect, it } from 'vitest'
import { deferred, entry, Failure, makeStore, settle, status } from '../../support/fake-api'

const failed = entry({ state: 'failed', attempts: 1, lastError: 'HTTP 400' })
const fresh = { entries: [failed] }

describe('the queue screen', () => {
  it('coming up loads the queue; until then it is loading, and a failed load says why', async () => {
    const { store, calls } = makeStore({ listOutbox: () => fresh })
    const close = store.getState().openQueue()
    expect(store.getState().queue.loading).toBe(true)
    await settle()
    expect(store.getState().queue).toEqual({ loading: false, problem: null, notice: null, retrying: null })
    expect(store.getState().outbox).toEqual([failed])
    expect(calls.find((c) => c.method === 'listOutbox')?.input).toEqual({ states: ['pending', 'sending', 'failed'] })
    close()

    const broken = makeStore({ listOutbox: () => Promise.reject(new Failure('server_error', 'The counter could not read its queue.')) })
    broken.store.getState().openQueue()
    await settle()
    expect(broken.store.getState().queue).toEqual({ loading: false, problem: 'The counter could not read its queue.', notice: null, retrying: null })
  })

  it('a load that answers after one of main’s events is dropped (the event is newer); after leaving, nothing shows', async () => {
    const slow = deferred<{ entries: ReturnType<typeof entry>[] }>()
    const { store, emit } = makeStore({ listOutbox: () => slow.promise })
    const close = store.getState().openQueue()
    emit('outboxChanged', { entries: [] })
    slow.resolve(fresh)
    await settle()
    expect(store.getState().outbox).toEqual([])

    close()
    expect(store.getState().queue).toEqual({ loading: true, problem: null, notice: null, retrying: null })
  })

  it('Retry now: says it is trying, shows the answer at once, then asks main for the queue and the counts again', async () => {
    const sending = { ...failed, state: 'sending' as const }
    const { store, calls } = makeStore({ listOutbox: () => ({ entries: [sending] }), retryOutboxEntry: () => sending, getStatus: () => status })
    store.getState().openQueue()
    await settle()
    await store.getState().retryQueued(failed)
    expect(store.getState().queue.notice).toBe('Trying Jane Doe (+25) again now.')
    expect(store.getState().outbox).toEqual([sending])
    expect(store.getState().status).toEqual(status)
    expect(calls.filter((c) => c.method === 'listOutbox')).toHaveLength(2)
  })

  it('Retry now refused by main: the reason shows as the problem; opening a dialog clears it', async () => {
    const { store } = makeStore({ listOutbox: () => fresh, retryOutboxEntry: () => Promise.reject(new Failure('not_found', 'That award is no longer in the queue.')) })
    store.getState().openQueue()
    await settle()
    await store.getState().retryQueued(failed)
    expect(store.getState().queue.problem).toBe('That award is no longer in the queue.')
    store.getState().clearQueueProblem()
    expect(store.getState().queue.problem).toBeNull()
  })

  it('an action’s answer that arrives after one of main’s events does not replace what the event showed', async () => {
    const answer = deferred<ReturnType<typeof entry>>()
    const { store, emit } = makeStore({ listOutbox: () => Promise.reject(new Failure('offline', 'x')), retryOutboxEntry: () => answer.promise, getStatus: () => status })
    store.getState().openQueue()
    await settle()
    const retried = store.getState().retryQueued(failed)
    const synced = { ...failed, state: 'synced' as const }
    emit('outboxChanged', { entries: [synced] })
    store.getState().applyOutbox([synced])
    answer.resolve({ ...failed, state: 'sending' })
    await retried
    expect(store.getState().outbox).toEqual([synced])
  })

  it('Fix customer and Discard resolve with main’s refusal for the dialog, or with nothing and a notice', async () => {
    const byPhone = entry({ contactID: null, phone: '3035550199', customerName: '', state: 'failed' })
    let refuse = true
    const { store, calls } = makeStore({
      listOutbox: () => ({ entries: [] }),
      getStatus: () => status,
      fixOutboxCustomer: ({ customer }) => {
        if (refuse) throw new Failure('invalid_input', 'Ask a manager to type their 4-digit PIN.')
        return { ...byPhone, ...customer, customerName: 'Maya Lopez', state: 'pending' }
      },
      discardOutboxEntry: ({ reason }) => ({ ...failed, state: 'discarded', discardReason: reason, discardedBy: 'Alex' }),
    })
    store.getState().openQueue()
    await settle()

    const fix = { id: byPhone.id, customer: { phone: '3035550100' }, customerName: 'Maya Lopez' }
    await expect(store.getState().fixQueuedCustomer(fix)).resolves.toBe('Ask a manager to type their 4-digit PIN.')
    expect(store.getState().queue.notice).toBeNull()
    refuse = false
    await expect(store.getState().fixQueuedCustomer(fix)).resolves.toBeNull()
    expect(store.getState().queue.notice).toBe('Maya Lopez fixed — it will sync now.')

    await expect(store.getState().discardQueued({ id: failed.id, reason: 'Entered twice' })).resolves.toBeNull()
    expect(store.getState().queue.notice).toBe('Discarded Jane Doe (+25). Recorded with the reason.')
    expect(calls.find((c) => c.method === 'discardOutboxEntry')?.input).toEqual({ id: failed.id, reason: 'Entered twice' })
  })

  it('an action that finishes after the screen was left shows no notice when the queue comes up again', async () => {
    const answer = deferred<ReturnType<typeof entry>>()
    const { store } = makeStore({ listOutbox: () => ({ entries: [] }), getStatus: () => status, retryOutboxEntry: () => answer.promise })
    const close = store.getState().openQueue()
    await settle()
    const retried = store.getState().retryQueued(failed)
    close()
    store.getState().openQueue()
    answer.resolve(failed)
    await retried
    expect(store.getState().queue.notice).toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import type { CheckInResult, RedemptionEntry } from '../../../shared/contract'
import { CounterError, createClient } from '../../../renderer/src/api'
import { connectEvents } from '../../../renderer/src/state/store'
import { pendingAwardCount, sourceLabel } from '../../../renderer/src/state/selectors'
import { deferred, entry, Failure, fakeCounter, jane, makeStore, sam, settle, status } from '../../support/fake-api'

const found = (c = jane): CheckInResult => ({ kind: 'customer', customer: c, source: 'live', asOf: 1 })
const panelsFor = {
  getRewards: () => ({ points: 1200, hidePoints: false, rewards: [] }),
  getVisits: () => ({ visits: [] }),
  getTimeline: () => ({ events: [] }),
  getRecommendations: () => ({
    products: [
      { rank: 2, name: 'Second', brand: null, category: null },
      { rank: 1, name: 'First', brand: null, category: null },
    ],
  }),
  getTraits: () => ({ traits: [{ key: 'tier', value: 'gold' }] }),
  getOverrides: () => ({ overrides: { firstName: 'Janie' } }),
}

describe('typed client', () => {
  it('unwraps a success and throws a CounterError with the code and message on failure', async () => {
    const fake = fakeCounter({ getStatus: () => status, checkIn: () => Promise.reject(new Failure('offline', 'AIQ cannot be reached.')) })
    const api = createClient(fake.raw)
    await expect(api.getStatus({})).resolves.toEqual(status)
    const err = await api.checkIn({ input: '5552010001' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(CounterError)
    expect(err).toMatchObject({ code: 'offline', message: 'AIQ cannot be reached.' })
  })

  it('turns a broken bridge (a thrown call) into an actionable internal error, not a stack trace', async () => {
    const fake = fakeCounter({})
    ;(fake.raw as unknown as Record<string, unknown>).getStatus = () => Promise.reject(new TypeError('fetch failed'))
    const err = await createClient(fake.raw).getStatus({}).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'internal' })
    expect((err as Error).message).toMatch(/Restart the app/)
  })

  it('passes events through and unsubscribes', () => {
    const fake = fakeCounter({})
    const { store } = makeStore({})
    const off = connectEvents(createClient(fake.raw), store)
    fake.emit('statusChanged', status)
    expect(pendingAwardCount(store.getState().status)).toBe(3)
    fake.emit('outboxChanged', { entries: [entry()] })
    expect(store.getState().outbox).toHaveLength(1)
    off()
    expect(fake.listenerCount('statusChanged')).toBe(0)
  })
})

describe('main’s status: an answer that comes after a newer event does not undo it', () => {
  const running = { ...status.directory, refresh: { state: 'running' as const, loaded: 0, total: null, error: null }, lastFullRefreshAt: null }
  const ended = { ...status.directory, refresh: { state: 'idle' as const, loaded: 240, total: 240, error: null }, lastFullRefreshAt: 5 }

  it('a refresh that ended while the status was being asked for stays ended on screen', async () => {
    const answer = deferred<typeof status>()
    const { store, raw, emit } = makeStore({ getStatus: () => answer.promise })
    connectEvents(createClient(raw), store)
    const loading = store.getState().loadStatus()
    emit('directoryProgress', ended) // the pull ended: main's event comes before the (older) answer
    answer.resolve({ ...status, directory: running })
    await loading
    expect(store.getState().status?.directory).toEqual(ended)
  })

  it('a whole status event while it was asked for wins over the answer', async () => {
    const answer = deferred<typeof status>()
    const { store, raw, emit } = makeStore({ getStatus: () => answer.promise })
    connectEvents(createClient(raw), store)
    const loading = store.getState().loadStatus()
    emit('statusChanged', { ...status, online: false })
    answer.resolve({ ...status, online: true })
    await loading
    expect(store.getState().status?.online).toBe(false)
  })

  it('Refresh now’s answer (running) does not undo the event that says the refresh already ended', async () => {
    const { store, raw, emit } = makeStore({ getStatus: () => status })
    connectEvents(createClient(raw), store)
    await store.getState().loadStatus()
    const answer = deferred<typeof running>()
    const asking = store.getState().directoryAnswer(() => answer.promise)
    emit('directoryProgress', ended)
    answer.resolve(running)
    await asking
    expect(store.getState().status?.directory).toEqual(ended)
  })
})

describe('the award dialog’s “Recently awarded”', () => {
  const recent = { awards: [{ value: 25, counter: 'Front', by: 'Alex', at: 1, thisCounter: true }], now: 2, aiqChecked: true }
  it('stays when the same customer’s card is refreshed while it loads (their award just synced)', async () => {
    const answer = deferred<typeof recent>()
    const { store } = makeStore({ checkIn: () => found(), recentAwards: () => answer.promise })
    await store.getState().checkIn('5552010001')
    const loading = store.getState().loadRecentAwards()
    store.getState().updateResult(() => found({ ...jane, points: jane.points + 25 })) // the card, fresh from AIQ
    answer.resolve(recent)
    await loading
    expect(store.getState().recentAwards).toEqual(recent)
  })
  it('is dropped when another customer was checked in while it loaded', async () => {
    const answer = deferred<typeof recent>()
    const { store } = makeStore({ checkIn: () => found(), recentAwards: () => answer.promise })
    await store.getState().checkIn('5552010001')
    const loading = store.getState().loadRecentAwards()
    await store.getState().checkIn('5552010002')
    answer.resolve(recent)
    await loading
    expect(store.getState().recentAwards).toBeNull()
  })
})

describe('check-in and profile', () => {
  it('a found customer is shown, and every panel loads for them', async () => {
    const { store, calls } = makeStore({ checkIn: () => found(), ...panelsFor })
    await store.getState().checkIn('5552010001')
    await settle()
    const s = store.getState()
    expect(s.checkin.result).toEqual(found())
    expect(calls.map((c) => c.method).sort()).toEqual(['checkIn', 'checkInFromDirectory', 'getOverrides', 'getRecommendations', 'getRewards', 'getTimeline', 'getTraits', 'getVisits'])
    expect(Object.values(s.panels).map((p) => p.state)).toEqual(Array(6).fill('loaded'))
    expect(s.panels.recommendations).toMatchObject({ data: [{ name: 'First' }, { name: 'Second' }] })
  })

  it('one panel failing leaves the others alone, and Retry loads it', async () => {
    let visitsFail = true
    const { store } = makeStore({
      checkIn: () => found(),
      ...panelsFor,
      getVisits: () => (visitsFail ? Promise.reject(new Failure('server_error', 'AIQ had a problem. Try again.')) : { visits: [] }),
    })
    await store.getState().checkIn('5552010001')
    await settle()
    expect(store.getState().panels.visits).toEqual({ state: 'failed', code: 'server_error', error: 'AIQ had a problem. Try again.' })
    expect(store.getState().panels.timeline.state).toBe('loaded')
    visitsFail = false
    await store.getState().loadPanel('visits')
    expect(store.getState().panels.visits).toEqual({ state: 'loaded', data: [] })
  })

  it('an answer for an earlier check-in never replaces the customer now at the counter', async () => {
    const slow = deferred<CheckInResult>()
    const { store } = makeStore({ checkIn: ({ input }) => (input === 'first' ? slow.promise : found(sam)), ...panelsFor })
    const first = store.getState().checkIn('first')
    await store.getState().checkIn('second')
    slow.resolve(found(jane))
    await first
    expect(store.getState().checkin.result).toEqual(found(sam))
  })

  it("a panel that answers after the next customer was checked in is dropped", async () => {
    const visits = deferred<{ visits: never[] }>()
    let n = 0
    const { store } = makeStore({ checkIn: () => found(n++ === 0 ? jane : sam), ...panelsFor, getVisits: () => (n === 1 ? visits.promise : { visits: [] }) })
    await store.getState().checkIn('jane')
    await store.getState().checkIn('sam')
    await settle()
    visits.resolve({ visits: [{ at: 1, storeName: 'Jane’s store', total: 1, items: [] }] as never[] })
    await settle()
    expect(store.getState().panels.visits).toEqual({ state: 'loaded', data: [] })
  })

  it("this counter's copy is on screen while AIQ is asked; AIQ's answer replaces it and the panels already asked stay", async () => {
    const aiq = deferred<CheckInResult>()
    const copy = { ...jane, points: 900 }
    const { store, calls } = makeStore({ checkIn: () => aiq.promise, checkInFromDirectory: () => ({ hit: { customer: copy, asOf: 5 } }), ...panelsFor })
    const done = store.getState().checkIn('5552010001')
    await settle()
    expect(store.getState().checkin).toMatchObject({ state: 'done', askingAiq: true, result: { source: 'directory', customer: { points: 900 } } })
    expect(sourceLabel(store.getState().checkin.result!, (ms) => `t${ms}`, true)).toBe("From this counter's copy (t5) — asking AIQ…")
    await settle()
    // the panels (the wallet too) are asked beside AIQ's lookup, not after it
    expect(calls.filter((c) => c.method === 'getRewards')).toHaveLength(1)
    aiq.resolve(found())
    await done
    await settle()
    expect(store.getState().checkin).toMatchObject({ state: 'done', askingAiq: false, result: found() })
    expect(calls.filter((c) => c.method === 'getVisits')).toHaveLength(1)
    expect(store.getState().panels.visits.state).toBe('loaded')
  })

  it("AIQ naming someone else than the copy (the number changed hands) loads that customer's panels", async () => {
    const aiq = deferred<CheckInResult>()
    const { store, calls } = makeStore({ checkIn: () => aiq.promise, checkInFromDirectory: () => ({ hit: { customer: jane, asOf: 5 } }), ...panelsFor })
    const done = store.getState().checkIn('5552010001')
    await settle()
    aiq.resolve(found(sam))
    await done
    await settle()
    expect(store.getState().checkin.result).toEqual(found(sam))
    expect(calls.filter((c) => c.method === 'getVisits').map((c) => c.input)).toEqual([{ contactID: jane.contactID }, { contactID: sam.contactID }])
  })

  it('AIQ failing while the copy is on screen keeps the copy and says so; an answer AIQ gives first wins', async () => {
    const aiq = deferred<CheckInResult>()
    const { store } = makeStore({ checkIn: () => aiq.promise, checkInFromDirectory: () => ({ hit: { customer: jane, asOf: 5 } }), ...panelsFor })
    const done = store.getState().checkIn('5552010001')
    await settle()
    aiq.reject(new Failure('server_error', 'AIQ had a problem. Try again.'))
    await done
    expect(store.getState().checkin).toMatchObject({ state: 'done', askingAiq: false, result: { source: 'directory', customer: { contactID: jane.contactID } } })
    expect(store.getState().notice).toEqual({ tone: 'warn', text: 'AIQ did not answer: AIQ had a problem. Try again.' })

    const slow = deferred<{ hit: null }>()
    const second = makeStore({ checkIn: () => found(sam), checkInFromDirectory: () => slow.promise as never, ...panelsFor })
    await second.store.getState().checkIn('5552010002')
    slow.resolve({ hit: { customer: jane, asOf: 5 } } as never)
    await settle()
    expect(second.store.getState().checkin).toMatchObject({ result: found(sam), askingAiq: false })
  })

  it('a customer without a phone: rewards say so without asking main (the persona is not read again to learn it)', async () => {
    const { store, calls } = makeStore({ checkIn: () => found({ ...jane, phone: null }), ...panelsFor })
    await store.getState().checkIn('POS-77812')
    await settle()
    expect(calls.some((c) => c.method === 'getRewards')).toBe(false)
    expect(store.getState().panels.rewards).toMatchObject({ state: 'failed', code: 'not_found', error: 'This customer has no phone number in AIQ, so their rewards wallet cannot be opened.' })
    expect(store.getState().panels.visits).toMatchObject({ state: 'loaded' })
  })

  it('offline (from the directory): rewards say they need AIQ, without asking', async () => {
    const { store, calls } = makeStore({ checkIn: () => ({ ...found(), source: 'directory' }), ...panelsFor })
    await store.getState().checkIn('5552010001')
    await settle()
    expect(calls.some((c) => c.method === 'getRewards')).toBe(false)
    expect(store.getState().panels.rewards).toMatchObject({ state: 'failed', code: 'offline' })
  })

  it('a failed check-in keeps the input for Try again and says what went wrong', async () => {
    const { store } = makeStore({ checkIn: () => Promise.reject(new Failure('offline', 'AIQ cannot be reached and this phone is not cached.')) })
    await store.getState().checkIn('5552010001')
    expect(store.getState().checkin).toMatchObject({ state: 'failed', input: '5552010001', error: 'AIQ cannot be reached and this phone is not cached.' })
  })

  it('an unknown phone online loads the stores for the signup form', async () => {
    const { store } = makeStore({
      checkIn: () => ({ kind: 'unknown', phone: '5559990000', input: '5559990000', offline: false }),
      listStores: () => ({ stores: [{ id: 7, name: 'Downtown' }] }),
    })
    await store.getState().checkIn('5559990000')
    await settle()
    expect(store.getState().stores).toEqual({ state: 'loaded', data: [{ id: 7, name: 'Downtown' }] })
  })

  it('every check-in returns focus to the field and clears it; Next customer clears the profile', async () => {
    const { store } = makeStore({ checkIn: () => found(), ...panelsFor })
    store.getState().setDraft('5552010001')
    const tick = store.getState().focusTick
    await store.getState().checkIn('5552010001')
    expect(store.getState().draft).toBe('')
    expect(store.getState().focusTick).toBeGreaterThan(tick)
    store.getState().nextCustomer()
    expect(store.getState().checkin.result).toBeNull()
  })
})

describe('scanner prefix', () => {
  it('is remembered; only a single character counts, anything else turns it off', () => {
    const { store, saved } = makeStore({})
    expect(store.getState().scannerPrefix).toBeNull()
    store.getState().setScannerPrefix('~')
    expect(store.getState().scannerPrefix).toBe('~')
    expect(saved.get('counter.scannerPrefix')).toBe('~')
    store.getState().setScannerPrefix('ab')
    expect(store.getState().scannerPrefix).toBeNull()
  })
})

describe('awards', () => {
  it('once on disk: pending count up at once, profile shows the pending points, dialog closed; who awarded is main’s to record', async () => {
    const saved = entry({ value: 40 })
    const { store, calls, saved: prefs } = makeStore({ checkIn: () => found(), ...panelsFor, awardPoints: () => saved, getStatus: () => status })
    await store.getState().checkIn('5552010001')
    store.getState().applyStatus({ ...status, outbox: { pending: 0, sending: 0, failed: 0, pendingPoints: 0, otherAccounts: [] } })
    store.getState().openDialog({ kind: 'award', direction: 'award' })
    const ok = store.getState().awardPoints({ value: 40, reason: 'Purchase' })
    await expect(ok).resolves.toBe(true)
    const s = store.getState()
    // no name from the screen: main takes the signed-in budtender (issue 13)
    expect(calls.find((c) => c.method === 'awardPoints')?.input).toEqual({ customer: { contactID: 'c-jane', phone: '5552010001' }, customerName: 'Jane Doe', value: 40, reason: 'Purchase' })
    expect(s.dialog).toBeNull()
    expect(s.notice?.text).toMatch(/^Saved — will sync/)
    expect(s.checkin.result).toMatchObject({ customer: { pendingPoints: 90 } })
    expect(s.outbox.map((e) => e.id)).toEqual([saved.id])
  })

  it('the pending count moves before main’s status answers', async () => {
    const never = deferred<typeof status>()
    const { store } = makeStore({ checkIn: () => found(), ...panelsFor, awardPoints: () => entry(), getStatus: () => never.promise })
    await store.getState().checkIn('5552010001')
    store.getState().applyStatus({ ...status, outbox: { pending: 0, sending: 0, failed: 0, pendingPoints: 0, otherAccounts: [] } })
    await store.getState().awardPoints({ value: 25, reason: 'Purchase', budtender: 'Alex' })
    expect(pendingAwardCount(store.getState().status)).toBe(1)
  })

  it('a failed save keeps the dialog open with the reason', async () => {
    const { store } = makeStore({ checkIn: () => found(), ...panelsFor, awardPoints: () => Promise.reject(new Failure('invalid_input', 'points must not be zero')) })
    await store.getState().checkIn('5552010001')
    store.getState().openDialog({ kind: 'award', direction: 'award' })
    await expect(store.getState().awardPoints({ value: 0, reason: 'x', budtender: 'A' })).resolves.toBe(false)
    expect(store.getState().dialog).not.toBeNull()
    expect(store.getState().award).toEqual({ state: 'failed', error: 'points must not be zero' })
  })

  it('a dialog opens clean (no old reason or redemption in it); Join loyalty from it closes it without taking focus', async () => {
    const { store } = makeStore({ checkIn: () => found(), ...panelsFor, awardPoints: () => Promise.reject(new Failure('invalid_input', 'no')), redeemReward: () => Promise.reject(new Failure('offline', 'off')) })
    await store.getState().checkIn('5552010001')
    store.getState().openDialog({ kind: 'award', direction: 'award' })
    await store.getState().awardPoints({ value: 5, reason: 'x' })
    store.getState().openDialog({ kind: 'redeem', rewardId: 'rw-5off' })
    expect(store.getState().award).toEqual({ state: 'idle', error: null })
    await store.getState().redeemReward({ rewardId: 'rw-5off', posTransactionId: 'T' })
    store.getState().openDialog({ kind: 'award', direction: 'deduct' })
    expect(store.getState().redeem).toEqual({ state: 'idle', result: null, error: null })
    const tick = store.getState().focusTick
    store.getState().askToJoin()
    expect(store.getState()).toMatchObject({ dialog: null, focusTick: tick, joinAsked: store.getState().checkin.seq })
  })

  it('an unknown phone offline is awarded by phone', async () => {
    const { store, calls } = makeStore({
      checkIn: () => ({ kind: 'unknown', phone: '5559990000', input: '5559990000', offline: true }),
      awardPoints: () => entry({ contactID: null, phone: '5559990000' }),
      getStatus: () => status,
    })
    await store.getState().checkIn('5559990000')
    await store.getState().awardPoints({ value: 10, reason: 'Purchase', budtender: 'Alex' })
    expect(calls.find((c) => c.method === 'awardPoints')?.input).toMatchObject({ customer: { phone: '5559990000' }, customerName: '' })
  })
})

describe('signup, consent, attributes, overrides', () => {
  it('signing up shows the new customer and what happened to SMS', async () => {
    const { store } = makeStore({
      checkIn: () => ({ kind: 'unknown', phone: '5559990000', input: '5559990000', offline: false }),
      listStores: () => ({ stores: [] }),
      signUp: () => ({ customer: { ...jane, firstName: 'Ana', contactID: 'c-ana' }, sms: 'opted_out_kept' }),
      ...panelsFor,
    })
    await store.getState().checkIn('5559990000')
    const ok = await store.getState().signUp({ firstName: 'Ana', phone: '5559990000', loyalty: true, sms: 'none' })
    expect(ok).toBe(true)
    expect(store.getState().checkin.result).toMatchObject({ kind: 'customer', customer: { contactID: 'c-ana' } })
    expect(store.getState().notice?.text).toMatch(/opted out of texts and was not re-opted in/)
  })

  it('asking for SMS consent marks the customer pending double opt-in', async () => {
    const { store, calls } = makeStore({ checkIn: () => found(), ...panelsFor, requestSmsOptIn: () => ({ sms: 'requested' }) })
    await store.getState().checkIn('5552010001')
    await store.getState().requestSmsConsent()
    expect(calls.find((c) => c.method === 'requestSmsOptIn')?.input).toEqual({ phone: '5552010001' })
    expect(store.getState().checkin.result).toMatchObject({ customer: { sms: 'pending' } })
    expect(store.getState().notice?.text).toMatch(/double opt-in/)
  })

  it('adding an attribute sends it alone (merge) and shows AIQ’s list back', async () => {
    const { store, calls } = makeStore({ checkIn: () => found(), ...panelsFor, saveTraits: ({ traits }) => ({ traits: [{ key: 'tier', value: 'gold' }, ...traits] }) })
    await store.getState().checkIn('5552010001')
    await settle()
    await store.getState().addTrait({ key: 'strain', value: 'indica' })
    expect(calls.find((c) => c.method === 'saveTraits')?.input).toEqual({ contactID: 'c-jane', traits: [{ key: 'strain', value: 'indica' }], mode: 'add' })
    expect(store.getState().panels.traits).toEqual({ state: 'loaded', data: [{ key: 'tier', value: 'gold' }, { key: 'strain', value: 'indica' }] })
  })

  it('editing an override keeps the other overrides', async () => {
    const { store, calls } = makeStore({ checkIn: () => found(), ...panelsFor, saveOverrides: ({ overrides }) => ({ overrides }) })
    await store.getState().checkIn('5552010001')
    await settle()
    await store.getState().saveOverride('favoriteStoreID', 7)
    expect(calls.find((c) => c.method === 'saveOverrides')?.input).toEqual({ contactID: 'c-jane', overrides: { firstName: 'Janie', favoriteStoreID: 7 } })
  })
})

describe('search and shift report', () => {
  it('a slower, older search never replaces the newer one', async () => {
    const slow = deferred<{ results: (typeof jane)[]; total: number }>()
    const { store } = makeStore({ searchCustomers: ({ query }) => (query === 'ja' ? slow.promise : { results: [sam], total: 1 }) })
    const first = store.getState().searchCustomers('ja')
    await store.getState().searchCustomers('sam')
    slow.resolve({ results: [jane], total: 1 })
    await first
    expect(store.getState().search).toMatchObject({ query: 'sam', results: [sam] })
  })

  it('opening a search result shows that customer and loads the panels', async () => {
    const { store, calls } = makeStore({ ...panelsFor })
    store.getState().goTo('search')
    store.getState().openCustomer(sam)
    await settle()
    expect(store.getState().screen).toBe('checkin')
    expect(store.getState().checkin.result).toMatchObject({ kind: 'customer', customer: { contactID: 'c-sam' } })
    expect(calls.find((c) => c.method === 'getVisits')?.input).toEqual({ contactID: 'c-sam' })
  })

  it('the shift report asks for today, from local midnight to now', async () => {
    const now = new Date(2026, 10, 28, 15, 30).getTime()
    const { store, calls } = makeStore({ shiftReport: ({ from, to }) => ({ from, to, aiq: { available: true, error: null, adjustments: [] }, local: [] }) }, now)
    await store.getState().loadReport()
    expect(calls[0]?.input).toEqual({ from: new Date(2026, 10, 28).getTime(), to: now })
    expect(store.getState().report.state).toBe('loaded')
  })
})

describe('redemption', () => {
  const redemption = (over: Partial<RedemptionEntry> = {}): RedemptionEntry => ({
    id: 'R1', contactID: 'c-jane', customerName: 'Jane Doe', rewardId: 'rw-5off', rewardName: '$5 off', posDiscountID: 'POS-5OFF', points: 100,
    posTransactionId: 'TXN-1', budtender: 'Alex', createdAt: 1, state: 'redeemed', attempts: 1, sentAt: 1, checkAfter: null, finishedAt: 2,
    balanceAfter: 1100, message: null, foundInAiq: false, ...over,
  })

  it('redeemed: the card takes AIQ’s new balance, the timeline and rewards reload, the name is remembered', async () => {
    const { store, calls, saved } = makeStore({
      checkIn: () => found(), ...panelsFor, redeemReward: () => ({ redemption: redemption(), customer: { ...jane, points: 1100 } }),
    })
    await store.getState().checkIn('5552010001')
    await settle()
    store.getState().openDialog({ kind: 'redeem', rewardId: 'rw-5off' })
    const before = calls.length
    await expect(store.getState().redeemReward({ rewardId: 'rw-5off', posTransactionId: 'TXN-1' })).resolves.toMatchObject({ state: 'redeemed' })
    await settle()
    const s = store.getState()
    // no name from the screen: main records the signed-in budtender (issue 13)
    expect(calls.find((c) => c.method === 'redeemReward')?.input).toEqual({ contactID: 'c-jane', rewardId: 'rw-5off', posTransactionId: 'TXN-1', customerName: 'Jane Doe' })
    expect(s.checkin.result).toMatchObject({ customer: { points: 1100 } })
    expect(s.redeem).toMatchObject({ state: 'done', result: { id: 'R1' } })
    expect(calls.slice(before).map((c) => c.method).sort()).toEqual(['getRewards', 'getTimeline', 'redeemReward'])
    expect(s.notice).toBeNull()
  })

  it('refused or in doubt: the card is unchanged and the result is kept for the dialog; closed meanwhile, it becomes a notice', async () => {
    const { store } = makeStore({
      checkIn: () => found(), ...panelsFor,
      redeemReward: () => ({ redemption: redemption({ state: 'refused', message: 'Not enough points for this reward', balanceAfter: null }), customer: null }),
    })
    await store.getState().checkIn('5552010001')
    await store.getState().redeemReward({ rewardId: 'rw-5off', posTransactionId: 'TXN-1' })
    const s = store.getState()
    expect(s.checkin.result).toMatchObject({ customer: { points: jane.points } })
    expect(s.redeem.result?.state).toBe('refused')
    expect(s.notice).toMatchObject({ tone: 'error', text: expect.stringContaining('AIQ refused: Not enough points for this reward') })
  })

  it('a failure before anything happened (offline) keeps the dialog with the reason', async () => {
    const { store } = makeStore({
      checkIn: () => found(), ...panelsFor,
      redeemReward: () => {
        throw new Failure('offline', 'Redeeming needs AIQ, and it cannot be reached right now.')
      },
    })
    await store.getState().checkIn('5552010001')
    store.getState().openDialog({ kind: 'redeem', rewardId: 'rw-5off' })
    await expect(store.getState().redeemReward({ rewardId: 'rw-5off', posTransactionId: 'TXN-1' })).resolves.toBeNull()
    expect(store.getState().redeem).toEqual({ state: 'failed', result: null, error: 'Redeeming needs AIQ, and it cannot be reached right now.' })
    expect(store.getState().dialog).toEqual({ kind: 'redeem', rewardId: 'rw-5off' })
  })
})

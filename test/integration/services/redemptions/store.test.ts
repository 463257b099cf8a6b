// The redemption store on a real SQLite file: each attempt is committed before its PUT, one sale's reward is live at
// most once (even against a second connection), every change is guarded and leaves a line, a restart finds what was
// left 'sending' and puts it in doubt.
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../../electron/store/db'
import { createRedemptionStore, type NewRedemption } from '../../../../electron/store/redemptions'
import { fakeClock, tempDir } from '../../../support/temp-db'

const attempt = (over: Partial<NewRedemption> = {}): NewRedemption => ({
  contactID: 'c-1', customerName: 'Maya Lopez', rewardId: 'rw-5off', rewardName: '$5 off', posDiscountID: 'POS-5OFF', points: 100,
  redemptionURL: 'http://127.0.0.1:1/api/v1.1/discount/redeem/1000/rw-5off/tok', posTransactionId: 'TXN-1', budtender: 'Ana', ...over,
})

describe('redemption store', () => {
  const tmp = tempDir('aiqc-redeem-')
  const open: Db[] = []
  const db = () => {
    const d = openDatabase(tmp.file('counter.db'))
    open.push(d)
    return d
  }
  afterEach(() => {
    for (const d of open.splice(0)) if (d.open) d.close()
    tmp.cleanup()
  })

  it('a new attempt is on disk in state sending before anything is sent: another connection sees it', () => {
    const clock = fakeClock()
    const store = createRedemptionStore(db(), clock, () => 'training:1000')
    const { entry, created } = store.begin(attempt())
    expect(created).toBe(true)
    expect(entry).toMatchObject({ state: 'sending', attempts: 1, sentAt: clock.now(), points: 100, posDiscountID: 'POS-5OFF' })
    const other = new Database(tmp.file('counter.db'), { readonly: true })
    expect(other.prepare('SELECT state, redemption_url FROM redemptions WHERE id = ?').get(entry.id)).toEqual({ state: 'sending', redemption_url: attempt().redemptionURL })
    other.close()
  })

  it('a reward costing fractional points and a balance after below zero are kept as AIQ has them (issue 17)', () => {
    const store = createRedemptionStore(db(), fakeClock(), () => 'training:1000')
    const { entry } = store.begin(attempt({ points: 12.75 }))
    expect(entry.points).toBe(12.75)
    expect(store.markRedeemed(entry.id, { balanceAfter: -0.25, how: 'answered' })).toMatchObject({ points: 12.75, balanceAfter: -0.25 })
    expect(() => store.begin(attempt({ posTransactionId: 'TXN-2', points: -1 }))).toThrow(/points/)
  })

  it('the same sale’s reward is live once: a second begin returns the first row; another sale or reward is a new row', () => {
    const store = createRedemptionStore(db(), fakeClock(), () => 'training:1000')
    const first = store.begin(attempt()).entry
    expect(store.begin(attempt())).toEqual({ entry: first, created: false })
    expect(store.begin(attempt({ posTransactionId: 'TXN-2' })).created).toBe(true)
    expect(store.begin(attempt({ rewardId: 'rw-10off' })).created).toBe(true)
    store.markRedeemed(first.id, { balanceAfter: 1150, how: 'answered' })
    expect(store.begin(attempt())).toMatchObject({ created: false, entry: { id: first.id, state: 'redeemed' } })
  })

  it('the database itself refuses a second live row for the same sale’s reward (any writer)', () => {
    const d = db()
    const store = createRedemptionStore(d, fakeClock(), () => 'a')
    const first = store.begin(attempt()).entry
    const copy = d.prepare('SELECT * FROM redemptions WHERE id = ?').get(first.id) as Record<string, unknown>
    const insert = () => d.prepare(`INSERT INTO redemptions (${Object.keys(copy).join(', ')}) VALUES (${Object.keys(copy).map((k) => `@${k}`).join(', ')})`).run({ ...copy, id: 'OTHER' })
    expect(insert).toThrow(/UNIQUE/)
    store.markRefused(first.id, 'Not enough points for this reward')
    expect(insert).not.toThrow()
  })

  it('after a not-sent attempt a new attempt is a new row; after a refusal the same sale gets the refusal back (never sent again); both are kept', () => {
    const store = createRedemptionStore(db(), fakeClock(), () => 'a')
    const first = store.begin(attempt())
    expect(store.markNotSent(first.entry.id, 'AIQ could not be reached').state).toBe('not_sent')
    const again = store.begin(attempt())
    expect(again.created).toBe(true)
    const refused = store.markRefused(again.entry.id, 'Not enough points for this reward')
    const third = store.begin(attempt())
    expect(third).toMatchObject({ created: false, entry: { id: refused.id, state: 'refused' } })
    expect(store.inWindow(0, Number.MAX_SAFE_INTEGER).map((r) => [r.state, r.message])).toEqual([
      ['not_sent', 'AIQ could not be reached'],
      ['refused', 'Not enough points for this reward'],
    ])
    expect(refused.finishedAt).not.toBeNull()
  })

  it('states change only along sending → redeemed / refused / in doubt / not sent; in doubt → sending again keeps the row and its link', () => {
    const clock = fakeClock()
    const store = createRedemptionStore(db(), clock, () => 'a')
    const e = store.begin(attempt()).entry
    const doubt = store.markInDoubt(e.id, 'AIQ did not answer', clock.now() + 30_000)
    expect(doubt).toMatchObject({ state: 'in_doubt', checkAfter: clock.now() + 30_000 })
    expect(() => store.markNotSent(e.id, 'x')).toThrow(/in doubt/)
    clock.advance(31_000)
    const again = store.resend(e.id)
    expect(again).toMatchObject({ id: e.id, state: 'sending', attempts: 2, sentAt: clock.now(), checkAfter: null })
    expect(store.urlOf(e.id)).toBe(attempt().redemptionURL)
    const done = store.markRedeemed(e.id, { balanceAfter: 1150, how: 'found_in_aiq' })
    expect(done).toMatchObject({ state: 'redeemed', foundInAiq: true, balanceAfter: 1150 })
    expect(() => store.resend(e.id)).toThrow(/redeemed/)
    expect(() => store.markRefused(e.id, 'x')).toThrow(/redeemed/)
    expect(store.events(e.id).map((x) => x.what)).toEqual(['sending', 'in_doubt', 'sending', 'found_in_aiq'])
  })

  it('after a restart, rows left sending are in doubt until AIQ is looked at, with a settle time from their send', () => {
    const clock = fakeClock()
    const first = db()
    const e = createRedemptionStore(first, clock, () => 'a').begin(attempt()).entry
    first.close()
    const store = createRedemptionStore(db(), clock, () => 'a')
    expect(store.strandedToInDoubt(30_000)).toBe(1)
    expect(store.get(e.id)).toMatchObject({ state: 'in_doubt', checkAfter: e.sentAt! + 30_000 })
    expect(store.inDoubt().map((r) => r.id)).toEqual([e.id])
    expect(store.strandedToInDoubt(30_000)).toBe(0)
  })

  it('each account sees only its own redemptions', () => {
    let account = 'training:1000'
    const store = createRedemptionStore(db(), fakeClock(), () => account)
    store.begin(attempt())
    account = 'live:4242'
    expect(store.inWindow(0, Number.MAX_SAFE_INTEGER)).toEqual([])
    expect(store.begin(attempt()).created).toBe(true)
  })
})

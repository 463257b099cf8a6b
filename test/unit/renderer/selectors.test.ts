import { describe, expect, it } from 'vitest'
import { panelFailed, panelLoaded, panelLoading } from '../../../renderer/src/state/panels'
import { mergeOutbox, resultAfterAward, statusAfterAward, unsyncedPointsFor } from '../../../renderer/src/state/reducers'
import {
  awardReason,
  defaultReason,
  balance,
  canAskSmsConsent,
  connectionBanner,
  failedAwardCount,
  goesBelowZero,
  OFFLINE_BANNER,
  parseAmount,
  pendingAwardCount,
  pendingLabel,
  reportRows,
  rewardsView,
  signedValue,
  sourceLabel,
  statusChips,
} from '../../../renderer/src/state/selectors'
import { entry, jane, status } from '../../support/fake-api'

describe('status selectors', () => {
  it('pending awards count both waiting and sending; failed counted apart', () => {
    expect(pendingAwardCount(status)).toBe(3)
    expect(failedAwardCount({ ...status, outbox: { ...status.outbox, failed: 2 } })).toBe(2)
    expect(pendingAwardCount(null)).toBe(0)
  })

  it('the banner says offline, or why sync stopped (which wins), or nothing', () => {
    expect(connectionBanner(status)).toBeNull()
    expect(connectionBanner({ ...status, online: false })).toEqual({ tone: 'warn', text: OFFLINE_BANNER })
    expect(connectionBanner({ ...status, online: false, syncPaused: 'AIQ rejected the API key. Open Settings.' })).toEqual({
      tone: 'error',
      text: 'AIQ rejected the API key. Open Settings.',
    })
  })
})

describe('profile selectors', () => {
  it('balance is AIQ’s points plus pending, and pending is labelled with its sign', () => {
    expect(balance(jane)).toBe(1250)
    expect(pendingLabel(jane)).toBe('(+50 pending)')
    expect(pendingLabel({ pendingPoints: -20 })).toBe('(−20 pending)')
    expect(pendingLabel({ pendingPoints: 0 })).toBeNull()
  })

  it('chips: member, each SMS consent state, email opt-in', () => {
    expect(statusChips(jane).map((c) => c.text)).toEqual(['Member', 'No SMS consent', 'No email opt-in'])
    expect(statusChips({ ...jane, member: false, sms: 'pending', emailOptIn: true }).map((c) => c.text)).toEqual([
      'Not a member',
      'SMS: Pending double opt-in',
      'Email opt-in',
    ])
    expect(statusChips({ ...jane, sms: 'opted_in' })[1]?.text).toBe('SMS: Opted in')
    expect(statusChips({ ...jane, sms: 'opted_out' })[1]?.text).toBe('SMS: Opted out')
  })

  it('SMS consent can be asked only of someone not in and not opted out, with a phone', () => {
    expect(canAskSmsConsent(jane)).toBe(true)
    expect(canAskSmsConsent({ ...jane, sms: 'pending' })).toBe(true)
    expect(canAskSmsConsent({ ...jane, sms: 'opted_in' })).toBe(false)
    expect(canAskSmsConsent({ ...jane, sms: 'opted_out' })).toBe(false)
    expect(canAskSmsConsent({ ...jane, phone: null })).toBe(false)
  })

  it('a directory profile says offline and how old it is', () => {
    expect(sourceLabel({ kind: 'customer', customer: jane, source: 'directory', asOf: 5 }, (ms) => `t${ms}`)).toBe('Offline — as of t5')
    expect(sourceLabel({ kind: 'customer', customer: jane, source: 'live', asOf: 5 }, String)).toBeNull()
  })

  it('rewards unlock by AIQ’s points (not pending ones) when AIQ offers them: unlocked first, then cheapest', () => {
    const view = rewardsView({
      points: 300,
      hidePoints: false,
      rewards: [
        { id: 'a', name: '$20 off', posDiscountID: null, redeemable: true, description: '', pointsDeduction: 1000, available: true, unlocked: false, expiration: null },
        { id: 'b', name: 'Pre-roll', posDiscountID: null, redeemable: true, description: '', pointsDeduction: 300, available: true, unlocked: true, expiration: null },
        { id: 'c', name: 'Members only', posDiscountID: null, redeemable: true, description: '', pointsDeduction: 10, available: false, unlocked: false, expiration: null },
        { id: 'd', name: '$5 off', posDiscountID: null, redeemable: true, description: '', pointsDeduction: 500, available: true, unlocked: false, expiration: null },
      ],
    })
    expect(view.map((r) => [r.name, r.unlocked, r.pointsShort])).toEqual([
      ['Pre-roll', true, 0],
      ['Members only', false, 0],
      ['$5 off', false, 200],
      ['$20 off', false, 700],
    ])
  })
})

describe('award helpers', () => {
  it('reason: a preset, with details after it; Other needs the details', () => {
    expect(awardReason('Purchase', '')).toBe('Purchase')
    expect(awardReason('Make-good / service recovery', ' wrong strain ')).toBe('Make-good / service recovery: wrong strain')
    expect(awardReason('Other', '')).toBeNull()
    expect(awardReason('', 'typed details, no reason chosen')).toBeNull()
    expect(defaultReason('award')).toBe('Purchase')
    expect(defaultReason('deduct')).toBe('')
    expect(awardReason('Other', 'Staff contest')).toBe('Staff contest')
  })

  it('amount: whole points 1..100,000 only', () => {
    expect(parseAmount('50')).toBe(50)
    expect(parseAmount('1,000')).toBe(1000)
    for (const bad of ['', '0', '-5', '2.5', 'ten', '100001']) expect(parseAmount(bad)).toBeNull()
  })

  it('a deduction is negative, and one that takes the balance under zero is flagged', () => {
    expect(signedValue('deduct', 30)).toBe(-30)
    expect(signedValue('award', 30)).toBe(30)
    expect(goesBelowZero(20, -30)).toBe(true)
    expect(goesBelowZero(30, -30)).toBe(false)
    expect(goesBelowZero(-10, 5)).toBe(false)
  })
})

describe('reducers', () => {
  it('an award on disk counts as pending at once', () => {
    expect(statusAfterAward(status, entry({ value: 40 }))?.outbox).toEqual({ pending: 3, sending: 1, failed: 0, pendingPoints: 115, otherAccounts: [] })
    expect(statusAfterAward(null, entry())).toBeNull()
  })

  it('the profile on screen gains the pending points only when the award is theirs', () => {
    const r = { kind: 'customer', customer: jane, source: 'live', asOf: 1 } as const
    expect(resultAfterAward(r, entry({ value: -80 }))).toMatchObject({ customer: { pendingPoints: -30 } })
    expect(resultAfterAward(r, entry({ contactID: 'someone-else' }))).toBe(r)
    expect(resultAfterAward({ ...r, customer: { ...jane } }, entry({ contactID: null, phone: '5552010001', value: 5 }))).toMatchObject({ customer: { pendingPoints: 55 } })
  })

  it('counts the points still on their way to AIQ for the customer on screen, by contact or by phone', () => {
    const entries = [entry({ id: 'A', value: 40 }), entry({ id: 'B', contactID: null, phone: jane.phone, value: -5 }), entry({ id: 'C', contactID: 'someone-else', value: 99 })]
    expect(unsyncedPointsFor(entries, jane)).toBe(35)
    expect(unsyncedPointsFor([], jane)).toBe(0)
  })

  it("another account's awards for the same customer never count on the card (issue 10, item 9)", () => {
    const entries = [entry({ id: 'A', value: 40 }), entry({ id: 'P', value: 77, account: 'training:1000', otherAccount: true })]
    expect(unsyncedPointsFor(entries, jane)).toBe(40)
  })

  it('outbox merges by id, newest first', () => {
    const a = entry({ id: 'A', createdAt: 1 })
    const b = entry({ id: 'B', createdAt: 2 })
    expect(mergeOutbox([a], [b, { ...a, state: 'synced' }]).map((e) => [e.id, e.state])).toEqual([
      ['B', 'pending'],
      ['A', 'synced'],
    ])
  })

  it('a panel keeps its data while reloading, and a failure carries code and message', () => {
    const loaded = panelLoaded([1])
    expect(panelLoading(loaded)).toEqual({ state: 'loading', data: [1] })
    expect(panelLoading({ state: 'idle' })).toEqual({ state: 'loading', data: null })
    expect(panelFailed('offline', 'AIQ cannot be reached')).toEqual({ state: 'failed', code: 'offline', error: 'AIQ cannot be reached' })
  })
})

describe('shift report rows', () => {
  it('each local award is marked Synced, Pending (incl. sending) or Failed with its reason; AIQ rows show which came from here', () => {
    const rows = reportRows({
      from: 0,
      to: 10,
      aiq: {
        available: true,
        error: null,
        adjustments: [
          { contactID: 'c', customerName: 'Jane Doe', value: 25, note: '[counter:S] Purchase', at: 5, outboxId: 'S' },
          { contactID: 'd', customerName: 'Sam Lee', value: 100, note: 'Web signup bonus', at: 3, outboxId: null },
        ],
      },
      local: [
        entry({ id: 'S', state: 'synced', createdAt: 4 }),
        entry({ id: 'P', state: 'sending', createdAt: 6 }),
        entry({ id: 'F', state: 'failed', lastError: 'Customer not found at AIQ', createdAt: 7 }),
      ],
    })
    expect(rows.local.map((r) => [r.id, r.label, r.detail])).toEqual([
      ['S', 'Synced', null],
      ['P', 'Pending', null],
      ['F', 'Failed', 'Customer not found at AIQ'],
    ])
    expect(rows.aiq.map((a) => [a.customerName, a.fromThisCounter])).toEqual([
      ['Sam Lee', false],
      ['Jane Doe', true],
    ])
    expect(rows.totals).toEqual({ aiqPoints: 125, synced: 1, pending: 1, failed: 1 })
  })

  it('names each report row’s customer: AIQ’s name when this counter had only a phone, else the phone formatted, never an id', () => {
    const rows = reportRows({
      from: 0,
      to: 10,
      aiq: {
        available: true,
        error: null,
        adjustments: [
          { contactID: 'c1', customerName: 'Maya Lopez', phone: '3035550100', value: 25, note: 'Purchase', at: 5, outboxId: 'S' },
          { contactID: 'c2', customerName: '', phone: '3035550103', value: 10, note: 'Web', at: 6, outboxId: null },
          { contactID: 'c3', customerName: '', value: 10, note: 'Web', at: 7, outboxId: null },
        ],
      },
      local: [
        entry({ id: 'S', state: 'synced', createdAt: 4, contactID: 'c1', phone: '3035550100', customerName: '' }),
        entry({ id: 'P', state: 'pending', createdAt: 6, contactID: null, phone: '3035550199', customerName: '' }),
      ],
    })
    expect(rows.local.map((r) => r.customer)).toEqual(['Maya Lopez', '(303) 555-0199'])
    expect(rows.aiq.map((a) => a.customer)).toEqual(['Maya Lopez', '(303) 555-0103', 'Customer without a name'])
  })
})

describe('failed awards apart (issue 10 item 11)', () => {
  it('the balance counts pending awards, never failed ones; the failed ones have their own words', async () => {
    const { balance, failedLabel } = await import('../../../renderer/src/state/selectors')
    const c = { points: 1250, pendingPoints: 30, failedPoints: -200 }
    expect(balance(c)).toBe(1280)
    expect(failedLabel(c)).toBe('−200 failed — not in AIQ, see the queue')
    expect(failedLabel({ failedPoints: 0 })).toBeNull()
  })

  it('main’s list: failed entries are not counted as on their way, and are summed apart', async () => {
    const { failedPointsFor } = await import('../../../renderer/src/state/reducers')
    const list = [entry({ value: -200, state: 'failed' }), entry({ value: 30, state: 'pending' }), entry({ value: 5, state: 'sending' })]
    expect(unsyncedPointsFor(list, jane)).toBe(35)
    expect(failedPointsFor(list, jane)).toBe(-200)
  })
})

describe('redeeming from the profile', () => {
  const rewards = {
    points: 160,
    hidePoints: false,
    rewards: [
      { id: 'a', name: '$5 off', posDiscountID: 'POS-5', redeemable: true, description: '', pointsDeduction: 100, available: true, unlocked: true, expiration: null },
      { id: 'b', name: '$10 off', posDiscountID: null, redeemable: true, description: '', pointsDeduction: 200, available: true, unlocked: false, expiration: null },
      { id: 'c', name: 'Web only', posDiscountID: null, redeemable: false, description: '', pointsDeduction: 50, available: true, unlocked: true, expiration: null },
    ],
  }
  it('a locked reward says what is missing, and that points waiting to sync don’t count yet', async () => {
    const { rewardsView } = await import('../../../renderer/src/state/selectors')
    expect(rewardsView(rewards).find((r) => r.id === 'b')?.missing).toBe('needs 40 more points')
    expect(rewardsView(rewards, 60).find((r) => r.id === 'b')?.missing).toBe("needs 40 more points; points waiting to sync don't count yet")
    expect(rewardsView(rewards).find((r) => r.id === 'a')).toMatchObject({ missing: null, balanceAfter: 60 })
  })

  it('Redeem is blocked offline, for a locked reward and for one without a link, with the reason', async () => {
    const { redeemBlocked, rewardsView } = await import('../../../renderer/src/state/selectors')
    const view = rewardsView(rewards)
    const [a, b, c] = ['a', 'b', 'c'].map((id) => view.find((r) => r.id === id))
    expect(redeemBlocked(a!, { online: true, live: true })).toBeNull()
    expect(redeemBlocked(a!, { online: false, live: true })).toMatch(/needs AIQ/)
    expect(redeemBlocked(a!, { online: true, live: false })).toMatch(/needs AIQ/)
    expect(redeemBlocked(b!, { online: true, live: true })).toBe('needs 40 more points')
    expect(redeemBlocked(c!, { online: true, live: true })).toMatch(/no redemption link/)
  })
})

describe('points as AIQ keeps them: fractions and balances below zero (issue 17)', () => {
  const reward = (id: string, pointsDeduction: number) => ({ id, name: id, posDiscountID: null, redeemable: true, description: '', pointsDeduction, available: true, unlocked: false, expiration: null })
  it('the balance with pending awards adds up as decimals do', () => {
    expect(balance({ points: 0.1, pendingPoints: 0.2 })).toBe(0.3)
    expect(balance({ points: -12.5, pendingPoints: 10 })).toBe(-2.5)
    expect(balance({ points: 1234.7, pendingPoints: 40 })).toBe(1274.7)
  })
  it('a reward against a fractional or negative balance: what is missing and the balance after, exactly', () => {
    const view = rewardsView({ points: 100.3, hidePoints: false, rewards: [reward('cheap', 100.1), reward('dear', 200.2)] })
    expect(view.find((r) => r.id === 'cheap')).toMatchObject({ unlocked: true, balanceAfter: 0.2 })
    expect(view.find((r) => r.id === 'dear')).toMatchObject({ unlocked: false, pointsShort: 99.9, missing: 'needs 99.9 more points' })
    const below = rewardsView({ points: -12.5, hidePoints: false, rewards: [reward('r', 50)] })
    expect(below[0]).toMatchObject({ unlocked: false, pointsShort: 62.5, missing: 'needs 62.5 more points' })
  })
  it('a deduction from a balance already below zero is flagged; an award that leaves it below zero is not a deduction', () => {
    expect(goesBelowZero(-12.5, -1)).toBe(true)
    expect(goesBelowZero(-12.5, 10)).toBe(false)
    expect(goesBelowZero(0.3, -0.3)).toBe(false)
  })
})

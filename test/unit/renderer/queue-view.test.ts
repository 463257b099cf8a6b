import { describe, expect, it } from 'vitest'
import type { OutboxEntry } from '../../../shared/contract'
import { formatSignedPoints } from '../../../shared/points'
import {
  canDiscard,
  canFix,
  canRetry,
  customerDetail,
  customerLabel,
  discardProblem,
  formatAge,
  parseCustomerFix,
  queueCounts,
  queueRows,
  stateLabel,
} from '../../../renderer/src/state/queue-view'
import { entry as outboxEntry } from '../../support/fake-api'
import { NEEDS_CHECK, STOPPED_RETRYING } from '../../../shared/queue-words'

/** Main's outbox row (fake-api.ts), as this file's cases expect it */
const entry = (over: Partial<OutboxEntry>): OutboxEntry =>
  outboxEntry({ id: 'id', contactID: 'c1', customerName: 'Maya Lopez', value: 50, createdAt: 1_000, ...over })

describe('queueRows', () => {
  it('shows only what has not reached AIQ: failed first, then sending, then pending, oldest first', () => {
    const rows = queueRows([
      entry({ id: 'p2', state: 'pending', createdAt: 20 }),
      entry({ id: 's', state: 'synced', createdAt: 1 }),
      entry({ id: 'f', state: 'failed', createdAt: 30 }),
      entry({ id: 'd', state: 'discarded', createdAt: 2 }),
      entry({ id: 'p1', state: 'pending', createdAt: 10 }),
      entry({ id: 'x', state: 'sending', createdAt: 40 }),
    ])
    expect(rows.map((r) => r.id)).toEqual(['f', 'x', 'p1', 'p2'])
  })
  it('counts each state', () => {
    expect(queueCounts([entry({ state: 'failed' }), entry({ state: 'pending' }), entry({ state: 'pending' }), entry({ state: 'synced' })])).toEqual({
      pending: 2,
      sending: 0,
      failed: 1,
    })
  })
})

describe('row text', () => {
  it('signs values with a real minus sign and thousands separators', () => {
    expect(formatSignedPoints(1250)).toBe('+1,250')
    expect(formatSignedPoints(-20)).toBe('−20')
  })
  it('says how old an award is in words', () => {
    const now = 10 * 86_400_000
    expect(formatAge(now - 20_000, now)).toBe('just now')
    expect(formatAge(now - 12 * 60_000, now)).toBe('12 min ago')
    expect(formatAge(now - 3 * 3_600_000, now)).toBe('3 h ago')
    expect(formatAge(now - 86_400_000, now)).toBe('1 day ago')
    expect(formatAge(now - 5 * 86_400_000, now)).toBe('5 days ago')
    expect(formatAge(now + 5_000, now)).toBe('just now')
  })
  it('names the customer, else the phone; AIQ’s id only shortened, as a second line', () => {
    expect(customerLabel(entry({}))).toBe('Maya Lopez')
    expect(customerLabel(entry({ customerName: ' ', contactID: null, phone: '3035550100' }))).toBe('(303) 555-0100')
    const id = '0123456789abcdef0123456789abcdef'
    expect(customerLabel(entry({ customerName: '', contactID: id, phone: null }))).toBe('Customer without a name')
    expect(customerDetail(entry({ phone: '3035550100' }))).toBe('(303) 555-0100')
    expect(customerDetail(entry({ contactID: id, phone: null }))).toBeNull()
    expect(customerDetail(entry({ customerName: '', contactID: id, phone: '3035550100' }))).toBeNull()
    expect(customerDetail(entry({ customerName: '', contactID: id, phone: null }))).toBe('AIQ id 01234567…')
  })
  it('a row that already failed once says it is waiting, not sending', () => {
    expect(stateLabel(entry({ state: 'pending' }))).toBe('Pending')
    expect(stateLabel(entry({ state: 'pending', lastError: 'AIQ is busy' }))).toBe('Waiting to retry')
    expect(stateLabel(entry({ state: 'failed' }))).toBe('Failed')
    expect(stateLabel(entry({ state: 'failed', lastError: `${NEEDS_CHECK}: AIQ lists 2 adjustments…` }))).toBe('Needs a check')
    expect(stateLabel(entry({ state: 'failed', lastError: `${STOPPED_RETRYING}: AIQ's answers…` }))).toBe('Stopped retrying')
    expect(stateLabel(entry({ state: 'sending' }))).toBe('Sending')
    expect(stateLabel(entry({ state: 'sending', lastError: "Can't reach AIQ" }))).toBe('Waiting to confirm')
  })
  it('a row being sent cannot be retried or discarded (AIQ may already have it)', () => {
    expect(canRetry(entry({ state: 'sending' }))).toBe(false)
    expect(canDiscard(entry({ state: 'sending' }))).toBe(false)
    expect(canRetry(entry({ state: 'failed' }))).toBe(true)
    expect(canDiscard(entry({ state: 'pending' }))).toBe(true)
  })
  it("another account's award is left for that account's manager: no retry, fix or discard here", () => {
    const elsewhere = entry({ state: 'failed', account: 'live:4242', otherAccount: true })
    expect([canRetry(elsewhere), canFix(elsewhere), canDiscard(elsewhere)]).toEqual([false, false, false])
  })
})

describe('fix customer input', () => {
  it('takes a phone in any common format', () => {
    expect(parseCustomerFix('(303) 555-0100')).toEqual({ ok: true, customer: { phone: '3035550100' } })
  })
  it('takes an AIQ contact id', () => {
    expect(parseCustomerFix(' 9f3a0c2b7d1e4f5a8b6c0d2e4f6a8b0c ')).toEqual({ ok: true, customer: { contactID: '9f3a0c2b7d1e4f5a8b6c0d2e4f6a8b0c' } })
  })
  it('refuses empty input and numbers that are not phones', () => {
    expect(parseCustomerFix('  ').ok).toBe(false)
    expect(parseCustomerFix('12345').ok).toBe(false)
    expect(parseCustomerFix('not a customer!').ok).toBe(false)
  })
})

describe('discard dialog', () => {
  it('needs a reason and a person', () => {
    expect(discardProblem('', 'Alex')).toMatch(/why/)
    expect(discardProblem('Duplicate', ' ')).toMatch(/who/)
    expect(discardProblem('Duplicate', 'Alex')).toBeNull()
  })
})

// The pure decisions of "at most once": what a failed redemption PUT means, and whether AIQ's list already has it.
import { describe, expect, it } from 'vitest'
import { AiqError, ForeignUrlError } from '../../../../electron/aiq/errors'
import type { AiqRedemption } from '../../../../electron/aiq/types'
import { failedPut, foundInAiq, matchFrom } from '../../../../electron/services/redemption-rules'

describe('what a failed redemption PUT means', () => {
  it.each([
    ['AIQ’s 400 "already used"', new AiqError('bad_response', 'x', { status: 400, aiqMessage: 'This reward link was already used' }), { kind: 'refused', words: 'This reward link was already used' }],
    ['AIQ’s 400 "not enough points"', new AiqError('bad_response', 'x', { status: 400, aiqMessage: 'Not enough points for this reward' }), { kind: 'refused', words: 'Not enough points for this reward' }],
    ['a 404 for the link', new AiqError('not_found', 'x', { status: 404, aiqMessage: 'Reward link not found' }), { kind: 'refused', words: 'Reward link not found' }],
    ['a 200 whose envelope says success:false in AIQ’s words', new AiqError('bad_response', 'x', { status: 200, aiqMessage: 'Not enough points' }), { kind: 'refused', words: 'Not enough points' }],
  ])('%s is a refusal in AIQ’s words (never retried)', (_, e, want) => {
    expect(failedPut(e)).toEqual(want)
  })

  it.each([
    ['a timeout', new AiqError('timeout')],
    ['a reset after connecting', new AiqError('offline', undefined, { notSent: false })],
    ['a 5xx', new AiqError('server_error', undefined, { status: 503 })],
    ['a 2xx AIQ sent unreadable', new AiqError('bad_response', 'x', { status: 200 })],
  ])('%s is a lost answer: AIQ may have redeemed it', (_, e) => {
    expect(failedPut(e).kind).toBe('unknown')
  })

  it.each([
    ['a link to another server', new ForeignUrlError('evil.example')],
    ['a connection never made', new AiqError('offline', undefined, { notSent: true })],
    ['a 429', new AiqError('rate_limited', undefined, { status: 429 })],
    ['a rejected key', new AiqError('unauthorized', undefined, { status: 403 })],
    ['a redirect (never followed)', new AiqError('bad_response', 'x', { status: 302, wrongAddress: true })],
  ])('%s never reached AIQ: not sent', (_, e) => {
    expect(failedPut(e).kind).toBe('not_sent')
  })
})

const row = (over: Partial<AiqRedemption>): AiqRedemption => ({ contactID: 'c1', discountID: 'rw-5off', transactionID: null, name: null, points: 100, ts: 1_800_000_100, ...over })
const attempt = { contactID: 'c1', rewardId: 'rw-5off', posTransactionId: 'TXN-1', firstSentAt: 1_800_000_000_000 }

describe('is it in AIQ’s redemptions already?', () => {
  it('with transaction ids: exactly when this sale’s id is there for this customer and reward', () => {
    expect(foundInAiq([row({ transactionID: 'TXN-1' })], attempt, 0)).toBe(true)
    expect(foundInAiq([row({ transactionID: 'txn-1' })], attempt, 0)).toBe(true) // ids compared as AIQ may case them
    // another id is no proof of absence (it may be AIQ's own order id): counted like a row without one, so this
    // counter's other sale explains it, and an unexplained one stops a resend
    expect(foundInAiq([row({ transactionID: 'TXN-2' })], attempt, 1)).toBe(false)
    expect(foundInAiq([row({ transactionID: 'TXN-2' })], attempt, 0)).toBe(true)
    expect(foundInAiq([row({ transactionID: 'TXN-1', contactID: 'c2' })], attempt, 0)).toBe(false)
    expect(foundInAiq([row({ transactionID: 'TXN-1', discountID: 'rw-10off' })], attempt, 0)).toBe(false)
    expect(foundInAiq([row({ transactionID: 'TXN-1', discountID: null, contactID: 'C1' })], attempt, 0)).toBe(true)
  })

  it('without transaction ids: a row since the first PUT beyond those this counter’s other redemptions explain', () => {
    expect(foundInAiq([row({})], attempt, 0)).toBe(true)
    expect(foundInAiq([row({})], attempt, 1)).toBe(false)
    expect(foundInAiq([row({}), row({ ts: 1_800_000_200 })], attempt, 1)).toBe(true)
    expect(foundInAiq([row({ ts: 1_700_000_000 })], attempt, 0)).toBe(false)
    expect(foundInAiq([], attempt, 0)).toBe(false)
  })

  it('while AIQ’s time is unknown, a row stamped hours before the PUT (this computer’s clock fast) can still be it', () => {
    const threeHoursEarlier = row({ ts: 1_800_000_000 - 3 * 3600 })
    expect(foundInAiq([threeHoursEarlier], attempt, 0)).toBe(false)
    expect(foundInAiq([threeHoursEarlier], { ...attempt, timeKnown: false }, 0)).toBe(true)
    expect(matchFrom({ ...attempt, timeKnown: false })).toBeLessThan(matchFrom(attempt) - 24 * 3_600_000)
  })
})

describe('issue 18, item 6: contact ids compared alike, and which refusals may pass later', () => {
  it('sameContact ignores case and surrounding space, as every duplicate check does', async () => {
    const { sameContact, contactKey } = await import('../../../../shared/contact-id')
    expect(sameContact('ABCDEF0123456789ABCDEF0123456789', 'abcdef0123456789abcdef0123456789 ')).toBe(true)
    expect(sameContact('abc', 'abd')).toBe(false)
    expect(sameContact(null, 'abc')).toBe(false)
    expect(contactKey(' AbC ')).toBe('abc')
  })
  it.each([
    ['Not enough points for this reward', true],
    ['Insufficient loyalty points', true],
    ['Customer balance too low: 50 points', true],
    ['This reward link was already used', false],
    ['Reward link not found', false],
  ])('%s → may pass later: %s', async (words, may) => {
    const { refusalMayPassLater } = await import('../../../../electron/services/redemption-rules')
    expect(refusalMayPassLater(words)).toBe(may)
  })
})

// Points as AIQ keeps them (issue 17, item 5): with "round points" off AIQ's balances and events are fractional, and
// after an expiry or a block adjustment a balance is below zero. Every reader hands on AIQ's number, never another.
import { describe, expect, it } from 'vitest'
import { readAdjustment, readAdjustResult, readPersona, readRedeemResult, readTimeline, readWallet } from '../../../../electron/aiq/answers'
import { num } from '../../../../electron/aiq/read'
import { createShapeRecorder } from '../../../../electron/aiq/shapes'
import { toCustomer } from '../../../../electron/aiq/customer'

describe('a number as AIQ may write it', () => {
  it.each([
    [12.5, 12.5],
    [-12.5, -12.5],
    [0.125, 0.125],
    ['1234.75', 1234.75],
    ['-12.5', -12.5],
    [' 87.25 ', 87.25],
    ['.5', 0.5], // a fraction without its leading zero
    ['-.25', -0.25],
    ['+40', 40],
    ['12.', 12],
    ['1.5e2', 150], // as Go's FormatFloat 'g' writes large or small floats
    ['1e-7', 1e-7],
  ])('%j → %s', (raw, n) => {
    expect(num(raw)).toBe(n)
  })
  it.each(['', ' ', '-', '.', 'e5', '1,234.5', '12 points', 'NaN', 'Infinity', '0x10'])('%j is not a number', (raw) => {
    expect(num(raw)).toBeNull()
  })
})

describe('the readers hand on fractions and balances below zero', () => {
  const shapes = () => createShapeRecorder()
  it('the points timeline: every event and balance as AIQ sent it', () => {
    const events = readTimeline(shapes(), {
      events: [
        { ts: 1_700_000_000, type: 'earn', value: 40.25, balance: 40.25 },
        { ts: 1_700_000_100, type: 'earn', value: '.5', balance: '40.75' },
        { ts: 1_700_000_200, type: 'expire', value: -40.75, balance: 0 },
        { ts: 1_700_000_300, type: 'adjust', value: '-12.5', note: 'Block adjustment', balance: '-12.5' },
      ],
    })
    expect(events.map((e) => [e.value, e.balance])).toEqual([
      [40.25, 40.25],
      [0.5, 40.75],
      [-40.75, 0],
      [-12.5, -12.5],
    ])
  })
  it('a customer’s balance, fractional or below zero, is the one on their card', () => {
    for (const loyaltyPoints of [1234.75, '1234.75', -12.5, '-12.5', '-.5']) {
      const p = readPersona({ contactID: 'c-1', loyaltyPoints })
      if ('skip' in p) throw new Error(String(p.skip))
      expect(toCustomer(p, 0).points).toBe(Number(loyaltyPoints))
    }
  })
  it('the wallet, an adjustment row, and the new balance after an adjustment or a redemption', () => {
    expect(readWallet(shapes(), { loyaltyPoints: -12.5, discountTemplates: [{ id: 'r', pointsDeduction: '99.5' }] })).toMatchObject({ loyaltyPoints: -12.5, discountTemplates: [{ pointsDeduction: 99.5 }] })
    expect(readAdjustment({ cntID: 'c-1', value: '-0.25', ts: 1_700_000_000 })).toMatchObject({ value: -0.25 })
    expect(readAdjustResult(shapes(), { loyaltyPoints: '-2.5' })).toEqual({ loyaltyPoints: -2.5 })
    expect(readRedeemResult(shapes(), { loyaltyPoints: 0.75 })).toEqual({ loyaltyPoints: 0.75 })
  })
})

// Points as AIQ keeps them (issue 17, item 5): fractional and negative balances are shown as AIQ has them.
import { describe, expect, it } from 'vitest'
import { addPoints, formatBalance, formatBalanceFigure, formatPoints, formatSignedPoints } from '../../../shared/points'

describe('formatPoints: every digit AIQ sent, never rounded into another number', () => {
  it.each([
    [0, '0'],
    [1250, '1,250'],
    [1234.75, '1,234.75'],
    [0.125, '0.125'],
    [12.3456, '12.3456'], // Intl's default would show 12.346
    [1_000_000.0001, '1,000,000.0001'],
    [-12.5, '−12.5'],
    [-1234.5678, '−1,234.5678'],
    [1e-7, '0.0000001'],
    [1.5e21, '1,500,000,000,000,000,000,000'],
  ])('%s → %s', (n, text) => {
    expect(formatPoints(n)).toBe(text)
  })
  it('a number that is not one is not shown as zero', () => {
    expect(formatPoints(Number.NaN)).toBe('—')
  })
})

describe('a balance below zero is said plainly', () => {
  it('in words', () => {
    expect(formatBalance(-12.5)).toBe('−12.5 points (below zero)')
    expect(formatBalance(-1)).toBe('−1 points (below zero)')
    expect(formatBalance(1)).toBe('1 point')
    expect(formatBalance(0)).toBe('0 points')
    expect(formatBalance(1234.75)).toBe('1,234.75 points')
  })
  it('as a figure (a balance column)', () => {
    expect(formatBalanceFigure(-0.25)).toBe('−0.25 (below zero)')
    expect(formatBalanceFigure(87.5)).toBe('87.5')
  })
  it('a change keeps its sign', () => {
    expect(formatSignedPoints(40)).toBe('+40')
    expect(formatSignedPoints(0.5)).toBe('+0.5')
    expect(formatSignedPoints(-12.5)).toBe('−12.5')
    expect(formatSignedPoints(0)).toBe('0')
  })
})

describe('addPoints: sums as decimals add up', () => {
  it('no digits nobody had', () => {
    expect(0.1 + 0.2).not.toBe(0.3)
    expect(addPoints(0.1, 0.2)).toBe(0.3)
    expect(addPoints(-12.5, 10)).toBe(-2.5)
    expect(addPoints(1234.75, 40, -0.05)).toBe(1274.7)
    expect(addPoints(5, -5)).toBe(0)
    expect(addPoints()).toBe(0)
  })
  it('keeps every digit of the amounts', () => {
    expect(addPoints(12.3456, 0.0001)).toBe(12.3457)
    expect(addPoints(0.1234567, 1)).toBe(1.1234567)
  })
})

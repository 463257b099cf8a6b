import { describe, expect, it } from 'vitest'
import { formatPhone, toPhone10 } from '../../../shared/phone'
import { classifyInput, cleanScan } from '../../../shared/checkin-input'

describe('toPhone10: what the budtender types becomes AIQ\'s 10 digits', () => {
  it.each([
    ['(303) 555-0100', '3035550100'],
    ['303-555-0100', '3035550100'],
    ['303.555.0100', '3035550100'],
    ['+1 303 555 0100', '3035550100'],
    ['13035550100', '3035550100'],
    [' 3035550100 ', '3035550100'],
  ])('%s', (input, expected) => expect(toPhone10(input)).toBe(expected))

  it.each(['12345', '303555010', '303555010012', '+44 20 7946 0958', 'maya@example.com', 'abc3035550100'])(
    'rejects %s',
    (input) => expect(toPhone10(input)).toBeNull(),
  )

  it('formats for display', () => expect(formatPhone('3035550100')).toBe('(303) 555-0100'))
})

describe('classifyInput routes by content, not by screen', () => {
  it('a phone in any format → loyalty lookup', () => {
    expect(classifyInput('(720) 555-0123')).toEqual({ kind: 'phone', phone: '7205550123' })
  })
  it('a 32-hex contact id → persona', () => {
    expect(classifyInput('560863A6C2B14A5E9F0D1C2B3A4F5E6D')).toEqual({ kind: 'contact', contactID: '560863a6c2b14a5e9f0d1c2b3a4f5e6d' })
  })
  it('an AIQ wallet / QR link → the contact id inside it', () => {
    const id = '0123456789abcdef0123456789abcdef'
    expect(classifyInput(`https://lab.alpineiq.com/wallet/1000/${id}`)).toEqual({ kind: 'contact', contactID: id })
    expect(classifyInput(`https://lab.alpineiq.com/wallet/1000?c=${id}`)).toEqual({ kind: 'contact', contactID: id })
  })
  it('anything else → POS source id', () => {
    expect(classifyInput('POS-77812')).toEqual({ kind: 'srcid', srcID: 'POS-77812' })
    expect(classifyInput('https://example.com/no-id-here')).toEqual({ kind: 'srcid', srcID: 'https://example.com/no-id-here' })
  })
  it('control characters a scanner sends inside a code are dropped', () => {
    expect(cleanScan('\u0002303555\r0100\n')).toBe('3035550100')
    expect(classifyInput('\u0002303-555-0100\u0003')).toEqual({ kind: 'phone', phone: '3035550100' })
  })
})

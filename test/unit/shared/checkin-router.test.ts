// The one router: what the check-in field's hint says and where main sends the input come from one decision.
import { describe, expect, it } from 'vitest'
import { checkInHint, classifyInput, type CheckInInput } from '../../../shared/checkin-input'
import { formatPhone } from '../../../shared/phone'

const CONTACT = '560863a6c2b14a5e9f0d1c2b3a4f5e6d'
const rows: [what: string, typed: string, routed: CheckInInput, hint: string | null][] = [
  ['a typed phone', '(303) 555-0100', { kind: 'phone', phone: '3035550100' as never }, 'Looks like a phone: (303) 555-0100'],
  ['a phone with the country code', '+1 303 555 0100', { kind: 'phone', phone: '3035550100' as never }, 'Looks like a phone: (303) 555-0100'],
  ['a scanned phone in control characters', '\u0002303.555.0100\u0003', { kind: 'phone', phone: '3035550100' as never }, 'Looks like a phone: (303) 555-0100'],
  // ten digits but not a US number (the field's own rule used to call this a phone; main sends it as a POS id)
  ['ten digits of a UK number', '+44 20 7946 09', { kind: 'srcid', srcID: '+44 20 7946 09' }, null],
  ['seven digits', '555-0101', { kind: 'srcid', srcID: '555-0101' }, null],
  ['a contact id', CONTACT.toUpperCase(), { kind: 'contact', contactID: CONTACT }, null],
  ['a wallet link', `https://lab.alpineiq.com/wallet/1000/${CONTACT}`, { kind: 'contact', contactID: CONTACT }, null],
  ['a POS customer id', 'POS-77812', { kind: 'srcid', srcID: 'POS-77812' }, null],
  ['a licence header cut short', '@\n\u001e\rANSI 6360141002', { kind: 'licence' }, null],
  ['the tail of a licence', 'DAQD1234567\nDCSSMITH\nDACANA', { kind: 'licence' }, null],
]

describe('the check-in router: the field’s hint and main’s routing agree', () => {
  it.each(rows)('%s', (_what, typed, routed, hint) => {
    const input = classifyInput(typed)
    expect(input).toEqual(routed)
    expect(checkInHint(input)).toBe(hint)
    // the field says "phone" exactly when main looks the number up as one, and shows the number main asks AIQ about
    expect(hint !== null).toBe(input.kind === 'phone')
    if (input.kind === 'phone') expect(hint).toContain(formatPhone(input.phone))
  })
})

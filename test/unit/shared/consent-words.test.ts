import { describe, expect, it } from 'vitest'
import { consentsCsv, DEFAULT_DISCLOSURE_PARTS, disclosureText, REQUIRED_ELEMENTS, retentionDisclosure, smsDisclosure } from '../../../shared/consent-words'

describe('the disclosure', () => {
  it('has every element the rule names, with the store and program, and names the customer’s number when shown', () => {
    const text = disclosureText({ storeName: 'Green Leaf', programName: 'Leaf Rewards', terms: 'greenleaf.example/terms' })
    const sms = text.split('\n\n')[0]!
    for (const e of REQUIRED_ELEMENTS) expect(sms).toContain(e)
    expect(sms).toContain('Green Leaf')
    expect(sms).toContain('Leaf Rewards')
    expect(smsDisclosure(text, '(303) 555-0199')).toContain('to (303) 555-0199.')
    expect(retentionDisclosure(text)).toContain('Green Leaf keeps your name')
  })
  it('falls back to the default parts for blank ones', () => {
    expect(disclosureText({ storeName: ' ', programName: '', terms: '' })).toBe(disclosureText(DEFAULT_DISCLOSURE_PARTS))
  })
})

describe('the ledger as CSV', () => {
  it('quotes commas and quotes, and never lets a spreadsheet run a cell as a formula', () => {
    const csv = consentsCsv([
      { id: 1, aiqAt: 0, counterAt: 1000, phoneMasked: '(•••) •••-0199', phoneHash: 'ab', channel: 'sms', choice: 'yes', disclosureVersion: 2, disclosureSha256: 'cd', counterName: 'Front, left', budtender: '=HYPERLINK("x")', givenBy: 'customer_screen' },
    ])
    const [header, line] = csv.trimEnd().split('\r\n')
    expect(header).toBe('id,aiq_time,counter_time,phone_masked,phone_hash,channel,choice,disclosure_version,disclosure_sha256,counter,budtender,given_by')
    expect(line).toBe(`1,1970-01-01T00:00:00.000Z,1970-01-01T00:00:01.000Z,(•••) •••-0199,ab,sms,yes,2,cd,"Front, left","'=HYPERLINK(""x"")",customer_screen`)
  })
})

import { describe, expect, it } from 'vitest'
import { looksLikeLicence, looksLikeLicenceData, parseAamva, UNREADABLE_LICENCE, type AamvaLicence } from '../../../shared/aamva'
import { ageOn, calendarDay, checkLicence, MINIMUM_AGE } from '../../../shared/id-check'
import { classifyInput } from '../../../shared/checkin-input'
import { asWedge, barcode, card, STANDARD_2000_EXAMPLE, STANDARD_2020_EXAMPLE } from '../../support/aamva-samples'

const TODAY = '2024-06-01'
const parsed = (text: string): AamvaLicence => {
  const r = parseAamva(text)
  if (!r.ok) throw new Error(r.problem)
  return r.licence
}

describe('the standard’s published examples', () => {
  it('2020 (version 10): Michael Sample, Virginia, born 6 June 1986, expires 10 December 2024', () => {
    expect(parsed(STANDARD_2020_EXAMPLE)).toEqual({
      version: 10, iin: '636000', state: 'VA', document: 'DL', firstName: 'Michael', lastName: 'Sample', dateOfBirth: '1986-06-06', expiry: '2024-12-10',
    })
  })
  it('2000 (version 01): the name from DAA, dates year first', () => {
    expect(parsed(STANDARD_2000_EXAMPLE)).toMatchObject({ version: 1, firstName: 'John', lastName: 'Public', dateOfBirth: '1976-11-23', expiry: '2001-12-01', state: 'VA' })
  })
})

describe('every AAMVA version, DL and ID subfiles', () => {
  for (let version = 1; version <= 10; version++) {
    for (const document of ['DL', 'ID'] as const) {
      it(`version ${String(version).padStart(2, '0')} ${document}: name, date of birth, expiry, state`, () => {
        const l = parsed(card(version, document, '1990-02-14', '2027-08-31'))
        expect(l).toEqual({ version, iin: '636000', state: 'VA', document, firstName: 'John', lastName: 'Public', dateOfBirth: '1990-02-14', expiry: '2027-08-31' })
      })
    }
  }
})

describe('what a keyboard-wedge scanner does to it', () => {
  it('every LF arrives as an Enter: still read', () => {
    expect(parsed(asWedge(STANDARD_2020_EXAMPLE)).lastName).toBe('Sample')
  })
  it('CR LF for each LF, and the RS lost', () => {
    const text = STANDARD_2020_EXAMPLE.replace(/\n/g, '\r\n').replace('\u001e', '')
    expect(parsed(text)).toMatchObject({ firstName: 'Michael', dateOfBirth: '1986-06-06' })
  })
  it('is recognised by content, and the check-in field never sends it to AIQ as a source id', () => {
    expect(looksLikeLicence(asWedge(STANDARD_2020_EXAMPLE))).toBe(true)
    expect(classifyInput(asWedge(STANDARD_2020_EXAMPLE))).toEqual({ kind: 'licence' })
    expect(looksLikeLicence('ANSI 636000 in a note')).toBe(false)
    expect(looksLikeLicence('a1b2c3d4-srcid')).toBe(false)
  })
})

describe('other issuers', () => {
  it('a Canadian card (Ontario) writes dates year first', () => {
    const text = barcode({ version: 8, document: 'DL', iin: '636012', elements: ['DAQS1234', 'DCSTREMBLAY', 'DACMARIE', 'DBB19950301', 'DBA20280301', 'DCGCAN'] })
    expect(parsed(text)).toMatchObject({ state: 'ON', dateOfBirth: '1995-03-01', expiry: '2028-03-01' })
  })
  it('an issuer that wrote the other date order anyway is still read', () => {
    const text = barcode({ version: 5, document: 'DL', elements: ['DAQ1', 'DCSDOE', 'DACJANE', 'DBB19881231', 'DBA20300115'] })
    expect(parsed(text)).toMatchObject({ dateOfBirth: '1988-12-31', expiry: '2030-01-15' })
  })
  it('an issuer not in the list: the address’s state', () => {
    const text = barcode({ version: 9, document: 'ID', iin: '999999', elements: ['DAQ1', 'DCSDOE', 'DACJANE', 'DBB01011990', 'DBA01012030', 'DAJCO'] })
    expect(parsed(text).state).toBe('CO')
  })
})

describe('malformed', () => {
  it.each([
    ['not a licence', '3035550100', 'This is not a licence barcode.'],
    ['a header cut short', '@\n\u001e\rANSI 6360', 'The licence header could not be read.'],
    ['no DL or ID subfile', barcode({ version: 8, document: 'DL', elements: ['DAQ1'] }).replace(/DL(\d{8})/, 'EN$1'), 'The barcode has no licence or ID card data.'],
    ['no date of birth', barcode({ version: 8, document: 'DL', elements: ['DAQ1', 'DCSDOE', 'DACJANE', 'DBA01012030'] }), 'The date of birth could not be read.'],
    ['an impossible date of birth', barcode({ version: 8, document: 'DL', elements: ['DAQ1', 'DCSDOE', 'DACJANE', 'DBB13451990', 'DBA01012030'] }), 'The date of birth could not be read.'],
    ['no expiry', barcode({ version: 8, document: 'DL', elements: ['DAQ1', 'DCSDOE', 'DACJANE', 'DBB01011990'] }), 'The expiry date could not be read.'],
    ['no name', barcode({ version: 8, document: 'DL', elements: ['DAQ1', 'DBB01011990', 'DBA01012030'] }), 'The name could not be read.'],
    ['the elements lost (scanner sends no control characters)', '@ANSI 636000100001DL00310100DL', 'The licence data could not be read.'],
  ])('%s', (_, text, problem) => {
    expect(parseAamva(text)).toEqual({ ok: false, problem })
  })
})

describe('the check', () => {
  const born = (dob: string, expiry = '2030-01-01') => parsed(card(10, 'DL', dob, expiry))
  it('21 today passes; 21 tomorrow is under age', () => {
    expect(checkLicence(born('2003-06-01'), TODAY, MINIMUM_AGE.adult)).toEqual({ verdict: 'pass', age: 21, minimumAge: 21 })
    expect(checkLicence(born('2003-06-02'), TODAY, MINIMUM_AGE.adult)).toEqual({ verdict: 'under_age', age: 20, minimumAge: 21 })
  })
  it('a medical store serves 18 and over', () => {
    expect(checkLicence(born('2005-05-01'), TODAY, MINIMUM_AGE.medical).verdict).toBe('pass')
    expect(checkLicence(born('2006-06-02'), TODAY, MINIMUM_AGE.medical).verdict).toBe('under_age')
  })
  it('valid through its expiry day, expired the day after', () => {
    expect(checkLicence(born('1980-01-01', TODAY), TODAY, 21).verdict).toBe('pass')
    expect(checkLicence(born('1980-01-01', '2024-05-31'), TODAY, 21).verdict).toBe('expired')
  })
  it('under age wins over expired; nothing read is unreadable', () => {
    expect(checkLicence(born('2010-01-01', '2020-01-01'), TODAY, 21).verdict).toBe('under_age')
    expect(checkLicence(null, TODAY, 21)).toEqual({ verdict: 'unreadable', age: null, minimumAge: 21 })
  })
  it('a 29 February birthday comes of age on 1 March in a common year', () => {
    expect(ageOn('2003-02-29', '2024-02-28')).toBe(20)
    expect(ageOn('2004-02-29', '2025-02-28')).toBe(20)
    expect(ageOn('2004-02-29', '2025-03-01')).toBe(21)
  })
  it('the day is the store’s: 23:30 in Denver is already tomorrow in UTC', () => {
    const at = Date.UTC(2024, 5, 2, 5, 30) // 1 June 23:30 MDT
    expect(calendarDay(at, 'America/Denver')).toBe('2024-06-01')
    expect(calendarDay(at, 'UTC')).toBe('2024-06-02')
  })
})

describe('dates that cannot be right read as unreadable, never as under age', () => {
  const born = (dob: string, expiry = '2030-01-01') => parsed(card(10, 'DL', dob, expiry))
  it('a birth date after today', () => {
    expect(checkLicence(born('2024-06-02'), TODAY, 21)).toMatchObject({ verdict: 'unreadable', age: null })
    expect(checkLicence(born('2090-01-01'), TODAY, 21).verdict).toBe('unreadable')
    expect(checkLicence(born('2024-06-01'), TODAY, 21).verdict).toBe('under_age') // born today: a real (if odd) card
  })
  it('an expiry more than 20 years out', () => {
    expect(checkLicence(born('1980-01-01', '2044-06-02'), TODAY, 21)).toMatchObject({ verdict: 'unreadable', age: null })
    expect(checkLicence(born('2010-01-01', '2090-01-01'), TODAY, 21).verdict).toBe('unreadable')
    expect(checkLicence(born('1980-01-01', '2044-06-01'), TODAY, 21).verdict).toBe('pass')
  })
})

describe('a licence is a licence wherever its header starts (never a POS source id)', () => {
  /** what scanners and keyboard layouts do to the "@" before the header */
  const variants = (text: string): [string, string][] => [
    ['as the card holds it', text],
    ['after a symbology prefix ]L2', `]L2${text}`],
    ['without its "@"', text.slice(1)],
    ['with \'"\' for "@" (UK / German layout)', `"${text.slice(1)}`],
    ['without "@", LF, RS or CR', text.replace(/^@\n\u001e\r/, '')],
    ['after stray characters', `xx 12${text}`],
  ]
  const samples: [string, string][] = [
    ['2020 example', STANDARD_2020_EXAMPLE],
    ['2000 example', STANDARD_2000_EXAMPLE],
    ...[1, 2, 4, 8, 10].map((v): [string, string] => [`version ${v} ID card`, card(v, 'ID', '1990-02-14', '2027-08-31')]),
  ]
  for (const [name, sample] of samples) {
    for (const [how, text] of variants(sample)) {
      for (const [typed, t] of [['', text], [', through a wedge', asWedge(text)]] as const) {
        it(`${name} ${how}${typed}: read, and routed to the ID check`, () => {
          expect(looksLikeLicence(t)).toBe(true)
          expect(classifyInput(t)).toEqual({ kind: 'licence' })
          expect(parseAamva(t).ok).toBe(true)
        })
      }
    }
  }
  it('"AAMVA" (before the standard) counts as the file type too', () => {
    const text = STANDARD_2000_EXAMPLE.replace('ANSI ', 'AAMVA')
    expect(looksLikeLicence(`]L2${text.slice(1)}`)).toBe(true)
  })
})

describe('what can only be part of a licence is never sent or shown: "Couldn’t read this licence — scan again"', () => {
  const wedge = asWedge(STANDARD_2020_EXAMPLE)
  it.each([
    ['the head of a split scan: header and the first fields', wedge.slice(0, 90)],
    ['a header cut short after its version', 'ANSI 636014100002DL0041'],
    ['the tail of a split scan: element lines only', wedge.slice(wedge.indexOf('DCSSAMPLE'))],
    ['two element lines', 'DCSSAMPLE\rDBB06061986'],
    ['the elements run together (no line breaks)', STANDARD_2020_EXAMPLE.replace(/[\r\n\u001e]/g, '').slice(1)],
  ])('%s', (_, text) => {
    expect(looksLikeLicenceData(text)).toBe(true)
    expect(classifyInput(text)).toEqual({ kind: 'licence' })
    const r = parseAamva(text)
    if (!r.ok) expect(r.problem).not.toContain('SAMPLE')
  })
  it('the tail of a split scan says so', () => {
    expect(parseAamva(wedge.slice(wedge.indexOf('DCSSAMPLE')))).toEqual({ ok: false, problem: UNREADABLE_LICENCE })
  })
  it.each(['POS-77812', 'DAQ123456', 'ANSI 636000 in a note', 'LOYALTY-42', 'A1B2C3D4E5'])('%s is still a POS source id', (text) => {
    expect(looksLikeLicenceData(text)).toBe(false)
    expect(classifyInput(text)).toEqual({ kind: 'srcid', srcID: text })
  })
})

import { describe, expect, it } from 'vitest'
import { createScanner, keyChar, stripScannedTail, type ScanKey } from '../../../shared/scanner'
import { classifyInput } from '../../../shared/checkin-input'
import { asWedge, STANDARD_2020_EXAMPLE } from '../../support/aamva-samples'

type Scanner = ReturnType<typeof createScanner>

/** Feeds keys at fixed gaps; returns what the page would see, ending with a quiet tick after the last key. */
function play(scanner: Scanner, keys: (string | ScanKey)[], gapMs: number | number[], start = 1000) {
  let t = start
  const scans: string[] = []
  const swallowed: string[] = []
  const released: string[] = []
  keys.forEach((k, i) => {
    const key = typeof k === 'string' ? { key: k } : k
    if (i > 0) t += Array.isArray(gapMs) ? gapMs[i - 1]! : gapMs
    const v = scanner.key(key, t)
    if (v.scan) scans.push(v.scan)
    if (v.released) released.push(v.released)
    if (v.swallow) swallowed.push(key.key)
  })
  const end = scanner.tick(t + 500)
  if (end.scan) scans.push(end.scan)
  if (end.released) released.push(end.released)
  return { scans, swallowed, released, endedAt: t }
}

const chars = (s: string) => [...s]

describe('a scan right after a person typed (issue 19 item 5)', () => {
  it('a busy PC that leaves one scanned key alone between two stalls: still the whole code, once', () => {
    const code = 'e73205e3-15eb-4df9-a3e6-a2b2fb6cb64c'
    // key events held and released in bunches: most 1 ms apart, two 40 ms stalls around one key in the middle
    const gaps = chars(code).map((_, i) => (i === 19 || i === 20 ? 40 : 1))
    const { scans, released } = play(createScanner(), [...chars(code), 'Enter'], gaps)
    expect(scans).toEqual([code])
    expect(released).toEqual([])
  })

  const typed = chars('favourite')
  const scan = [...chars('3035550100'), 'Enter']
  /** a person's keys 120 ms apart, then `toScan` ms to the scanner's first key, then the scanner's own gaps */
  const gaps = (toScan: number, scanGaps: number[]) => [...typed.slice(1).map(() => 120), toScan, ...scanGaps]

  it('a scan within ¼ s of typing is a scan of its own keys only; its Enter never reaches the page', () => {
    const r = play(createScanner(), [...typed, ...scan], gaps(200, scan.slice(1).map(() => 6)))
    expect(r.scans).toEqual(['3035550100'])
    expect(r.swallowed).toEqual(['Enter'])
    expect(r.released).toEqual([])
  })

  it('the scan’s first key hard on the last typed key (20 ms) is the scan’s, the typed key is not', () => {
    const r = play(createScanner(), [...typed, ...scan], gaps(20, scan.slice(1).map(() => 6)))
    expect(r.scans).toEqual(['3035550100'])
    expect(r.swallowed).toEqual(['Enter'])
  })

  it('a busy PC: the scan’s first key, then a 120 ms stall, then the rest bunched on one time stamp — all of it is the scan', () => {
    const r = play(createScanner(), [...typed, ...scan], gaps(150, [120, ...scan.slice(2).map(() => 0)]))
    expect(r.scans).toEqual(['3035550100'])
    expect(r.swallowed).toEqual(['Enter'])
  })

  it('a busy PC: stalls inside a code that is not a phone do not cut its head off', () => {
    const code = [...chars('LOYALTY-42'), 'Enter']
    const r = play(createScanner(), [...typed, ...code], gaps(180, [0, 0, 90, 0, 0, 0, 110, 0, 0, 0]))
    expect(r.scans).toEqual(['LOYALTY-42'])
  })

  it('a licence scanned right after typing is held back from its header on, and the typing is not part of it', () => {
    const keys: (string | ScanKey)[] = ['@', 'Enter', { key: '^', ctrlKey: true }, 'Enter', ...chars('ANSI 6360120101DL'), 'Enter']
    const r = play(createScanner(), [...typed, ...keys], gaps(150, keys.slice(1).map(() => 6)))
    expect(r.scans).toEqual(['@\r\u001e\rANSI 6360120101DL'])
    expect(r.swallowed).toEqual(['Enter', 'Enter', ...chars('6360120101DL'), 'Enter'])
  })

  it('a person typing fast (8 keys 60 ms apart, some rolled over) is typing: their Enter goes through', () => {
    expect(play(createScanner(), [...chars('favourit'), 'Enter'], 60)).toMatchObject({ scans: [], swallowed: [], released: [] })
    const rolled = play(createScanner(), [...chars('favourit'), 'Enter'], [60, 25, 80, 30, 90, 20, 70, 60])
    expect(rolled).toMatchObject({ scans: [], swallowed: [], released: [] })
  })
})

describe('scanner detection', () => {
  it('a fast burst ended by Enter is a scan, and its Enter never reaches the page', () => {
    const r = play(createScanner(), [...chars('5552010001'), 'Enter'], 8)
    expect(r.scans).toEqual(['5552010001'])
    expect(r.swallowed).toEqual(['Enter'])
    expect(r.released).toEqual([])
  })

  it('a scanned phone checks in at its Enter, without waiting out the grace for more fields', () => {
    const scanner = createScanner()
    ;[...'13035550100'].forEach((k, i) => scanner.key({ key: k }, i * 8))
    expect(scanner.key({ key: 'Enter' }, 88)).toMatchObject({ scan: '13035550100', swallow: true })
    expect(scanner.busy).toBe(false)
  })

  it('a code that is not a phone still waits the grace (a licence may go on after its Enter)', () => {
    const scanner = createScanner()
    ;[...'DAQ123456'].forEach((k, i) => scanner.key({ key: k }, i * 8))
    expect(scanner.key({ key: 'Enter' }, 72)).toMatchObject({ scan: null, swallow: true })
    expect(scanner.tick(72 + 60).scan).toBe('DAQ123456')
  })

  it('a Tab suffix ends a scan too', () => {
    const r = play(createScanner(), [...chars('LOYALTY-42'), 'Tab'], 10)
    expect(r.scans).toEqual(['LOYALTY-42'])
    expect(r.swallowed).toEqual(['Tab'])
  })

  it('a person typing a phone is not a scan, and their Enter goes through at once', () => {
    const r = play(createScanner(), [...chars('5552010001'), 'Enter'], 140)
    expect(r.scans).toEqual([])
    expect(r.swallowed).toEqual([])
    expect(r.released).toEqual([])
  })

  it('a quick typist (avg 60 ms between keys) is still a person', () => {
    const r = play(createScanner(), [...chars('5552010001'), 'Enter'], 60)
    expect(r.scans).toEqual([])
    expect(r.swallowed).toEqual([])
  })

  it('decides on the average gap: one slow key inside an otherwise fast burst still scans', () => {
    const gaps = [5, 5, 5, 70, 5, 5, 5, 5, 5, 5]
    const r = play(createScanner(), [...chars('5552010001'), 'Enter'], gaps)
    expect(r.scans).toEqual(['5552010001'])
  })

  it('a burst shorter than the minimum length is not a scan', () => {
    const r = play(createScanner(), [...chars('12345'), 'Enter'], 5)
    expect(r.scans).toEqual([])
  })

  it('a fast burst without Enter or Tab never submits', () => {
    const r = play(createScanner(), chars('5552010001'), 5)
    expect(r.scans).toEqual([])
  })

  it('an Enter inside a licence burst does not end it while keys keep coming', () => {
    // AAMVA header: "@" LF RS CR "ANSI 636012..." — LF/CR arrive as Enter, RS as Ctrl+^
    const keys: (string | ScanKey)[] = ['@', 'Enter', { key: '^', ctrlKey: true }, 'Enter', ...chars('ANSI 6360120101DL'), 'Enter']
    const r = play(createScanner(), keys, 6)
    expect(r.scans).toEqual(['@\r\u001e\rANSI 6360120101DL'])
    // once "ANSI 6" shows it is a licence: the rest never reaches the page
    expect(r.swallowed).toEqual(['Enter', 'Enter', ...chars('6360120101DL'), 'Enter'])
    expect(r.released).toEqual([])
  })

  it('an Enter mid-burst after six characters waits for the rest of the code', () => {
    const keys = [...chars('DAQ123'), 'Enter', ...chars('DCSSMITH'), 'Enter']
    const r = play(createScanner(), keys, 7)
    expect(r.scans).toEqual(['DAQ123\rDCSSMITH'])
  })

  it('a held Enter that turns out not to end a scan is handed back to the page', () => {
    // "@" then a quick Enter, then nothing: too short to be a scan; the page should submit after all
    const r = play(createScanner(), ['1', '2', 'Enter'], 10)
    expect(r.scans).toEqual([])
    expect(r.swallowed).toEqual(['Enter'])
    expect(r.released).toEqual(['Enter'])
  })

  it('two scans in a row, separated by a pause, give two check-ins', () => {
    const s = createScanner()
    const first = play(s, [...chars('5552010001'), 'Enter'], 5, 1000)
    const second = play(s, [...chars('5552010002'), 'Enter'], 5, first.endedAt + 2000)
    expect([...first.scans, ...second.scans]).toEqual(['5552010001', '5552010002'])
  })

  it('the next key after the grace period reports the finished scan when no tick came', () => {
    const s = createScanner()
    let t = 0
    for (const k of [...chars('POS-77812'), 'Enter']) s.key({ key: k }, (t += 5))
    const v = s.key({ key: 'x' }, t + 300)
    expect(v.scan).toBe('POS-77812')
  })

  it('modifier keys (Shift for capitals) do not break a burst', () => {
    const keys = ['Shift', 'A', 'Shift', 'B', ...chars('C12345'), 'Enter']
    const r = play(createScanner(), keys, 4)
    expect(r.scans).toEqual(['ABC12345'])
  })

  it('an arrow or Escape key breaks the burst', () => {
    const keys = [...chars('555201'), 'ArrowLeft', ...chars('0001'), 'Enter']
    const r = play(createScanner(), keys, 5)
    expect(r.scans).toEqual([])
  })

  describe('with a prefix character', () => {
    it('swallows the whole scan, however slowly the scanner sends it', () => {
      const s = createScanner({ prefix: '~' })
      const r = play(s, ['~', ...chars('AB12'), 'Enter'], 120)
      expect(r.scans).toEqual(['AB12'])
      expect(r.swallowed).toEqual(['~', 'A', 'B', '1', '2', 'Enter'])
    })

    it('accepts STX sent as Ctrl+B as the prefix', () => {
      const s = createScanner({ prefix: '\u0002' })
      const r = play(s, [{ key: 'b', ctrlKey: true }, ...chars('5552010001'), 'Enter'], 50)
      expect(r.scans).toEqual(['5552010001'])
    })

    it('gives up on a prefixed scan that stops sending, so typing is not swallowed forever', () => {
      const s = createScanner({ prefix: '~', prefixTimeoutMs: 1000 })
      s.key({ key: '~' }, 0)
      expect(s.key({ key: '5' }, 5000).swallow).toBe(false)
    })
  })
})

/** The keys a keyboard-wedge scanner types for this text: LF and CR as Enter, RS as Ctrl+^. */
const wedgeKeys = (text: string): (string | ScanKey)[] =>
  [...text].map((c) => (c === '\r' || c === '\n' ? 'Enter' : c === '\u001e' ? { key: '^', ctrlKey: true } : c))

describe('a licence is one scan, whatever a busy PC or the scanner does to it', () => {
  const licence = STANDARD_2020_EXAMPLE
  const keys = wedgeKeys(licence)
  const whole = asWedge(licence).replace(/\r+$/, '')

  it('stalls of a busy PC (600 ms mid-field, 200 ms after an Enter) do not split it into typing and a scan', () => {
    const gaps = keys.slice(1).map((_, i) => (i === 120 ? 600 : keys[i] === 'Enter' && i > 200 && i < 210 ? 200 : 8))
    const afterEnter = keys.findIndex((k, i) => i > 200 && k === 'Enter')
    gaps[afterEnter] = 200
    const r = play(createScanner(), keys, gaps)
    expect(r.scans).toEqual([whole])
    expect(r.released).toEqual([])
  })

  it('from its header on, no key of it reaches the page (no licence text lands in a field)', () => {
    const r = play(createScanner(), keys, 8)
    const headerEnd = licence.indexOf('ANSI 6') + 'ANSI 6'.length
    expect(r.swallowed.length).toBeGreaterThanOrEqual(keys.length - headerEnd)
  })

  it.each([
    ['a symbology prefix', `]L2${licence}`],
    ['no "@"', licence.slice(1)],
    ['"\"" for "@" (UK or German layout)', `"${licence.slice(1)}`],
  ])('with %s', (_, text) => {
    const r = play(createScanner(), wedgeKeys(text), 8)
    expect(r.scans).toHaveLength(1)
    expect(classifyInput(r.scans[0]!)).toEqual({ kind: 'licence' })
  })

  it('a licence the scanner stops sending half-way comes out as a scan (for the ID check), not as typing', () => {
    const s = createScanner()
    const half = keys.slice(0, 150)
    half.forEach((k, i) => s.key(typeof k === 'string' ? { key: k } : k, i * 8))
    expect(s.tick(149 * 8 + 300).scan).toBeNull() // a pause is waited out
    const cut = s.tick(149 * 8 + s.options.licenceTimeoutMs + 1).scan
    expect(cut).not.toBeNull()
    expect(classifyInput(cut!)).toEqual({ kind: 'licence' })
  })

  it('a person typing "ANSI 636…" slowly is typing: nothing swallowed', () => {
    const r = play(createScanner(), chars('ANSI 636014'), 120)
    expect(r.swallowed).toEqual([])
  })
})

describe('keyChar', () => {
  it('maps Ctrl+letters to control characters and ignores modifiers', () => {
    expect(keyChar({ key: 'j', ctrlKey: true })).toBe('\n')
    expect(keyChar({ key: 'Shift' })).toBe('')
    expect(keyChar({ key: 'Escape' })).toBeNull()
    expect(keyChar({ key: 'a', altKey: true })).toBeNull()
  })
})

describe('stripScannedTail', () => {
  it('removes the characters a scan left in the field the person was in', () => {
    expect(stripScannedTail('Jane5552010001', '5552010001')).toBe('Jane')
    expect(stripScannedTail('Jane', '5552010001')).toBe('Jane')
    expect(stripScannedTail('x@ANSI 1', '@\r\u001e\rANSI 1')).toBe('x')
  })
  it('removes the head of a licence that leaked before its header showed (the rest was held back)', () => {
    expect(stripScannedTail('Jane]L2@ANSI 6', `]L2${STANDARD_2020_EXAMPLE}`)).toBe('Jane')
    expect(stripScannedTail('Jane POS', 'POS-77812')).toBe('Jane POS') // not a licence: only a whole scan is removed
  })
  it('removes the scan where the caret is, and nothing the person typed', () => {
    expect(stripScannedTail('fav3035550100ourite', '3035550100', 13)).toBe('favourite')
    expect(stripScannedTail('fav3035550100ourite', '3035550100', 19)).toBe('fav3035550100ourite')
    expect(stripScannedTail('favourite035550100', '3035550100')).toBe('favourite035550100')
  })
})

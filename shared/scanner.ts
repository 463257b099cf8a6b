// Tells a keyboard-wedge scanner from a person typing, from key timing alone (no DOM here).
// A scan is a fast burst (average gap <= maxAvgGapMs, at least minLength characters) ended by Enter or Tab,
// or anything that starts with the configured prefix character. Enter/Tab inside a burst does not end it at once:
// an AAMVA licence carries CR and LF between its fields, so we wait endGraceMs for more keys before deciding.
// A burst that turns out to be a licence (its header seen) is held as one: its keys are kept from the page (licence
// text never lands in a field), and a busy PC's stalls are waited out instead of splitting it into typing and a scan.

export interface ScannerOptions {
  /** average milliseconds between keys at or below which a burst counts as a scanner */
  maxAvgGapMs: number
  /** any single gap longer than this starts a new burst (generous: a busy PC can stall key events for 100+ ms) */
  maxGapMs: number
  /** how long to wait after Enter/Tab for more keys before the scan ends */
  endGraceMs: number
  /** fewest characters (terminators not counted) a scan can have */
  minLength: number
  /** a character the scanner is set to send first (e.g. "\u0002" STX, or "~"); null when unused */
  prefix: string | null
  /** with a prefix, a scan that stops sending keys for this long is abandoned */
  prefixTimeoutMs: number
  /** a licence (its header seen) ends this long after its last Enter, and what came of it is a scan after this long of silence */
  licenceGraceMs: number
  licenceTimeoutMs: number
}

export const defaultScannerOptions: ScannerOptions = {
  maxAvgGapMs: 35,
  maxGapMs: 250,
  endGraceMs: 60,
  minLength: 6,
  prefix: null,
  prefixTimeoutMs: 1000,
  licenceGraceMs: 300,
  licenceTimeoutMs: 1500,
}

/** The parts of a keydown event the scanner looks at. */
export interface ScanKey {
  key: string
  ctrlKey?: boolean
  altKey?: boolean
  metaKey?: boolean
}

interface Stroke {
  ch: string
  at: number
}

export interface ScannerState {
  strokes: Stroke[]
  /** true once the prefix character was seen: everything until the terminator is a scan */
  prefixed: boolean
  /** time of the Enter/Tab that may end the burst, when one is waiting for its grace period */
  endingAt: number | null
  /** true once a fast burst showed a licence header: everything until it ends is the licence */
  licence: boolean
}

export const idleScanner: ScannerState = { strokes: [], prefixed: false, endingAt: null, licence: false }

/** the start of an AAMVA header, after whatever the scanner or keyboard layout put before it ("@", '"', "]L2") */
const LICENCE_HEADER = /(ANSI ?|AAMVA)\d/
/** the header comes within the first few characters; looking further would cost time on every key of a long burst */
const HEADER_WITHIN = 24


const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'CapsLock', 'AltGraph', 'NumLock', 'Dead', 'Unidentified'])

/** The character a key stands for in a scan, '' for a key to ignore, or null for a key that breaks any burst. */
export function keyChar(k: ScanKey): string | null {
  if (MODIFIERS.has(k.key)) return ''
  if (k.key === 'Enter') return '\r'
  if (k.key === 'Tab') return '\t'
  if (k.key.length === 1) {
    if (k.metaKey || k.altKey) return null
    // Wedge scanners send control characters (LF, RS, STX, ...) as Ctrl+letter.
    if (k.ctrlKey) {
      const code = k.key.toUpperCase().charCodeAt(0)
      return code >= 0x40 && code <= 0x5f ? String.fromCharCode(code - 0x40) : null
    }
    return k.key
  }
  return null
}

const isTerminator = (ch: string) => ch === '\r' || ch === '\t'
/** 10 digits, or 11 starting with the US country code: a phone scanned from a card */
const COMPLETE_PHONE = /^1?\d{10}$/

/** The scan text when the strokes make a scan, else null. Trailing terminators, the prefix, and a person's typing
 * that ran into the scan (see scanStart) are dropped. */
export function burstText(state: ScannerState, opts: ScannerOptions): string | null {
  const strokes = [...state.strokes]
  while (strokes.length > 0 && isTerminator(strokes[strokes.length - 1]!.ch)) strokes.pop()
  if (state.prefixed || state.licence) {
    const text = strokes.map((s) => s.ch).join('')
    return text.length > 0 ? text : null
  }
  // the scan without the person's typing before it; failing that, the whole burst as one scan (a busy PC can leave a
  // scanned key with slow gaps on both sides, which the walk back takes for the person's)
  for (const start of [scanStart(strokes, opts), 0]) {
    const text = strokes.slice(start).map((s) => s.ch).join('')
    if (text.replace(/[\u0000-\u001f]/g, '').length >= opts.minLength && averageGap(state.strokes.slice(start)) <= opts.maxAvgGapMs) return text
  }
  return null
}

/**
 * Where the scan begins in a burst a person's typing ran into (typed within maxGapMs before the scanner fired).
 * By timing, walking back from the last key: a key is the scanner's when the next one came fast after it, or when it
 * came fast after its own predecessor (then the slow gap after it is a busy PC holding key events, not a person).
 * Timing cannot tell a person's last key from a scan's first key that a stall followed, or that came hard on a
 * typed key; there a phone number decides: a start up to two keys either way that makes the scan a whole phone wins.
 */
export function scanStart(strokes: readonly Stroke[], opts: ScannerOptions): number {
  const fast = (i: number) => i > 0 && strokes[i]!.at - strokes[i - 1]!.at <= opts.maxAvgGapMs
  // across a key a stall left alone (slow on both sides) when scanner-paced keys go on before it: a person's typing
  // does not come three keys at scanner pace
  const scannerRunBefore = (i: number) => fast(i) && fast(i - 1) && fast(i - 2)
  let k = strokes.length - 1
  while (k > 0 && (fast(k) || fast(k - 1) || scannerRunBefore(k - 2))) k--
  if (k < 0) return 0
  const textFrom = (i: number) => strokes.slice(i).map((s) => s.ch).join('')
  if (COMPLETE_PHONE.test(textFrom(k))) return k
  // fewer of the person's keys first: the start that leaves them in the field, then the one that takes a stalled first key
  for (const i of [k + 1, k - 1, k + 2, k - 2]) {
    if (i >= 0 && i < strokes.length && COMPLETE_PHONE.test(textFrom(i))) return i
  }
  return k
}

export function averageGap(strokes: readonly Stroke[]): number {
  if (strokes.length < 2) return Infinity
  return (strokes[strokes.length - 1]!.at - strokes[0]!.at) / (strokes.length - 1)
}

export interface TickVerdict {
  state: ScannerState
  scan: string | null
  /** an Enter/Tab that was held back but turned out not to end a scan: the page should act on it after all */
  released: 'Enter' | 'Tab' | null
}

/** Time passes with no key: ends a burst whose terminator's grace period is over. */
export function scannerTick(state: ScannerState, now: number, opts: ScannerOptions = defaultScannerOptions): TickVerdict {
  if (state.endingAt !== null && now - state.endingAt >= graceOf(state, opts)) {
    const scan = burstText(state, opts)
    const last = state.strokes[state.strokes.length - 1]?.ch
    const released = scan === null ? (last === '\t' ? 'Tab' : 'Enter') : null
    return { state: idleScanner, scan, released }
  }
  const last = state.strokes[state.strokes.length - 1]
  // a licence that stopped half-way is still licence text: it goes to the ID check (which says "scan again"), never to typing
  if (last && now - last.at > timeoutOf(state, opts)) return { state: idleScanner, scan: state.licence ? burstText(state, opts) : null, released: null }
  return { state, scan: null, released: null }
}

const graceOf = (s: ScannerState, opts: ScannerOptions) => (s.licence ? opts.licenceGraceMs : opts.endGraceMs)
const timeoutOf = (s: ScannerState, opts: ScannerOptions) => (s.licence ? opts.licenceTimeoutMs : s.prefixed ? opts.prefixTimeoutMs : opts.maxGapMs)

/** Milliseconds from the last key until time alone can settle the burst (end it, or abandon it). */
export function waitOf(s: ScannerState, opts: ScannerOptions): number {
  return s.endingAt !== null ? graceOf(s, opts) : timeoutOf(s, opts)
}

/** A fast burst whose first characters hold a licence header: from here on it is a licence. Typing before it is not part of it. */
function startsLicence(s: ScannerState, opts: ScannerOptions): ScannerState | null {
  if (s.licence || s.prefixed || !/\d/.test(s.strokes[s.strokes.length - 1]!.ch)) return null
  const scan = s.strokes.slice(scanStart(s.strokes, opts))
  if (scan.length > HEADER_WITHIN || averageGap(scan) > opts.maxAvgGapMs) return null
  return LICENCE_HEADER.test(scan.map((k) => k.ch).join('')) ? { ...s, strokes: scan, licence: true } : null
}

export interface KeyVerdict extends TickVerdict {
  /** true: keep this key from reaching the page (a held terminator, the prefix, or a key of a prefixed scan) */
  swallow: boolean
}

export function scannerKey(state: ScannerState, key: ScanKey, now: number, opts: ScannerOptions = defaultScannerOptions): KeyVerdict {
  // First let time settle the previous burst: a finished scan comes out here.
  const settled = scannerTick(state, now, opts)
  const { scan, released } = settled
  let s = settled.state
  const ch = keyChar(key)
  if (ch === '') return { state: s, swallow: s.prefixed || s.licence, scan, released }
  if (ch === null) return { state: idleScanner, swallow: false, scan, released }

  if (opts.prefix !== null && ch === opts.prefix && !s.prefixed) {
    return { state: { strokes: [{ ch: '', at: now }], prefixed: true, endingAt: null, licence: false }, swallow: true, scan, released }
  }
  const prev = s.strokes[s.strokes.length - 1]
  if (!prev && isTerminator(ch)) return { state: idleScanner, swallow: false, scan, released }

  s = { ...s, strokes: [...s.strokes, { ch, at: now }], endingAt: isTerminator(ch) ? now : null }
  if (!isTerminator(ch)) {
    s = startsLicence(s, opts) ?? s
    return { state: s, swallow: s.prefixed || s.licence, scan, released }
  }
  // A terminator: hold it back while what came before looks like a scan, or is still a fast burst that a
  // control character inside a licence (CR, LF) may be interrupting. A person's Enter passes straight through.
  const text = burstText(s, opts)
  // A phone number is complete as it stands (no licence field follows it): check in now rather than after the grace.
  if (text !== null && !s.prefixed && !s.licence && COMPLETE_PHONE.test(text)) return { state: idleScanner, swallow: true, scan: text, released }
  const fastSoFar = prev !== undefined && now - prev.at <= opts.maxAvgGapMs && averageGap(s.strokes.slice(scanStart(s.strokes, opts))) <= opts.maxAvgGapMs
  if (s.prefixed || s.licence || text !== null || fastSoFar) return { state: s, swallow: true, scan, released }
  return { state: idleScanner, swallow: false, scan, released }
}

/** A small stateful wrapper for the page: feed it keys and ticks, it hands back what to do. */
export function createScanner(opts: Partial<ScannerOptions> = {}) {
  const options = { ...defaultScannerOptions, ...opts }
  let state = idleScanner
  return {
    options,
    key(key: ScanKey, now: number): Omit<KeyVerdict, 'state'> {
      const { state: next, ...rest } = scannerKey(state, key, now, options)
      state = next
      return rest
    },
    tick(now: number): Omit<TickVerdict, 'state'> {
      const { state: next, ...rest } = scannerTick(state, now, options)
      state = next
      return rest
    },
    /** true while a burst is in progress (the page should schedule a tick) */
    get busy(): boolean {
      return state.strokes.length > 0 || state.prefixed
    },
    /** how long after the last key the page's tick can settle the burst */
    get waitMs(): number {
      return waitOf(state, options)
    },
  }
}

/**
 * Remove scanned characters that leaked into a text field the person was typing in: the whole scan, or its first few
 * characters (a licence's keys are held back once its header shows, so only what came before it leaked). Only the
 * characters just before the caret (where the scanner typed them; the end when unknown) and only when they are exactly
 * the scan's: what the person typed stays as it is.
 */
export function stripScannedTail(value: string, scan: string, caret: number = value.length): string {
  const printable = scan.replace(/[\u0000-\u001f\u007f]/g, '')
  const before = value.slice(0, caret)
  const cut = (n: number) => value.slice(0, caret - n) + value.slice(caret)
  if (printable.length > 0 && before.endsWith(printable)) return cut(printable.length)
  if (!LICENCE_HEADER.test(printable.slice(0, HEADER_WITHIN))) return value
  for (let k = Math.min(before.length, printable.length - 1, HEADER_WITHIN); k >= 3; k--) {
    if (before.endsWith(printable.slice(0, k))) return cut(k)
  }
  return value
}

// Reads the PDF417 barcode on a North American driver's licence or ID card (AAMVA DL/ID Card Design Standard,
// versions 01 (2000) to 10 (2020)). Pure: no Node, no DOM. Only what the ID check needs comes out: name, date of birth,
// expiry, issuing jurisdiction, document type. The raw text is never kept by callers.
//
// What a keyboard-wedge scanner does to the payload, and how this copes:
// - the header's LF, RS and CR and every LF between elements arrive as keystrokes; Enter may stand for either CR or LF,
//   and some scanners send CR LF for one LF: any run of CR/LF is one separator here, RS is optional;
// - the subfile offsets and lengths in the header count bytes before the scanner touched them, so they are read but not
//   trusted: the subfile is found by its type ("DL" or "ID") followed by an element id.

export type AamvaDocument = 'DL' | 'ID'

export interface AamvaLicence {
  /** AAMVA version number from the header: 1 (2000) .. 10 (2020); 0 = before the standard */
  version: number
  /** issuer identification number: which jurisdiction issued it */
  iin: string
  /** two-letter code of the issuing state or province, from the IIN (else the address's jurisdiction) */
  state: string | null
  document: AamvaDocument
  firstName: string
  lastName: string
  /** ISO dates, yyyy-mm-dd */
  dateOfBirth: string
  expiry: string
}

export type AamvaResult = { ok: true; licence: AamvaLicence } | { ok: false; problem: string }

/**
 * The file type and the issuer's 6-digit number, wherever they start: what comes before the "@" header byte varies by
 * scanner (a symbology prefix such as "]L2", a lost "@", or '"' where a UK or German keyboard layout typed the "@").
 */
const HEADER = /(ANSI ?|AAMVA)(?=\d{6})/
/** where the parser starts reading: the file type before any digit (a header cut short is read, and found short) */
const FILE_TYPE = /(ANSI ?|AAMVA)(?=\d)/
/** the DL or ID subfile itself (not its designator, which is followed by digits): the type, then an element id */
const SUBFILE = /(DL|ID)[\r\n]*D[A-D][A-Z]/
/** a header cut short still carries its version after the issuer's number ("ANSI 63601410…") */
const HEADER_WITH_VERSION = /(ANSI ?|AAMVA)\d{8}/
/** an element line: AAMVA's element ids are D + two letters (DAA .. DDL) */
const ELEMENT_LINE = /^\u001e?D[A-D][A-Z]/

/** What the budtender reads for anything that looks like a licence but cannot be read; the text itself is never shown. */
export const UNREADABLE_LICENCE = 'Couldn’t read this licence — scan again.'

/** True when a scan is a licence barcode, whatever screen is open (decided by content, wherever the header starts). */
export function looksLikeLicence(raw: string): boolean {
  const m = HEADER.exec(raw)
  return m !== null && SUBFILE.test(raw.slice(m.index))
}

/**
 * True for a licence, and for what can only be part of one: a header cut short, or a run of element lines (the tail of
 * a scan that a stalled PC split in two). Such text is personal data: it goes to the ID check, never to AIQ or a screen.
 */
export function looksLikeLicenceData(raw: string): boolean {
  if (looksLikeLicence(raw) || HEADER_WITH_VERSION.test(raw)) return true
  let elements = 0
  for (const line of raw.split(/[\r\n]+/)) if (ELEMENT_LINE.test(line) && ++elements >= 2) return true
  return false
}

const fail = (problem: string): AamvaResult => ({ ok: false, problem })

export function parseAamva(raw: string): AamvaResult {
  const m = FILE_TYPE.exec(raw)
  if (!m) return fail(looksLikeLicenceData(raw) ? UNREADABLE_LICENCE : 'This is not a licence barcode.')
  let at = m.index + m[0].length
  const head = raw.slice(at)
  const iin = /^\d{6}/.exec(head)?.[0]
  const versionText = /^\d{6}(\d{2})/.exec(head)?.[1]
  if (!iin || versionText === undefined) return fail('The licence header could not be read.')
  const version = Number(versionText)
  at += 8
  // From version 02 on, a jurisdiction version number follows; then the number of subfiles.
  if (version >= 2) at += 2
  const entries = /^\d{2}/.exec(raw.slice(at))?.[0]
  if (entries === undefined) return fail('The licence header could not be read.')
  at += 2
  const types: string[] = []
  for (let i = 0; i < Number(entries); i++) {
    const d = /^([A-Z]{2})\d{8}/.exec(raw.slice(at))
    if (!d) break
    types.push(d[1]!)
    at += 10
  }
  const kind = (types.find((t) => t === 'DL' || t === 'ID') ?? null) as AamvaDocument | null
  if (!kind) return fail('The barcode has no licence or ID card data.')
  const elements = readSubfile(raw.slice(at), kind)
  if (!elements) return fail('The licence data could not be read.')

  const country = elements.get('DCG') ?? (CANADA.has(iin) ? 'CAN' : 'USA')
  const dob = readDate(elements.get('DBB'), version, country)
  const expiry = readDate(elements.get('DBA'), version, country)
  const { firstName, lastName } = readName(elements, version)
  if (!dob) return fail('The date of birth could not be read.')
  if (!expiry) return fail('The expiry date could not be read.')
  if (!lastName && !firstName) return fail('The name could not be read.')
  return {
    ok: true,
    licence: { version, iin, state: JURISDICTIONS[iin] ?? elements.get('DAJ')?.slice(0, 2) ?? null, document: kind, firstName, lastName, dateOfBirth: dob, expiry },
  }
}

/** The elements of the DL or ID subfile: 3-character id -> value (first one wins). */
function readSubfile(rest: string, type: AamvaDocument): Map<string, string> | null {
  const start = new RegExp(`${type}[\r\n]*(?=[A-Z][A-Z0-9]{2})`).exec(rest)
  if (!start) return null
  const body = rest.slice(start.index + start[0].length)
  const out = new Map<string, string>()
  for (const line of body.split(/[\r\n]+/)) {
    const e = /^\u001e?([A-Z][A-Z0-9]{2})(.*)$/.exec(line)
    if (!e) continue
    const [, id, value] = e as unknown as [string, string, string]
    // a jurisdiction-specific subfile ("ZV", "ZC", ...) starts where the DL/ID one ends
    if (id.startsWith('Z')) break
    if (!out.has(id)) out.set(id, value.replace(/[\u0000-\u001f]/g, '').trim())
  }
  return out.size > 0 ? out : null
}

const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()
/** "NONE" and "unavl" stand for a missing name part on some cards. */
const part = (s: string | undefined) => {
  const v = clean(s)
  return /^(NONE|UNAVL)$/i.test(v) ? '' : v
}

function readName(e: Map<string, string>, version: number): { firstName: string; lastName: string } {
  // 04 and later: DCS family name, DAC first name. 02-03: DCS family name, DCT given names.
  // 01: DAB family, DAC first when present, else DAA "LAST,FIRST,MIDDLE" (some issuers use $ or spaces).
  let last = part(e.get('DCS')) || part(e.get('DAB'))
  let first = part(e.get('DAC'))
  if (!first && e.has('DCT')) first = part(e.get('DCT')!.split(/[,$]/)[0]).split(' ')[0] ?? ''
  if ((!first || !last) && e.has('DAA')) {
    const full = e.get('DAA')!
    const bits = /[,$]/.test(full) ? full.split(/[,$]/).map(part) : version <= 1 ? splitSpaced(full) : ['', ...full.split(' ')]
    last ||= bits[0] ?? ''
    first ||= bits[1] ?? ''
  }
  return { firstName: titleCase(first), lastName: titleCase(last) }
}

/** Without a delimiter the 2000 standard's order is LAST FIRST MIDDLE. */
const splitSpaced = (full: string) => clean(full).split(' ')

/** Cards print names in capitals; AIQ keeps them as people typed them. */
function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s'\-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase())
}

/**
 * AAMVA dates are 8 digits: CCYYMMDD in version 01 and on Canadian cards, MMDDCCYY on US cards from version 02.
 * An issuer that used the other order anyway is read the other way round when the expected order makes no date.
 */
function readDate(v: string | undefined, version: number, country: string): string | null {
  const digits = (v ?? '').replace(/\D/g, '')
  if (digits.length !== 8) return null
  const ymdFirst = version <= 1 || country === 'CAN'
  const asYmd = isoDate(digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8))
  const asMdy = isoDate(digits.slice(4, 8), digits.slice(0, 2), digits.slice(2, 4))
  return ymdFirst ? (asYmd ?? asMdy) : (asMdy ?? asYmd)
}

function isoDate(y: string, m: string, d: string): string | null {
  const year = Number(y)
  const month = Number(m)
  const day = Number(d)
  if (year < 1880 || year > 2200 || month < 1 || month > 12 || day < 1) return null
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day > days) return null
  return `${y}-${m}-${d}`
}

/** Issuer identification numbers (AAMVA's published list) -> state / province / territory. */
const JURISDICTIONS: Record<string, string> = {
  '636000': 'VA', '636001': 'NY', '636002': 'MA', '636003': 'MD', '636004': 'NC', '636005': 'SC', '636006': 'CT',
  '636007': 'LA', '636008': 'MT', '636009': 'NM', '636010': 'FL', '636011': 'DE', '636012': 'ON', '636013': 'NS',
  '636014': 'CA', '636015': 'TX', '636016': 'NL', '636017': 'NB', '636018': 'IA', '636019': 'GU', '636020': 'CO',
  '636021': 'AR', '636022': 'KS', '636023': 'OH', '636024': 'VT', '636025': 'PA', '636026': 'AZ', '636028': 'BC',
  '636029': 'OR', '636030': 'MO', '636031': 'WI', '636032': 'MI', '636033': 'AL', '636034': 'ND', '636035': 'IL',
  '636036': 'NJ', '636037': 'IN', '636038': 'MN', '636039': 'NH', '636040': 'UT', '636041': 'ME', '636042': 'SD',
  '636043': 'DC', '636044': 'SK', '636045': 'WA', '636046': 'KY', '636047': 'HI', '636048': 'MB', '636049': 'NV',
  '636050': 'ID', '636051': 'MS', '636052': 'RI', '636053': 'TN', '636054': 'NE', '636055': 'GA', '636058': 'OK',
  '636059': 'AK', '636060': 'WY', '636061': 'WV', '636062': 'VI', '604426': 'PE', '604427': 'AS', '604428': 'QC',
  '604429': 'YT', '604430': 'MP', '604431': 'PR', '604432': 'AB', '604433': 'NT', '604434': 'NU',
}
const CANADA = new Set(['636012', '636013', '636016', '636017', '636028', '636044', '636048', '604426', '604428', '604429', '604432', '604433', '604434'])

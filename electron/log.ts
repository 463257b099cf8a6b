// The app's log: pino, one JSON line per event, in <data dir>/logs (and the terminal in development).
// Phone numbers and emails are masked in messages and in fields, in any encoding; API keys are never written (by field
// name, by `name=value` in text, and — once told with addSecret — the key's own value anywhere). Masking takes time
// in proportion to the line's length (no pattern retries a long run of characters from each of its positions).
import { renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import pino from 'pino'
import { makePrivateFile, makePrivateFolder } from './data-folder/private'

type LogFn = { (msg: string): void; (fields: object, msg?: string): void }
/** What the rest of the app logs through (pino's calling convention: fields first, then the message). */
export interface Logger {
  debug: LogFn
  info: LogFn
  warn: LogFn
  error: LogFn
  child(bindings: object): Logger
}

export type LoggerOptions = {
  /** the app's data dir; the log goes to <dir>/logs/aiq-counter.log */
  dir: string
  /** also write to the terminal (development): true for stdout, or a stream */
  console?: boolean | NodeJS.WritableStream
  level?: 'debug' | 'info' | 'warn' | 'error'
  /** the file is moved to aiq-counter.log.1 at start once it is bigger than this */
  maxBytes?: number
}

export const LOG_FILE_NAME = 'aiq-counter.log'

export function createLogger(options: LoggerOptions): Logger & { file: string; flush(): void } {
  const logDir = join(options.dir, 'logs')
  makePrivateFolder(logDir) // 0700, the log file 0600: it names customers (masked) and what the store did
  const file = join(logDir, LOG_FILE_NAME)
  rotateIfBig(file, options.maxBytes ?? 5 * 1024 * 1024)
  makePrivateFile(file, { create: true })
  makePrivateFile(`${file}.1`)

  // sync writes: a log line must survive the app being closed or crashing right after it
  const toFile = pino.destination({ dest: file, sync: true, mkdir: true })
  const streams: pino.StreamEntry[] = [{ stream: toFile }]
  if (options.console) streams.push({ stream: options.console === true ? process.stdout : options.console })

  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[]
          const masked = [scrub(first), ...rest.map((a) => (typeof a === 'string' ? maskText(a) : scrub(a)))]
          return method.apply(this, masked as Parameters<typeof method>)
        },
      },
      serializers: { err: (e: unknown) => scrub(e) },
    },
    pino.multistream(streams),
  )
  return Object.assign(scrubChildBindings(logger) as unknown as Logger, { file, flush: () => toFile.flushSync() })
}

function scrubChildBindings(logger: pino.Logger): pino.Logger {
  const child = logger.child.bind(logger)
  logger.child = ((bindings: pino.Bindings, options?: pino.ChildLoggerOptions) =>
    scrubChildBindings(child(scrub(bindings) as pino.Bindings, options))) as unknown as typeof logger.child
  return logger
}

// ---- masking -----------------------------------------------------------------------------------

// The separators a phone is written with, raw or URL-encoded once or twice ('+' is a space in a query string).
const ENC = (hex: string) => `%(?:25)?${hex}`
const PLUS = `(?:\\+|${ENC('2[Bb]')})`
const SEP = `(?:[\\s.+-]|${ENC('20')}|${ENC('2[DdEe]')}|${ENC('2[Bb]')})?`
const OPEN = `(?:\\(|${ENC('28')})?`
const CLOSE = `(?:\\)|${ENC('29')})?`
/**
 * A US number, 10 digits with an optional leading 1 / +1, in any of the usual spellings, URL-encoded or not, alone or
 * inside an identifier (`contact_3035550100`); never part of a longer number (order numbers, timestamps in ms).
 */
const PHONE = new RegExp(`(?<![\\d+])(?:${PLUS}?1${SEP})?${OPEN}\\d{3}${CLOSE}${SEP}\\d{3}${SEP}(\\d{4})(?!\\d)`, 'g')
/**
 * An email, raw or with its "@" URL-encoded. Found from its "@" outwards, each character looked at a bounded number of
 * times: the local part back to where it starts (never past the previous "@"), the domain forward (at most 253
 * characters, as DNS allows). One regex from each possible start of the local part took time growing with the square
 * of a long word's length.
 */
const AT = new RegExp(`@|${ENC('40')}`, 'g')
const DOMAIN = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/
const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
/** A-Z a-z 0-9 . _ % + - */
const isLocalChar = (c: number) => isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45
/** A-Z a-z 0-9 . - */
const isDomainChar = (c: number) => isAlnum(c) || c === 46 || c === 45

function maskEmails(text: string): string {
  let out = ''
  let copied = 0
  let floor = 0
  AT.lastIndex = 0
  for (let m = AT.exec(text); m; m = AT.exec(text)) {
    let start = m.index
    while (start > floor && isLocalChar(text.charCodeAt(start - 1))) start--
    const from = (floor = AT.lastIndex)
    let to = from
    let dot = false
    for (; to < text.length && to - from < 253 && isDomainChar(text.charCodeAt(to)); to++) if (text.charCodeAt(to) === 46) dot = true
    const domain = dot && start < m.index && start >= copied ? DOMAIN.exec(text.slice(from, to))?.[0] : undefined
    if (!domain) continue
    out += `${text.slice(copied, start)}${text[start]}***@${domain}`
    copied = floor = AT.lastIndex = from + domain.length
  }
  return copied === 0 ? text : out + text.slice(copied)
}

/**
 * `apiKey=…`, `"x-api-key":"…"`, `Authorization: Bearer …` written inside a message or a URL: a name, then `=` or `:`.
 * Found from each `=` or `:` outwards (back over the name, never past the previous one; forward over the value), so
 * each character is looked at a bounded number of times; one regex trying a name from every start inside a long word
 * took time growing with the square of its length.
 */
const SEPARATOR = /[=:]/g
/** A-Z a-z 0-9 _ - */
const isNameChar = (c: number) => isAlnum(c) || c === 95 || c === 45
const SPACE = /\s/
const AFTER_SEPARATOR = /\s*["']?/y
const SECRET_VALUE = /((?:Bearer|Basic|Token)\s+)?[^\s&"',;}]+/y
const SECRET_WORD = /api[-_]?key|secret|token|credential|password|passwd|authorization|cookie/i
const isSecretKeyName = (name: string) => SECRET_WORD.test(name) || /(?:^|-)key$/i.test(name)
const PHONE_FIELD = /phone/i
const REDACTED = '[redacted]'
/** shorter than this is no API key: scrubbing it would blank out ordinary words */
const MIN_SECRET_LENGTH = 6
/** how many keys of each kind are remembered (most recent first): a few accounts' worth, never a growing list */
export const MAX_REMEMBERED_KEYS = 4

/** Field names whose values are never logged: anything named like a key, secret, token, credential or password. */
export function isSecretName(name: string): boolean {
  if (/secret|token|credential|passw|authori[sz]ation|cookie|api[-_ ]?key/i.test(name)) return true
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/)
  return words.some((w) => w === 'key' || w === 'keys' || w === 'pwd')
}

/**
 * The key values themselves, by why they are known: `saved` (the account's key, read from or written to the keychain)
 * and `tested` (a key typed and tested against the saved account's own server). Each list is bounded; a typed word
 * never joins them unless it is one of those, and a tested key AIQ rejected is let go again (see forgetTestedSecret).
 */
const known = { saved: [] as string[], tested: [] as string[] }
/** every spelling of every known key, longest first */
let secrets: string[] = []

/**
 * Tell the logger a key value: from now on it is replaced by [redacted] wherever it appears — messages, stacks, any
 * field, raw or URL-encoded. Values shorter than 6 characters are ignored.
 */
export function addSecret(value: string | null | undefined, why: keyof typeof known = 'saved'): void {
  const v = typeof value === 'string' ? value.trim() : ''
  if (v.length < MIN_SECRET_LENGTH) return
  known[why] = [v, ...known[why].filter((k) => k !== v)].slice(0, MAX_REMEMBERED_KEYS)
  compileSecrets()
}

/** A tested key that AIQ rejected is no credential: it stops being masked (unless it is also a saved one). */
export function forgetTestedSecret(value: string | null | undefined): void {
  const v = typeof value === 'string' ? value.trim() : ''
  known.tested = known.tested.filter((k) => k !== v)
  compileSecrets()
}

function compileSecrets() {
  const values = new Set([...known.saved, ...known.tested])
  const forms = [...values].flatMap((v) => [v, encodeURIComponent(v), encodeURIComponent(encodeURIComponent(v)), JSON.stringify(v).slice(1, -1), Buffer.from(v).toString('base64')])
  secrets = [...new Set(forms)].sort((a, b) => b.length - a.length)
}

/** How many key values are masked now (for tests: the list is bounded). */
export function rememberedSecretCount(): number {
  return known.saved.length + known.tested.length
}

/** For tests: forget every value addSecret was told. */
export function forgetSecrets(): void {
  known.saved = []
  known.tested = []
  secrets = []
}

/** `(555) 010-0100` → `***-***-0100`, `maria@example.com` → `m***@example.com`, a known key → `[redacted]` */
export function maskText(text: string): string {
  let out = text
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED)
  return maskEmails(maskNamedSecrets(out).replace(PHONE, (_, last4: string) => `***-***-${last4}`))
}

function maskNamedSecrets(text: string): string {
  let out = ''
  let copied = 0
  let floor = 0
  SEPARATOR.lastIndex = 0
  for (let m = SEPARATOR.exec(text); m; m = SEPARATOR.exec(text)) {
    // back from the separator: spaces, an optional quote, then the name
    let end = m.index
    while (end > floor && SPACE.test(text[end - 1]!)) end--
    if (end > floor && (text[end - 1] === '"' || text[end - 1] === "'")) end--
    let start = end
    while (start > floor && isNameChar(text.charCodeAt(start - 1))) start--
    floor = SEPARATOR.lastIndex
    // every secret name is 3 characters or more ("key"): shorter ones are not even cut out to be looked at
    if (end - start < 3 || start < copied || !isSecretKeyName(text.slice(start, end))) continue
    AFTER_SEPARATOR.lastIndex = SEPARATOR.lastIndex
    AFTER_SEPARATOR.exec(text)
    SECRET_VALUE.lastIndex = AFTER_SEPARATOR.lastIndex
    const value = SECRET_VALUE.exec(text)
    if (!value) continue
    out += text.slice(copied, SECRET_VALUE.lastIndex - value[0].length) + (value[1] ?? '') + REDACTED
    copied = floor = SEPARATOR.lastIndex = SECRET_VALUE.lastIndex
  }
  return copied === 0 ? text : out + text.slice(copied)
}

/** A copy of any value with secrets removed and phones/emails masked, at any depth. */
export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value)
  if (value === null || typeof value !== 'object') return value
  if (depth > 8) return '[deep]'
  if (value instanceof Error) {
    const out: Record<string, unknown> = { type: value.name, message: maskText(value.message) }
    if (value.stack) out.stack = maskText(value.stack)
    for (const [k, v] of Object.entries(value)) out[maskText(k)] = scrubField(k, v, depth)
    // not enumerable, and where the real reason usually is
    if (value.cause !== undefined) out.cause = scrubField('cause', value.cause, depth)
    if (value instanceof AggregateError) out.errors = scrubField('errors', value.errors, depth)
    return out
  }
  if (Array.isArray(value)) {
    // a header list: [['x-api-key', '…'], …]
    if (value.length === 2 && typeof value[0] === 'string' && isSecretName(value[0])) return [value[0], REDACTED]
    return value.map((v) => scrub(v, depth + 1))
  }
  if (value instanceof Date) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[maskText(k)] = scrubField(k, v, depth)
  return out
}

function scrubField(name: string, value: unknown, depth: number): unknown {
  if (isSecretName(name)) return REDACTED
  if (PHONE_FIELD.test(name) && (typeof value === 'number' || typeof value === 'string')) {
    const digits = String(value).replace(/\D/g, '')
    return digits.length >= 4 ? `***-***-${digits.slice(-4)}` : '***'
  }
  return scrub(value, depth + 1)
}

function rotateIfBig(file: string, maxBytes: number) {
  try {
    if (statSync(file).size > maxBytes) renameSync(file, `${file}.1`)
  } catch {
    // no log yet
  }
}

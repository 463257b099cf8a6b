// The app's log: pino, one JSON line per event, in <data dir>/logs (and the terminal in development).
// Phone numbers and emails are masked in messages and in fields, in any encoding; API keys are never written (by field
// name, by `name=value` in text, and — once told with addSecret — the key's own value anywhere).
import { renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import pino from 'pino'
import { makePrivateFile, makePrivateFolder } from './store/private'

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
const EMAIL = new RegExp(`([A-Za-z0-9_%+-])[A-Za-z0-9._%+-]*(?:@|${ENC('40')})([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})`, 'g')
/** `apiKey=…`, `"x-api-key":"…"`, `Authorization: Bearer …` written inside a message or a URL */
const NAMED_SECRET =
  /(\b[\w-]*(?:api[-_]?key|secret|token|credential|password|passwd|authorization|cookie)[\w-]*|\bkey)(["']?\s*[=:]\s*["']?)((?:Bearer|Basic|Token)\s+)?[^\s&"',;}]+/gi
const PHONE_FIELD = /phone/i
const REDACTED = '[redacted]'
/** shorter than this is no API key: scrubbing it would blank out ordinary words */
const MIN_SECRET_LENGTH = 6

/** Field names whose values are never logged: anything named like a key, secret, token, credential or password. */
export function isSecretName(name: string): boolean {
  if (/secret|token|credential|passw|authori[sz]ation|cookie|api[-_ ]?key/i.test(name)) return true
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/)
  return words.some((w) => w === 'key' || w === 'keys' || w === 'pwd')
}

// The values themselves (the saved API key), in the spellings they could be logged in; longest first.
let secrets: string[] = []

/**
 * Tell the logger a secret value (the account's API key): from now on it is replaced by [redacted] wherever it
 * appears — messages, stacks, any field, raw or URL-encoded. The account service calls this whenever it reads or
 * saves a key. Values shorter than 6 characters are ignored.
 */
export function addSecret(value: string | null | undefined): void {
  const v = typeof value === 'string' ? value.trim() : ''
  if (v.length < MIN_SECRET_LENGTH) return
  const forms = [v, encodeURIComponent(v), encodeURIComponent(encodeURIComponent(v)), JSON.stringify(v).slice(1, -1), Buffer.from(v).toString('base64')]
  secrets = [...new Set([...secrets, ...forms])].sort((a, b) => b.length - a.length)
}

/** For tests: forget every value addSecret was told. */
export function forgetSecrets(): void {
  secrets = []
}

/** `(555) 010-0100` → `***-***-0100`, `maria@example.com` → `m***@example.com`, a known key → `[redacted]` */
export function maskText(text: string): string {
  let out = text
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED)
  return out
    .replace(NAMED_SECRET, (_, name: string, between: string, scheme: string | undefined) => `${name}${between}${scheme ?? ''}${REDACTED}`)
    .replace(PHONE, (_, last4: string) => `***-***-${last4}`)
    .replace(EMAIL, '$1***@$2')
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

// The app's log: pino, one JSON line per event, in <data dir>/logs (and the terminal in development).
// Phone numbers and emails are masked in messages and in fields; API keys are never written.
import { mkdirSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import pino from 'pino'

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
  mkdirSync(logDir, { recursive: true })
  const file = join(logDir, LOG_FILE_NAME)
  rotateIfBig(file, options.maxBytes ?? 5 * 1024 * 1024)

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

/** For tests and tools that need a Logger but no output. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
}

// ---- masking -----------------------------------------------------------------------------------

// A US number, 10 digits with an optional leading 1 / +1, in any of the usual spellings; not part of a longer number.
const PHONE = /(?<![\w+])(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?(\d{4})(?!\w)/g
const EMAIL = /([A-Za-z0-9_%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g
/** Field names whose values are never logged. */
const SECRET_FIELD = /^(api[-_]?key|key|x-apikey|authorization|password|secret|token)$/i
const PHONE_FIELD = /phone/i
const REDACTED = '[redacted]'

/** `(555) 010-0100` → `***-***-0100`, `maria@example.com` → `m***@example.com` */
export function maskText(text: string): string {
  return text.replace(PHONE, (_, last4: string) => `***-***-${last4}`).replace(EMAIL, '$1***@$2')
}

/** A copy of any value with secrets removed and phones/emails masked, at any depth. */
export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value)
  if (value === null || typeof value !== 'object') return value
  if (depth > 8) return '[deep]'
  if (value instanceof Error) {
    const out: Record<string, unknown> = { type: value.name, message: maskText(value.message) }
    if (value.stack) out.stack = maskText(value.stack)
    for (const [k, v] of Object.entries(value)) out[k] = scrubField(k, v, depth)
    return out
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1))
  if (value instanceof Date) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = scrubField(k, v, depth)
  return out
}

function scrubField(name: string, value: unknown, depth: number): unknown {
  if (SECRET_FIELD.test(name)) return REDACTED
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

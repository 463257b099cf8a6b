// One AIQ HTTP exchange: auth header, timeout, status -> AiqError, and the {success, data} envelope.
import type { Clock } from '../clock'
import { AiqError } from './errors'
import type { RateLimiter } from './rate-limit'

export type Query = Record<string, string | number | boolean | undefined>

export interface AiqRequest {
  /** What the budtender's action was, for error messages (never the path: it may hold an email). */
  action: string
  method: 'GET' | 'POST' | 'PUT'
  /** Already encoded, see `pathOf`. */
  path: string
  query?: Query
  body?: unknown
}

/** Resolves with the envelope's `data` (null when AIQ sent none); rejects with an AiqError. */
export type AiqSend = (req: AiqRequest) => Promise<unknown>

export interface HttpOptions {
  baseUrl: string
  apiKey: string
  timeoutMs: number
  fetch: typeof fetch
  limiter: RateLimiter | null
  clock: Clock
}

/** Builds a path with every interpolated value URL-encoded as one segment: pathOf`/piis/${uid}/${id}`. */
export function pathOf(strings: TemplateStringsArray, ...segments: (string | number)[]): string {
  let out = strings[0] ?? ''
  segments.forEach((segment, i) => {
    const s = String(segment)
    // "." and ".." (even encoded) would be resolved away by the URL parser and change which endpoint is hit.
    if (s === '' || s === '.' || s === '..') throw new AiqError('invalid_input', 'That id is not valid.')
    out += encodeURIComponent(s) + (strings[i + 1] ?? '')
  })
  return out
}

const MAX_MESSAGE = 200

export function createAiqSend(opts: HttpOptions): AiqSend {
  const base = opts.baseUrl.replace(/\/+$/, '')
  const redact = (s: string) => (opts.apiKey ? s.split(opts.apiKey).join('[redacted]') : s).slice(0, MAX_MESSAGE)

  return async function send(req) {
    const url = base + req.path + queryString(req.query)
    const headers: Record<string, string> = { 'X-APIKEY': opts.apiKey, Accept: 'application/json' }
    const hasBody = req.body !== undefined
    if (hasBody) headers['Content-Type'] = 'application/json'

    await opts.limiter?.acquire()

    const abort = new AbortController()
    const timer = setTimeout(() => abort.abort(), opts.timeoutMs)
    // Raced as well as passed to fetch, so a fetch (or body) that ignores the signal still times out.
    const aborted = new Promise<never>((_, reject) => abort.signal.addEventListener('abort', () => reject(abort.signal.reason)))
    aborted.catch(() => undefined)
    let status: number
    let statusText: string
    let retryAfter: string | null
    let text: string
    try {
      const res = await Promise.race([
        opts.fetch(url, { method: req.method, headers, body: hasBody ? JSON.stringify(req.body) : undefined, signal: abort.signal }),
        aborted,
      ])
      status = res.status
      statusText = res.statusText
      retryAfter = res.headers.get('retry-after')
      text = await Promise.race([res.text(), aborted])
    } catch (e) {
      if (abort.signal.aborted) throw new AiqError('timeout')
      throw new AiqError('offline', undefined, { notSent: neverConnected(e) })
    } finally {
      clearTimeout(timer)
    }

    const parsed = parseJson(text)
    if (status < 200 || status > 299) {
      const aiqMessage = redact(messageOf(parsed.ok ? parsed.value : undefined) ?? (statusText || `HTTP ${status}`))
      throw statusError(status, aiqMessage, retryAfter, opts.clock.now())
    }
    if (!parsed.ok) throw new AiqError('bad_response', `AIQ sent an answer the app could not read (${req.action}).`, { status })
    return unwrap(parsed.value, status, redact)
  }
}

function queryString(query: Query | undefined): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v))
  const s = params.toString()
  return s ? `?${s}` : ''
}

type Parsed = { ok: true; value: unknown } | { ok: false }
function parseJson(text: string): Parsed {
  if (text.trim() === '') return { ok: true, value: null } // e.g. a 204, or a PUT answered with nothing
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function messageOf(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined
  if (typeof body.message === 'string' && body.message) return body.message
  const first: unknown = Array.isArray(body.errors) ? body.errors[0] : undefined
  if (isRecord(first) && typeof first.message === 'string' && first.message) return first.message
  return undefined
}

function statusError(status: number, aiqMessage: string, retryAfter: string | null, now: number): AiqError {
  const details = { status, aiqMessage }
  if (status === 401 || status === 403) return new AiqError('unauthorized', undefined, details)
  if (status === 404) return new AiqError('not_found', undefined, details)
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(retryAfter, now)
    return new AiqError('rate_limited', undefined, retryAfterMs === undefined ? details : { ...details, retryAfterMs })
  }
  if (status >= 500) return new AiqError('server_error', undefined, details)
  return new AiqError('bad_response', `AIQ refused the request: ${aiqMessage}`, details)
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const v = value?.trim()
  if (!v) return undefined
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000)
  const at = Date.parse(v)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/** {success, data} -> data. A body without `data` is taken as the payload itself (some AIQ answers skip it). */
function unwrap(body: unknown, status: number, redact: (s: string) => string): unknown {
  if (!isRecord(body)) return body
  if (body.success === false) {
    const aiqMessage = redact(messageOf(body) ?? 'no reason given')
    throw new AiqError('bad_response', `AIQ refused the request: ${aiqMessage}`, { status, aiqMessage })
  }
  if ('data' in body) return body.data ?? null
  const { success: _s, code: _c, message: _m, ...rest } = body
  return Object.keys(rest).length ? rest : null
}

/** Failures before a connection existed: AIQ cannot have seen (let alone applied) the request. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'])

function neverConnected(e: unknown): boolean {
  for (let cause = e; cause instanceof Error; cause = (cause as Error & { cause?: unknown }).cause) {
    const code = (cause as Error & { code?: unknown }).code
    if (typeof code === 'string' && NEVER_CONNECTED.has(code)) return true
  }
  return false
}

// One AIQ HTTP exchange: auth header, timeout, status -> AiqError read in the context of the call, and the envelope
// as AIQ's own server library writes it: {success, code, data?, errors?: [{message}], message?}; no `data` = empty.
import type { Clock } from '../clock'
import type { AiqClock } from './clock'
import type { Endpoint } from './endpoints'
import { AiqError } from './errors'
import type { Priority } from './types'

export type Query = Record<string, string | number | boolean | undefined>

export interface AiqRequest {
  /** What the budtender's action was, for error messages (never the path: it may hold an email). */
  action: string
  endpoint: Endpoint
  method: 'GET' | 'POST' | 'PUT'
  /** Already encoded, see `pathOf`. Several = the same endpoint in other casings, tried in turn on a 404. */
  path: string | readonly string[]
  query?: Query
  body?: unknown
  /** What a 404 means here ("customer"): only then is it not_found; elsewhere a 404 is a wrong address. */
  notFound?: string
  priority?: Priority
  /** called each time the request really leaves (after the rate limit let it through) */
  onSend?: () => void
}

/** Resolves with the envelope's `data` (null when AIQ sent none); rejects with an AiqError. */
export type AiqSend = (req: AiqRequest) => Promise<unknown>

/** What http needs of the rate limiter (see rate-limit.ts). */
export interface Limiter {
  acquire(priority?: Priority): Promise<void>
  throttled?(retryAfterMs?: number): void
  succeeded?(): void
}

export interface HttpOptions {
  baseUrl: string
  apiKey: string
  timeoutMs: number
  fetch: typeof fetch
  limiter: Limiter | null
  clock: Clock
  /** learns AIQ's time from every answer's Date header */
  time?: AiqClock
  /** AIQ answered (any HTTP answer): it is reachable, whatever the sync engine's last probe said */
  onAnswer?: () => void
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
/** the longest a check-in read waits out a 429 before it says "AIQ is busy" */
const MAX_INTERACTIVE_WAIT_MS = 2_000

type Answer = { status: number; statusText: string; retryAfter: string | null; text: string }

export function createAiqSend(opts: HttpOptions): AiqSend {
  const base = opts.baseUrl.replace(/\/+$/, '')
  const redact = (s: string) => (opts.apiKey ? s.split(opts.apiKey).join('[redacted]') : s).slice(0, MAX_MESSAGE)
  /** per endpoint, which of its path casings AIQ answered (tried first next time) */
  const casing = new Map<Endpoint, number>()

  async function exchange(req: AiqRequest, path: string): Promise<Answer> {
    const url = base + path + queryString(req.query)
    const headers: Record<string, string> = { 'X-APIKEY': opts.apiKey, Accept: 'application/json' }
    const hasBody = req.body !== undefined
    if (hasBody) headers['Content-Type'] = 'application/json'

    await opts.limiter?.acquire(req.priority ?? 'interactive')
    req.onSend?.()

    const abort = new AbortController()
    const timer = setTimeout(() => abort.abort(), opts.timeoutMs)
    // Raced as well as passed to fetch, so a fetch (or body) that ignores the signal still times out.
    const aborted = new Promise<never>((_, reject) => abort.signal.addEventListener('abort', () => reject(abort.signal.reason)))
    aborted.catch(() => undefined)
    try {
      const res = await Promise.race([
        // never followed: a redirect would take the key to another address (and turn a PUT into a GET)
        opts.fetch(url, { method: req.method, headers, body: hasBody ? JSON.stringify(req.body) : undefined, signal: abort.signal, redirect: 'manual' }),
        aborted,
      ])
      opts.time?.observe(res.headers.get('date'))
      opts.onAnswer?.()
      const text = await Promise.race([res.text(), aborted])
      return { status: res.status, statusText: res.statusText, retryAfter: res.headers.get('retry-after'), text }
    } catch (e) {
      if (abort.signal.aborted) throw new AiqError('timeout')
      throw new AiqError('offline', undefined, { notSent: neverConnected(e) })
    } finally {
      clearTimeout(timer)
    }
  }

  /** A person is waiting on a read that AIQ turned away for a moment: wait what it asked (if short) and ask once more. */
  async function send(req: AiqRequest): Promise<unknown> {
    try {
      return await sendOnce(req)
    } catch (e) {
      const interactiveRead = req.method === 'GET' && (req.priority ?? 'interactive') === 'interactive'
      if (!(e instanceof AiqError && e.kind === 'rate_limited' && interactiveRead)) throw e
      const waitMs = e.retryAfterMs ?? 1_000
      if (waitMs > MAX_INTERACTIVE_WAIT_MS) throw e
      await new Promise((resolve) => setTimeout(resolve, waitMs))
      return sendOnce(req)
    }
  }
  return send

  async function sendOnce(req: AiqRequest): Promise<unknown> {
    const paths = typeof req.path === 'string' ? [req.path] : req.path
    const first = casing.get(req.endpoint) ?? 0
    const order = [first, ...paths.map((_, i) => i).filter((i) => i !== first)]
    let answer: Answer | undefined
    for (const i of order) {
      answer = await exchange(req, paths[i]!)
      // a 404 may be AIQ's "no such route" for a casing it does not know: try the endpoint's other spellings
      if (answer.status !== 404) {
        if (paths.length > 1) casing.set(req.endpoint, i)
        break
      }
    }
    const { status, statusText, retryAfter, text } = answer!

    const parsed = parseJson(text)
    if (status < 200 || status > 299) {
      const aiqMessage = redact(messageOf(parsed.ok ? parsed.value : undefined) ?? (statusText || `HTTP ${status}`))
      const error = statusError(req, status, aiqMessage, retryAfter, (opts.time ?? opts.clock).now())
      if (status === 429) opts.limiter?.throttled?.(error.retryAfterMs)
      else opts.limiter?.succeeded?.()
      throw error
    }
    opts.limiter?.succeeded?.()
    if (!parsed.ok) throw new AiqError('bad_response', `AIQ sent an answer the app could not read (${req.action}).`, { status })
    return unwrap(parsed.value, status, req, redact)
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

/** AIQ's words: errors[0].message, then message. */
export function messageOf(body: unknown): string | undefined {
  if (!isRecord(body)) return typeof body === 'string' && body.trim() ? body.trim() : undefined
  const first: unknown = Array.isArray(body.errors) ? body.errors[0] : undefined
  if (isRecord(first) && typeof first.message === 'string' && first.message.trim()) return first.message.trim()
  if (typeof first === 'string' && first.trim()) return first.trim()
  if (typeof body.message === 'string' && body.message.trim()) return body.message.trim()
  const error = body.error
  if (typeof error === 'string' && error.trim()) return error.trim()
  if (isRecord(error) && typeof error.message === 'string' && error.message.trim()) return error.message.trim()
  return undefined
}

function statusError(req: AiqRequest, status: number, aiqMessage: string, retryAfter: string | null, now: number): AiqError {
  const details = { status, aiqMessage }
  if (status === 401 || status === 403) return new AiqError('unauthorized', undefined, details)
  if (status === 404 && req.notFound) return new AiqError('not_found', `AIQ has no such ${req.notFound}.`, details)
  if (status >= 300 && status < 400) {
    return new AiqError(
      'bad_response',
      `AIQ answered ${req.action} with a redirect (HTTP ${status}); the app does not follow it, so the key never goes elsewhere. Check the server URL in Settings.`,
      { status, aiqMessage, wrongAddress: true },
    )
  }
  if (status === 404 || status === 405) {
    const what = status === 404 ? 'has no such address' : 'does not take this method at this address'
    return new AiqError(
      'bad_response',
      `AIQ ${what} (${req.action}, HTTP ${status}: ${aiqMessage}). The app may need an update, or the server URL in Settings is wrong.`,
      { status, aiqMessage, wrongAddress: true },
    )
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(retryAfter, now)
    return new AiqError('rate_limited', undefined, retryAfterMs === undefined ? details : { ...details, retryAfterMs })
  }
  if (status >= 500) return new AiqError('server_error', undefined, details)
  return new AiqError('bad_response', `AIQ refused the request (${req.action}): ${aiqMessage}`, details)
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const v = value?.trim()
  if (!v) return undefined
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000)
  const at = Date.parse(v)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/**
 * The envelope -> data. `success:false` (or errors without success:true) is AIQ saying no, whatever the status.
 * A missing `data` means empty; a body with neither `data` nor envelope fields is taken as the payload itself.
 */
function unwrap(body: unknown, status: number, req: AiqRequest, redact: (s: string) => string): unknown {
  if (!isRecord(body)) return body
  const errors = Array.isArray(body.errors) ? body.errors : []
  const success = body.success === 'false' || body.success === 0 ? false : body.success
  if (success === false || (success !== true && errors.length > 0 && !('data' in body))) {
    const aiqMessage = redact(messageOf(body) ?? 'no reason given')
    // a 200 whose body says {code: 404, success: false} is read as that status (gserv writes both)
    const code = typeof body.code === 'number' && body.code >= 400 && body.code <= 599 ? body.code : undefined
    if (code !== undefined) throw statusError(req, code, aiqMessage, null, 0)
    throw new AiqError('bad_response', `AIQ refused the request (${req.action}): ${aiqMessage}`, { status, aiqMessage })
  }
  if ('data' in body) return body.data ?? null
  const { success: _s, code: _c, message: _m, errors: _e, ...rest } = body
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

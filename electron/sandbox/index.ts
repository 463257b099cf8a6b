// The AIQ sandbox: AIQ's endpoints served on 127.0.0.1 with seeded personas and fault knobs.
// Training mode runs it in-process; integration and e2e tests use it as AIQ's stand-in. See README.md.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Clock } from '../clock'
import { SandboxData, type SmsRequest } from './data'
import { envelope, fail, type Result, type SandboxProfile } from './envelope'
import { Faults, type FaultKind, type TerminalFault } from './faults'
import { addOddBalances } from './odd-balances'
import { ROUTES, type Ctx, type LedgerEntry, type Route, type SandboxQuirks } from './routes'

export { SandboxData, META, phone10, type SandboxPersona, type SmsRequest, type SmsOutcome } from './data'
export { Faults, type FaultRule, type FaultKind, type FaultMatch, type ServedFault } from './faults'
export { PERSONAS, UNKNOWN_PHONE, UNKNOWN_EMAIL, type FixedPersona } from './personas'
export { ODD_BALANCES, addOddBalances, type OddBalance } from './odd-balances'
export { STORES, PRODUCTS, REWARDS } from './catalog'
export type { Redemption } from './redemptions'
export type { LedgerEntry, SandboxQuirks } from './routes'
export type { SandboxProfile } from './envelope'

/** The profile a sandbox gets when startSandbox is not told one. The one place to change it. */
export const DEFAULT_PROFILE: SandboxProfile = 'wild'
/** Both profiles, for tests that run the same behaviour against each (describe.each). */
export const PROFILES: readonly SandboxProfile[] = ['documented', 'wild']

export type SandboxOptions = {
  /**
   * 'documented' = AIQ as its docs read: `{success, data}` with nulls, `{success, code, message}` errors,
   * case-insensitive paths. 'wild' = AIQ as seen in the wild (README.md). Default DEFAULT_PROFILE.
   */
  profile?: SandboxProfile
  /** initial quirks (default: adjustmentNotes true); change them later on `sandbox.quirks` */
  quirks?: Partial<SandboxQuirks>
  /** 0 (default) = any free port */
  port?: number
  host?: '127.0.0.1'
  seed?: number
  /** personas in the first account, the fixed PERSONAS included; default 240 */
  personas?: number
  /** default: one training account, uid "1000", key "training-key"; accounts after the first start empty */
  accounts?: Array<{ uid: string; apiKey: string }>
  /** epoch ms; default Date.now */
  clock?: Pick<Clock, 'now'>
  /** also seed ODD_BALANCES in the first account: fractional points, and a balance below zero (default false) */
  oddBalances?: boolean
}

export type RequestRecord = {
  method: string
  /** pathname, as sent */
  path: string
  /** pathname + query */
  url: string
  /** the status sent, or null when no answer was sent (hang, reset, applyThenDrop, or still in progress) */
  status: number | null
  /** the fault that decided this request, if any */
  fault?: FaultKind
}

export type Sandbox = {
  readonly profile: SandboxProfile
  /** runtime switches, both profiles: change their fields at any time (`sb.quirks.adjustmentNotes = false`) */
  readonly quirks: SandboxQuirks
  /** http://127.0.0.1:PORT */
  url: string
  port: number
  /** the first account's uid and key */
  uid: string
  apiKey: string
  faults: Faults
  /** every adjustment applied, in order */
  ledger: LedgerEntry[]
  /** the first account's data */
  data: SandboxData
  /** every account's data by uid */
  accounts: ReadonlyMap<string, SandboxData>
  /** every request received, in order; `requests.length = 0` to reset */
  requests: RequestRecord[]
  /** the first account's opt-in requests (same array as `data.smsRequests`); `smsRequests.length = 0` to reset */
  smsRequests: SmsRequest[]
  /** close the listener and every open connection; state is kept */
  stop(): Promise<void>
  /** listen again on the same port with the same state */
  restart(): Promise<void>
  /** stop for good */
  close(): Promise<void>
}

const AUTH_MESSAGE = 'Please provide a valid API key'
const MAX_BODY = 1_000_000

type CompiledRoute = Route & { segments: string[]; lower: string[] }
const compiled: CompiledRoute[] = ROUTES.map((r) => {
  const segments = split(r.path)
  return { ...r, segments, lower: segments.map((s) => (s.startsWith(':') ? s : s.toLowerCase())) }
})

function split(path: string): string[] {
  return path.split('/').filter(Boolean)
}

type Routed = { route: CompiledRoute; params: Record<string, string> } | 'bad' | 'method' | undefined

/**
 * Path segments match case-insensitively (documented) or exactly as ROUTES spells them (wild); params keep their
 * case. 'method' = the path is known but not for this method (wild answers 405, documented 404).
 */
function route(method: string, pathname: string, caseSensitive: boolean): Routed {
  let raw: string[]
  try {
    raw = split(pathname).map(decodeURIComponent)
  } catch {
    return 'bad'
  }
  const parts = caseSensitive ? raw : raw.map((s) => s.toLowerCase())
  let otherMethod = false
  for (const r of compiled) {
    const segments = caseSensitive ? r.segments : r.lower
    if (segments.length !== raw.length) continue
    if (!segments.every((seg, i) => seg.startsWith(':') || seg === parts[i])) continue
    if (r.method !== method) {
      otherMethod = true
      continue
    }
    const params: Record<string, string> = {}
    segments.forEach((seg, i) => {
      if (seg.startsWith(':')) params[seg.slice(1)] = raw[i]!
    })
    return { route: r, params }
  }
  return otherMethod ? 'method' : undefined
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const profile: SandboxProfile = opts.profile ?? DEFAULT_PROFILE
  if (profile !== 'wild' && profile !== 'documented') throw new Error(`unknown sandbox profile ${String(profile)}`)
  const wild = profile === 'wild'
  const quirks: SandboxQuirks = { adjustmentNotes: true, redemptionOrigin: null, ...opts.quirks }
  const seed = opts.seed ?? 1
  const clock = opts.clock ?? { now: () => Date.now() }
  const nowSec = (): number => Math.floor(clock.now() / 1000)
  const accountList = opts.accounts?.length ? opts.accounts : [{ uid: '1000', apiKey: 'training-key' }]
  const anchor = nowSec()
  const datas = new Map<string, SandboxData>()
  accountList.forEach((a, i) => datas.set(a.uid, new SandboxData(a.uid, seed, i === 0 ? (opts.personas ?? 240) : 0, anchor)))
  if (opts.oddBalances) addOddBalances(datas.get(accountList[0]!.uid)!)
  const byKey = new Map(accountList.map((a) => [a.apiKey, a.uid]))
  const first = accountList[0]!
  const faults = new Faults(seed)
  const ledger: LedgerEntry[] = []
  const requests: RequestRecord[] = []
  const sockets = new Set<Socket>()
  let server: Server | undefined
  let port = opts.port ?? 0
  let closed = false

  const sandbox: Sandbox = {
    profile,
    quirks,
    url: '',
    port: 0,
    uid: first.uid,
    apiKey: first.apiKey,
    faults,
    ledger,
    data: datas.get(first.uid)!,
    accounts: datas,
    requests,
    smsRequests: datas.get(first.uid)!.smsRequests,
    stop,
    restart: () => (closed ? Promise.reject(new Error('sandbox is closed')) : listen()),
    close: async () => {
      closed = true
      await stop()
    },
  }
  for (const key of ['profile', 'quirks'] as const) Object.defineProperty(sandbox, key, { writable: false, configurable: false })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase()
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const record: RequestRecord = { method, path: url.pathname, url: url.pathname + url.search, status: null }
    requests.push(record)
    // the one place a result becomes a body, in the profile's envelope
    const send = (r: Result): void => {
      if (res.destroyed || res.writableEnded) return
      record.status = r.status
      const text = JSON.stringify(envelope(profile, r))
      res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...r.headers })
      res.end(text)
    }
    let bodyText: string
    try {
      bodyText = await readBody(req)
    } catch {
      return send(fail(413, 'Body too large'))
    }
    const { delayMs, terminal } = faults.decide(method, url.pathname)
    if (terminal) record.fault = terminal.kind
    if (delayMs > 0) await sleep(delayMs)
    if (res.destroyed) return
    if (terminal && terminal.kind !== 'applyThenDrop') return injectFault(terminal, req, res, send, record)
    const result = answer(method, url, req.headers['x-apikey'], bodyText)
    if (terminal?.kind === 'applyThenDrop') {
      req.socket.destroy()
      return
    }
    send(result)
  }

  function answer(method: string, url: URL, key: string | string[] | undefined, bodyText: string): Result {
    const found = route(method, url.pathname, wild)
    if (found === 'bad') return fail(400, 'Malformed path')
    // wild: gserv's router answers for itself, with its own texts
    if (found === 'method' && wild) return fail(405, 'Method Not Allowed')
    if (!found || found === 'method') return fail(404, wild ? 'Not Found' : `No route for ${method} ${url.pathname}`)
    const uid = typeof key === 'string' ? byKey.get(key) : undefined
    if (!uid) return fail(403, AUTH_MESSAGE)
    if (found.params.uid !== undefined && found.params.uid !== uid) return fail(403, AUTH_MESSAGE)
    let body: unknown
    if (bodyText.trim()) {
      try {
        body = JSON.parse(bodyText)
      } catch {
        return fail(400, 'Body must be JSON')
      }
    }
    const ctx: Ctx = {
      profile, quirks, params: found.params, query: url.searchParams, body, data: datas.get(uid)!, uid, base: sandbox.url, nowSec: nowSec(), ledger,
    }
    try {
      return found.route.handler(ctx)
    } catch (err) {
      return fail(500, `Sandbox error: ${(err as Error).message}`)
    }
  }

  function injectFault(f: TerminalFault, req: IncomingMessage, res: ServerResponse, send: (r: Result) => void, record: RequestRecord): void {
    switch (f.kind) {
      case 'status':
        return send(fail(f.status, `Sandbox fault: HTTP ${f.status}`))
      case 'rateLimit':
        return send({ ...fail(429, 'Too many requests'), headers: { 'retry-after': String(f.retryAfterSec) } })
      case 'malformed': {
        const text = wild ? '{"data":{"results":[{"contactID":' : '{"success":true,"data":{"results":[{"contactID":'
        record.status = 200
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
        res.end(text)
        return
      }
      case 'reset':
        req.socket.destroy()
        return
      case 'hang':
        return // the socket stays open until the client gives up or the sandbox stops
    }
  }

  function listen(): Promise<void> {
    if (server) return Promise.resolve()
    const s = createServer((req, res) => {
      // the sandbox's own time, as AIQ's answers carry AIQ's (a test may set the sandbox's clock apart)
      if (quirks.dateHeader === false) res.sendDate = false
      else res.setHeader('date', new Date(clock.now()).toUTCString())
      handle(req, res).catch((err: unknown) => {
        if (!res.headersSent && !res.destroyed) res.writeHead(500).end(String(err))
      })
    })
    s.on('connection', (socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    return new Promise((resolve, reject) => {
      s.once('error', reject)
      s.listen(port, '127.0.0.1', () => {
        s.off('error', reject)
        const address = s.address()
        if (address && typeof address === 'object') port = address.port
        sandbox.port = port
        sandbox.url = `http://127.0.0.1:${port}`
        server = s
        resolve()
      })
    })
  }

  function stop(): Promise<void> {
    const s = server
    if (!s) return Promise.resolve()
    server = undefined
    return new Promise((resolve) => {
      s.close(() => resolve())
      for (const socket of sockets) socket.destroy()
      sockets.clear()
    })
  }

  await listen()
  return sandbox
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        reject(new Error('too large'))
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

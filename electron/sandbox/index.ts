// The AIQ sandbox: AIQ's endpoints served on 127.0.0.1 with seeded personas and fault knobs.
// Training mode runs it in-process; integration and e2e tests use it as AIQ's stand-in. See README.md.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Clock } from '../clock'
import { SandboxData } from './data'
import { Faults, type FaultKind, type TerminalFault } from './faults'
import { fail, ROUTES, type Ctx, type LedgerEntry, type Result, type Route } from './routes'

export { SandboxData, META, phone10, type SandboxPersona } from './data'
export { Faults, type FaultRule, type FaultKind, type FaultMatch } from './faults'
export { PERSONAS, UNKNOWN_PHONE, UNKNOWN_EMAIL, type FixedPersona } from './personas'
export { STORES, PRODUCTS, REWARDS } from './catalog'
export type { LedgerEntry } from './routes'

export type SandboxOptions = {
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
  /** close the listener and every open connection; state is kept */
  stop(): Promise<void>
  /** listen again on the same port with the same state */
  restart(): Promise<void>
  /** stop for good */
  close(): Promise<void>
}

const AUTH_MESSAGE = 'Please provide a valid API key'
const MAX_BODY = 1_000_000

type CompiledRoute = Route & { segments: string[] }
const compiled: CompiledRoute[] = ROUTES.map((r) => ({ ...r, segments: split(r.path).map((s) => (s.startsWith(':') ? s : s.toLowerCase())) }))

function split(path: string): string[] {
  return path.split('/').filter(Boolean)
}

/** Path segments match case-insensitively; params keep their case. */
function route(method: string, pathname: string): { route: CompiledRoute; params: Record<string, string> } | 'bad' | undefined {
  let raw: string[]
  try {
    raw = split(pathname).map(decodeURIComponent)
  } catch {
    return 'bad'
  }
  for (const r of compiled) {
    if (r.method !== method || r.segments.length !== raw.length) continue
    const params: Record<string, string> = {}
    const hit = r.segments.every((seg, i) => {
      const part = raw[i]!
      if (seg.startsWith(':')) {
        params[seg.slice(1)] = part
        return true
      }
      return seg === part.toLowerCase()
    })
    if (hit) return { route: r, params }
  }
  return undefined
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const seed = opts.seed ?? 1
  const clock = opts.clock ?? { now: () => Date.now() }
  const nowSec = (): number => Math.floor(clock.now() / 1000)
  const accountList = opts.accounts?.length ? opts.accounts : [{ uid: '1000', apiKey: 'training-key' }]
  const anchor = nowSec()
  const datas = new Map<string, SandboxData>()
  accountList.forEach((a, i) => datas.set(a.uid, new SandboxData(a.uid, seed, i === 0 ? (opts.personas ?? 240) : 0, anchor)))
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
    url: '',
    port: 0,
    uid: first.uid,
    apiKey: first.apiKey,
    faults,
    ledger,
    data: datas.get(first.uid)!,
    accounts: datas,
    requests,
    stop,
    restart: () => (closed ? Promise.reject(new Error('sandbox is closed')) : listen()),
    close: async () => {
      closed = true
      await stop()
    },
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase()
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const record: RequestRecord = { method, path: url.pathname, url: url.pathname + url.search, status: null }
    requests.push(record)
    const send = (r: Result): void => {
      if (res.destroyed || res.writableEnded) return
      record.status = r.status
      const text = JSON.stringify(r.body)
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
    const found = route(method, url.pathname)
    if (found === 'bad') return fail(400, 'Malformed path')
    if (!found) return fail(404, `No route for ${method} ${url.pathname}`)
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
      params: found.params, query: url.searchParams, body, data: datas.get(uid)!, uid, base: sandbox.url, nowSec: nowSec(), ledger,
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
        const text = '{"success":true,"data":{"results":[{"contactID":'
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

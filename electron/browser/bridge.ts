// Browser mode's shell: the IPC contract served over loopback HTTP (+ a server-sent-event stream for events), so the
// real renderer in any local browser talks to the real main-process services exactly as it would through the preload.
// It is the second shell beside Electron's (main.ts + preload.ts); the e2e tests drive the app through it too.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import { customerEventNames, customerMethodNames, eventNames, methodNames, type EventName, type MethodName } from '../../shared/contract'
import { dispatchCustomer } from '../customer-dispatch'
import { dispatch } from '../dispatch'
import type { Services } from '../services'
import { CSP } from '../security'

export type Bridge = {
  /** the app's address, token included */
  url: string
  origin: string
  token: string
  /** what installs `window.counter` in a page (a Playwright init script, or served to a browser) */
  clientScript: string
  /** the customer screen's page (its own token, made from the run's: it can call only the customer screen's contract) */
  customerUrl: string
  customerToken: string
  /** what installs `window.customerScreen` in the customer page */
  customerClientScript: string
  close(): Promise<void>
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}
const MAX_BODY = 1_000_000

export async function startBridge(opts: {
  services: Services
  rendererDir: string
  port?: number
  /** serve the client script inside index.html (start:browser); tests install it with an init script instead */
  injectClient?: boolean
}): Promise<Bridge> {
  const token = randomBytes(24).toString('base64url')
  // bound to the run's token, yet not it: the customer page never holds the token that reaches the counter's methods
  const customerToken = createHmac('sha256', token).update('customer-screen').digest('base64url')
  const streams = new Set<ServerResponse>()
  let origin = ''
  let clientScript = ''

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      opts.services.log?.error({ err: e, method: req.method }, 'the browser bridge failed to answer a request')
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error')
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', origin)
    // Only our own loopback origin: a page elsewhere (or DNS rebinding) must not reach the services.
    if (req.headers.host !== new URL(origin).host) return send(res, 421, 'text/plain; charset=utf-8', 'Wrong host')
    if (req.headers.origin && req.headers.origin !== origin) return send(res, 403, 'text/plain; charset=utf-8', 'Wrong origin')

    /** one RPC route: its token, then the method from the path and the JSON body, answered by its dispatcher */
    const rpc = async (prefix: string, allowed: boolean, refused: string, answer: (method: string, input: unknown) => Promise<unknown>) => {
      if (!allowed) return json(res, 403, { ok: false, error: { code: 'unauthorized', message: refused } })
      const method = decodePath(url.pathname.slice(prefix.length))
      if (method === null) return json(res, 400, BAD_ESCAPE)
      const body = await readBody(req)
      if (body === null) return tooLarge(req, res)
      let input: unknown
      try {
        input = body.length ? JSON.parse(body) : {}
      } catch {
        return json(res, 400, { ok: false, error: { code: 'invalid_input', message: 'That request is not valid JSON.' } })
      }
      return json(res, 200, await answer(method, input))
    }
    if (url.pathname.startsWith('/__bridge/rpc/') && req.method === 'POST')
      return rpc('/__bridge/rpc/', tokenOk(req.headers['x-counter-token']), 'Missing or wrong session token.', (m, i) => dispatch(opts.services, m, i))
    if (url.pathname.startsWith('/__bridge/customer/rpc/') && req.method === 'POST')
      return rpc('/__bridge/customer/rpc/', tokenOk(req.headers['x-customer-token'], customerToken), 'Missing or wrong customer screen token.', (m, i) =>
        dispatchCustomer(opts.services, m, i),
      )
    if (url.pathname === '/__bridge/customer/events' && req.method === 'GET') {
      if (!tokenOk(url.searchParams.get('token'), customerToken)) return send(res, 403, 'text/plain; charset=utf-8', 'Missing or wrong customer screen token.')
      return customerStream(res)
    }
    if (url.pathname === '/__bridge/customer/client.js') {
      if (!tokenOk(url.searchParams.get('token'), customerToken)) return send(res, 403, 'text/plain; charset=utf-8', 'Missing or wrong customer screen token.')
      return send(res, 200, MIME['.js']!, customerClientScript)
    }
    if (url.pathname === '/__bridge/events' && req.method === 'GET') {
      if (!tokenOk(url.searchParams.get('token'))) return send(res, 403, 'text/plain; charset=utf-8', 'Missing or wrong session token.')
      return stream(res)
    }
    if (url.pathname === '/__bridge/client.js') {
      if (!tokenOk(url.searchParams.get('token'))) return send(res, 403, 'text/plain; charset=utf-8', 'Missing or wrong session token.')
      return send(res, 200, MIME['.js']!, clientScript)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed')
    return serveStatic(url, res)
  }

  function tokenOk(given: string | string[] | null | undefined, expected = token): boolean {
    if (typeof given !== 'string') return false
    const a = Buffer.from(given)
    const b = Buffer.from(expected)
    return a.length === b.length && timingSafeEqual(a, b)
  }

  async function serveStatic(url: URL, res: ServerResponse) {
    const isCustomerPage = url.pathname === '/customer' || url.pathname === '/customer.html'
    const isPage = url.pathname === '/' || url.pathname === '/index.html' || isCustomerPage
    if (isCustomerPage && !tokenOk(url.searchParams.get('token'), customerToken))
      return send(res, 403, 'text/plain; charset=utf-8', 'Open the customer screen with the “Customer screen” button on the counter.')
    if (isPage && !isCustomerPage && !tokenOk(url.searchParams.get('token')))
      return send(res, 403, 'text/plain; charset=utf-8', 'Open AIQ Counter with the link that `npm run start:browser` printed.')
    const path = decodePath(url.pathname)
    if (path === null) return send(res, 400, 'text/plain; charset=utf-8', 'Bad request')
    const rel = isCustomerPage ? 'customer.html' : isPage ? 'index.html' : normalize(path).replace(/^[/\\]+/, '')
    const file = join(opts.rendererDir, rel)
    if (!file.startsWith(opts.rendererDir + sep)) return send(res, 404, 'text/plain; charset=utf-8', 'Not found')
    let content: Buffer
    try {
      content = await readFile(file)
    } catch {
      return send(res, 404, 'text/plain; charset=utf-8', 'Not found')
    }
    const type = MIME[extname(file)] ?? 'application/octet-stream'
    if (isPage && opts.injectClient) {
      const tag = isCustomerPage
        ? `<script src="/__bridge/customer/client.js?token=${customerToken}"></script>`
        : `<script src="/__bridge/client.js?token=${token}"></script>`
      content = Buffer.from(content.toString('utf8').replace('<head>', `<head>${tag}`))
    }
    send(res, 200, type, content, isPage ? { 'Content-Security-Policy': CSP } : {})
  }

  function stream(res: ServerResponse) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
    res.write(': connected\n\n')
    streams.add(res)
    const unsubscribe = eventNames.map((name: EventName) =>
      opts.services.events.on(name, (payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)),
    )
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000)
    res.on('close', () => {
      clearInterval(keepAlive)
      unsubscribe.forEach((u) => u())
      streams.delete(res)
    })
  }

  /** the customer page's events only; while its stream is open, the counter knows a customer screen is there */
  function customerStream(res: ServerResponse) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
    res.write(': connected\n\n')
    streams.add(res)
    const customer = opts.services.customer!
    const unsubscribe = customerEventNames.map((name) => customer.events.on(name, (payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)))
    const detach = customer.screen.attach()
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000)
    res.on('close', () => {
      clearInterval(keepAlive)
      unsubscribe.forEach((u) => u())
      detach()
      streams.delete(res)
    })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  clientScript = bridgeClientScript(token)
  const customerClientScript = customerScreenClientScript(customerToken)
  const customerUrl = `${origin}/customer?token=${customerToken}`
  opts.services.customer?.screen.setOpener(async () => customerUrl)

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    clientScript,
    customerUrl,
    customerToken,
    customerClientScript,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers })
  res.end(body)
}
const json = (res: ServerResponse, status: number, body: unknown) => send(res, status, 'application/json', JSON.stringify(body))

const BAD_ESCAPE = { ok: false, error: { code: 'invalid_input', message: 'That address has a broken % escape or a character that is not valid text.' } }

/** decodeURIComponent that answers null for a bad `%` escape or an encoded lone surrogate instead of throwing */
function decodePath(raw: string): string | null {
  try {
    return decodeURIComponent(raw)
  } catch {
    return null
  }
}

/** The body as text, or null once it passes MAX_BODY (a declared Content-Length over it is refused before reading). */
function readBody(req: IncomingMessage): Promise<string | null> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return Promise.resolve(null)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        req.off('data', onData)
        resolve(null)
      } else chunks.push(c)
    }
    req.on('data', onData)
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** how much of an oversized body is read (and dropped) so the client, still sending, gets to read the 413 */
const MAX_DRAIN = 64 * MAX_BODY

/**
 * 413, then close. Closing a socket with unread data makes the OS send a reset, and a client still sending its body
 * would see "connection reset" instead of the answer. So the answer goes out at once (complete, with its length), and
 * the rest of the body is read and dropped (up to MAX_DRAIN) before the connection closes.
 */
function tooLarge(req: IncomingMessage, res: ServerResponse) {
  const body = JSON.stringify({ ok: false, error: { code: 'invalid_input', message: 'That request is too large.' } })
  res.shouldKeepAlive = false
  res.writeHead(413, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'close',
  })
  res.write(body)
  const done = () => res.end()
  if (req.readableEnded || req.destroyed) return done()
  let drained = 0
  req.on('data', (c: Buffer) => {
    drained += c.length
    if (drained > MAX_DRAIN) req.destroy()
  })
  req.once('end', done)
  req.once('close', done)
  req.resume()
}

/** Browser code (inside a client script, `cfg` in scope): `api` with one POST per method in `cfg.methods`. */
/**
 * The methods that read what AIQ knows of the customer on screen: a new check-in drops the ones still in flight.
 * Browser mode talks HTTP/1.1, where Chromium keeps at most 6 requests per address open (the event stream holds one),
 * so reads left hanging by a hanging AIQ would queue the next customer's check-in behind them. Their callers have moved
 * on to the new customer and would ignore the answers; Electron's IPC has no such limit and needs none of this.
 */
export const READS_FOR_THE_CUSTOMER_ON_SCREEN = ['checkIn', 'getRewards', 'getVisits', 'getTimeline', 'getRecommendations', 'getTraits', 'getOverrides'] as const satisfies readonly MethodName[]

function rpcMethods(path: string, tokenHeader: string, lostMessage: string, dropOnCheckIn: readonly string[] = []): string {
  const lost = JSON.stringify({ ok: false, error: { code: 'offline', message: lostMessage } })
  return `  const lost = ${lost};
  const dropOnCheckIn = new Set(${JSON.stringify(dropOnCheckIn)});
  let reads = new Set();
  const api = {};
  for (const m of cfg.methods) {
    api[m] = async (input) => {
      if (m === 'checkIn') { for (const r of reads) r.abort(); reads = new Set(); }
      const ctl = dropOnCheckIn.has(m) ? new AbortController() : null;
      if (ctl) reads.add(ctl);
      try {
        const res = await fetch(${JSON.stringify(path)} + m, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ${JSON.stringify(tokenHeader)}: cfg.token },
          body: JSON.stringify(input === undefined ? {} : input),
          signal: ctl ? ctl.signal : undefined,
        });
        return await res.json();
      } catch (e) {
        // dropped for a newer check-in: nobody waits for it any more, so it never answers
        if (ctl && ctl.signal.aborted) return new Promise(() => {});
        return lost;
      } finally { if (ctl) reads.delete(ctl); }
    };
  }`
}

/**
 * Browser code that defines `window.counter` with exactly the contract's named methods and listeners — the same
 * shape the preload exposes — forwarding calls to the bridge. Plain ES2020, no imports: it runs before the app.
 */
export function bridgeClientScript(token: string): string {
  const cfg = JSON.stringify({ token, methods: methodNames, events: eventNames })
  return `(() => {
  const cfg = ${cfg};
  if (window.counter) return;
${rpcMethods('/__bridge/rpc/', 'x-counter-token', 'The app lost its connection to the counter service. Reload the page.', READS_FOR_THE_CUSTOMER_ON_SCREEN)}
  const listeners = {};
  let source = null;
  const connect = () => {
    if (source) return;
    source = new EventSource('/__bridge/events?token=' + encodeURIComponent(cfg.token));
    for (const e of cfg.events) {
      source.addEventListener(e, (ev) => {
        const payload = JSON.parse(ev.data);
        for (const l of Array.from(listeners[e] || [])) l(payload);
      });
    }
  };
  for (const e of cfg.events) {
    api['on' + e[0].toUpperCase() + e.slice(1)] = (listener) => {
      connect();
      (listeners[e] = listeners[e] || new Set()).add(listener);
      return () => listeners[e].delete(listener);
    };
  }
  Object.defineProperty(window, 'counter', { value: Object.freeze(api), enumerable: true });
})();`
}

/** `window.customerScreen` for the customer page: its own three calls and one event, with the customer token only. */
export function customerScreenClientScript(customerToken: string): string {
  const cfg = JSON.stringify({ token: customerToken, methods: customerMethodNames, events: customerEventNames })
  return `(() => {
  const cfg = ${cfg};
  if (window.customerScreen) return;
${rpcMethods('/__bridge/customer/rpc/', 'x-customer-token', 'The customer screen lost its connection. Ask the budtender.')}
  const listeners = new Set();
  const source = new EventSource('/__bridge/customer/events?token=' + encodeURIComponent(cfg.token));
  for (const e of cfg.events) source.addEventListener(e, (ev) => { const p = JSON.parse(ev.data); for (const l of Array.from(listeners)) l(p); });
  api.onCustomerViewChanged = (listener) => { listeners.add(listener); return () => listeners.delete(listener); };
  Object.defineProperty(window, 'customerScreen', { value: Object.freeze(api), enumerable: true });
})();`
}

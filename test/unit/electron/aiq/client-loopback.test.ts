// The client with Node's real fetch against a real server on 127.0.0.1: what arrives on the wire, and how
// real connection failures are classified.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAiqClient } from '../../../../electron/aiq/client'
import { AiqError } from '../../../../electron/aiq/errors'

type Seen = { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }
const seen: Seen[] = []
let server: Server
let base = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body })
      if (req.url?.startsWith('/prefix/hang')) return // never answers
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ success: true, data: { loyalty: true, optedIn: true } }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix/`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('AIQ client over real HTTP on loopback', () => {
  it('sends the key and the encoded email exactly as built, under the base URL’s path', async () => {
    const client = createAiqClient({ baseUrl: base, uid: '4242', apiKey: 'loop-key', limiter: null })
    await expect(client.lookupLoyalty('ana+pos@example.com')).resolves.toEqual({ loyalty: true, optedIn: true })
    const last = seen.at(-1)!
    expect(last.method).toBe('GET')
    expect(last.url).toBe('/prefix/api/v2/loyalty/lookup/ana%2Bpos%40example.com')
    expect(last.headers['x-apikey']).toBe('loop-key')
    expect(last.headers['content-type']).toBeUndefined()
  })

  it('sends a JSON body with its content type', async () => {
    const client = createAiqClient({ baseUrl: base, uid: '4242', apiKey: 'loop-key', limiter: null })
    await client.adjustPoints('c0ffee', { value: 3, note: 'sale' }).catch(() => undefined)
    const last = seen.at(-1)!
    expect(last.method).toBe('PUT')
    expect(last.headers['content-type']).toBe('application/json')
    expect(JSON.parse(last.body)).toEqual({ value: 3, note: 'sale' })
  })

  it('a refused connection is "offline"', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const client = createAiqClient({ baseUrl: `http://127.0.0.1:${port}`, uid: '4242', apiKey: 'loop-key', limiter: null })
    await expect(client.getPersona('c0ffee')).rejects.toSatisfy((e) => e instanceof AiqError && e.kind === 'offline' && e.details.notSent === true)
  })

  it('a connection dropped after the request went out is "offline" but may have been applied', async () => {
    const dropping = createServer((req) => req.socket.destroy())
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve))
    const port = (dropping.address() as AddressInfo).port
    const client = createAiqClient({ baseUrl: `http://127.0.0.1:${port}`, uid: '4242', apiKey: 'loop-key', limiter: null })
    await expect(client.adjustPoints('c0ffee', { value: 1, note: 'x' })).rejects.toSatisfy((e) => e instanceof AiqError && e.kind === 'offline' && e.details.notSent !== true)
    await new Promise((resolve) => dropping.close(resolve))
  })

  it('a server that accepts but never answers is a "timeout"', async () => {
    const client = createAiqClient({ baseUrl: `${base}hang`, uid: '4242', apiKey: 'loop-key', limiter: null, timeoutMs: 50 })
    await expect(client.getPersona('c0ffee')).rejects.toSatisfy((e) => e instanceof AiqError && e.kind === 'timeout')
  })
})

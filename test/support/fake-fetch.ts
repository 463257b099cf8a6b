// An injected fetch for the AIQ client: records every request and answers with canned responses.
import { expect } from 'vitest'
import { createAiqClient, type AiqClientOptions } from '../../electron/aiq/client'

export const API_KEY = 'test-key-7f3a9c'
export const UID = '4242'
export const BASE = 'http://127.0.0.1:9'

export type Reply = (req: Request) => Response | Promise<Response>

export const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { status: 200, ...init, headers: { 'Content-Type': 'application/json', ...init.headers } })
export const ok = (data: unknown) => json({ success: true, data })

export function recordingFetch(reply: Reply) {
  const sent: Request[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const req = new Request(input, init)
    sent.push(req.clone())
    return reply(req)
  }
  return { fetch, sent }
}

export function fakeAiq(reply: Reply = () => ok(null), opts: Partial<AiqClientOptions> = {}) {
  const { fetch, sent } = recordingFetch(reply)
  const client = createAiqClient({ baseUrl: BASE, uid: UID, apiKey: API_KEY, fetch, limiter: null, ...opts })
  return { client, sent }
}

export interface Expected {
  method: string
  path: string
  query?: Record<string, string>
  body?: unknown
}

/** The one request sent: method, path (as sent, still encoded), query, auth and content headers, JSON body. */
export async function expectSent(sent: Request[], want: Expected) {
  expect(sent).toHaveLength(1)
  const req = sent[0]!
  const url = new URL(req.url)
  expect(req.method).toBe(want.method)
  expect(url.origin).toBe(BASE)
  expect(url.pathname).toBe(want.path)
  expect(Object.fromEntries(url.searchParams)).toEqual(want.query ?? {})
  expect(req.headers.get('x-apikey')).toBe(API_KEY)
  expect(req.headers.get('accept')).toBe('application/json')
  const text = await req.text()
  if (want.body === undefined) {
    expect(text).toBe('')
    expect(req.headers.get('content-type')).toBeNull()
  } else {
    expect(req.headers.get('content-type')).toBe('application/json')
    expect(JSON.parse(text)).toEqual(want.body)
  }
}

// Fault knobs, the request log, and stop/restart: the sandbox as a misbehaving AIQ. Every knob, both profiles.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PERSONAS, PROFILES, startSandbox, type Sandbox } from '../../../electron/sandbox'
import { call, get } from '../../support/http'

describe.each(PROFILES)('%s profile', (profile) => {
  let sb: Sandbox
  beforeEach(async () => {
    sb = await startSandbox({ profile, personas: 20 })
  })
  afterEach(() => sb.close())

  const stores = () => get(sb, '/api/v1.1/stores/1000')
  const m = PERSONAS.member
  const adjustPath = `/api/v1.1/adjust/loyaltyPoints/1000/${m.contactID}`

  describe('faults', () => {
    it('latency delays the answer', async () => {
      sb.faults.set({ kind: 'latency', ms: 150 })
      const t = performance.now()
      expect((await stores()).status).toBe(200)
      expect(performance.now() - t).toBeGreaterThanOrEqual(140)
    })

    it('status answers with that HTTP status and an AIQ-style error body', async () => {
      sb.faults.set({ kind: 'status', status: 503 })
      const r = await stores()
      expect(r.status).toBe(503)
      expect(r.body).toMatchObject({ success: false, code: 503 })
    })

    it('status with a rate hits only part of the requests, the same part for the same seed', async () => {
      const run = async (seed: number): Promise<number[]> => {
        const s = await startSandbox({ profile, personas: 0, seed })
        s.faults.set({ kind: 'status', status: 500, rate: 0.5 })
        const out: number[] = []
        for (let i = 0; i < 20; i++) out.push((await get(s, '/api/v1.1/stores/1000')).status)
        await s.close()
        return out
      }
      const a = await run(3)
      expect(a).toEqual(await run(3))
      expect(a.filter((x) => x === 500).length).toBeGreaterThan(3)
      expect(a.filter((x) => x === 200).length).toBeGreaterThan(3)
    })

    it('rateLimit answers 429 with Retry-After', async () => {
      sb.faults.set({ kind: 'rateLimit', retryAfterSec: 7 })
      const r = await stores()
      expect(r.status).toBe(429)
      expect(r.headers.get('retry-after')).toBe('7')
      expect(r.body.success).toBe(false)
    })

    it('hang never answers: the client\'s own timeout fires', async () => {
      sb.faults.set({ kind: 'hang' })
      const t = performance.now()
      await expect(call(sb, 'GET', '/api/v1.1/stores/1000', { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({ name: 'TimeoutError' })
      expect(performance.now() - t).toBeGreaterThanOrEqual(190)
      expect(sb.requests.at(-1)).toMatchObject({ status: null, fault: 'hang' })
    })

    it('a hanging request is cut off when the sandbox stops', async () => {
      sb.faults.set({ kind: 'hang' })
      const pending = call(sb, 'GET', '/api/v1.1/stores/1000', { signal: AbortSignal.timeout(4000) })
      await new Promise((r) => setTimeout(r, 50))
      const t = performance.now()
      await sb.stop()
      await expect(pending).rejects.toThrow(/fetch failed/)
      expect(performance.now() - t).toBeLessThan(1000)
    })

    it('reset destroys the connection without an answer', async () => {
      sb.faults.set({ kind: 'reset' })
      await expect(stores()).rejects.toThrow(/fetch failed/)
      expect(sb.requests.at(-1)).toMatchObject({ status: null, fault: 'reset' })
    })

    it('malformed answers 200 with a body that is not JSON', async () => {
      sb.faults.set({ kind: 'malformed' })
      const res = await fetch(`${sb.url}/api/v1.1/stores/1000`, { headers: { 'X-APIKEY': sb.apiKey } })
      expect(res.status).toBe(200)
      const text = await res.text()
      expect(() => JSON.parse(text)).toThrow()
    })

    it('applyThenDrop applies the adjustment (the ledger has it) but the client gets a socket error', async () => {
      const before = sb.data.byPhone(m.phone)!.loyaltyPoints!
      sb.faults.set({ kind: 'applyThenDrop', match: { method: 'PUT', path: /adjust\/loyaltyPoints/i }, times: 1 })
      await expect(call(sb, 'PUT', adjustPath, { body: { value: 30, note: '[idem:X1]' } })).rejects.toThrow(/fetch failed/)
      expect(sb.ledger).toMatchObject([{ contactID: m.contactID, value: 30, note: '[idem:X1]' }])
      expect(sb.data.byPhone(m.phone)!.loyaltyPoints).toBe(before + 30)
      const now = Math.floor(Date.now() / 1000)
      const rows = (await get(sb, `/api/v1.1/adjustments/1000/${now - 60}/${now + 60}`)).body.data
      expect(rows.map((r: { note: string }) => r.note)).toEqual(['[idem:X1]'])
    })

    it('times:N fires N times then removes itself', async () => {
      sb.faults.set({ kind: 'status', status: 502, times: 2 })
      expect((await stores()).status).toBe(502)
      expect((await stores()).status).toBe(502)
      expect(sb.faults.rules).toHaveLength(0)
      expect((await stores()).status).toBe(200)
    })

    it('match limits a rule to a method and path; other requests pass', async () => {
      sb.faults.set({ kind: 'status', status: 500, match: { method: 'PUT', path: /adjust/i } })
      expect((await stores()).status).toBe(200)
      expect((await call(sb, 'GET', `/api/v1.1/piis/1000/${m.contactID}`)).status).toBe(200)
      expect((await call(sb, 'PUT', adjustPath, { body: { value: 1, note: '' } })).status).toBe(500)
      expect(sb.ledger).toHaveLength(0)
    })

    it('counts every fault it served, by kind and by rule, after the rule is spent or cleared', async () => {
      const slow = { kind: 'latency', ms: 1, match: { path: /stores/ } } as const
      const broken = { kind: 'status', status: 500, match: { method: 'PUT', path: /adjust/i }, times: 1 } as const
      sb.faults.set(slow, broken)
      expect(sb.faults.count()).toBe(0)
      await stores()
      await call(sb, 'GET', `/api/v1.1/piis/1000/${m.contactID}`)
      expect((await call(sb, 'PUT', adjustPath, { body: { value: 1, note: '' } })).status).toBe(500)
      expect((await call(sb, 'PUT', adjustPath, { body: { value: 1, note: '' } })).status).toBe(200)
      sb.faults.clear()
      expect([sb.faults.count(), sb.faults.count('status'), sb.faults.count(broken), sb.faults.count(slow), sb.faults.count('reset')]).toEqual([2, 1, 1, 1, 0])
      expect(sb.faults.served.map((f) => [f.kind, f.method])).toEqual([['latency', 'GET'], ['status', 'PUT']])
    })

    it('latency adds to another fault; add() stacks rules; clear() removes them all', async () => {
      sb.faults.set({ kind: 'latency', ms: 100 }).add({ kind: 'status', status: 504 })
      const t = performance.now()
      expect((await stores()).status).toBe(504)
      expect(performance.now() - t).toBeGreaterThanOrEqual(90)
      sb.faults.clear()
      expect((await stores()).status).toBe(200)
    })

    it('faults come before auth, like a proxy in front of AIQ', async () => {
      sb.faults.set({ kind: 'status', status: 503, times: 1 })
      expect((await get(sb, '/api/v1.1/stores/1000', 'wrong')).status).toBe(503)
      expect((await get(sb, '/api/v1.1/stores/1000', 'wrong')).status).toBe(403)
    })
  })

  describe('request log', () => {
    it('records method, path and status of every request', async () => {
      await stores()
      await get(sb, '/api/v1.1/stores/1000', 'bad')
      await get(sb, '/nope?x=1')
      expect(sb.requests).toMatchObject([
        { method: 'GET', path: '/api/v1.1/stores/1000', status: 200 },
        { method: 'GET', path: '/api/v1.1/stores/1000', status: 403 },
        { method: 'GET', path: '/nope', url: '/nope?x=1', status: 404 },
      ])
      sb.requests.length = 0
      await stores()
      expect(sb.requests).toHaveLength(1)
    })
  })

  describe('stop and restart', () => {
    it('stop refuses connections; restart listens on the same port with the same state', async () => {
      const { port, url } = sb
      await call(sb, 'PUT', adjustPath, { body: { value: 40, note: 'before outage' } })
      const balance = sb.data.byPhone(m.phone)!.loyaltyPoints
      await sb.stop()
      await expect(stores()).rejects.toThrow(/fetch failed/)
      await sb.restart()
      expect([sb.port, sb.url]).toEqual([port, url])
      const w = await call(sb, 'POST', '/api/v2/wallet', { body: { phone: m.phone } })
      expect(w.body.data.loyaltyPoints).toBe(balance)
      expect(sb.ledger).toHaveLength(1)
    })

    it('close is final: restart is refused', async () => {
      await sb.close()
      await expect(sb.restart()).rejects.toThrow(/closed/)
    })

    it('can start on a chosen port', async () => {
      const port = sb.port
      await sb.close()
      const again = await startSandbox({ profile, port, personas: 0 })
      try {
        expect(again.port).toBe(port)
      } finally {
        await again.close()
      }
    })
  })
})

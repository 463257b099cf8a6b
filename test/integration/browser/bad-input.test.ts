// Issue 10, item 6: whatever bytes arrive — a broken % escape, a lone surrogate, a body far too large — the real bridge
// over the real services answers with a clean invalid_input / 4xx, never `internal` / 500, and the client reads it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PERSONAS } from '../../../electron/sandbox'
import { startBridge, type Bridge } from '../../../electron/browser/bridge'
import { startHarness, type Harness } from '../../support/counter'

let h: Harness
let bridge: Bridge
let rendererDir: string
beforeAll(async () => {
  h = await startHarness()
  rendererDir = mkdtempSync(join(tmpdir(), 'aiqc-bad-input-'))
  writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>')
  bridge = await startBridge({ services: h.services, rendererDir })
})
afterAll(async () => {
  await bridge.close()
  await h.close()
  rmSync(rendererDir, { recursive: true, force: true })
})

type Answer = { status: number; body: string }
/** A raw HTTP request: the path is sent exactly as written (fetch would re-encode it), the body as given. */
function raw(method: string, path: string, body?: string | Buffer, headers: Record<string, string | number> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(bridge.origin)
    const req = request({ host: '127.0.0.1', port, method, path, headers: { 'x-counter-token': bridge.token, 'content-type': 'application/json', ...headers } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}
const rpc = (method: string, args: string) => raw('POST', `/__bridge/rpc/${method}`, args)

describe('a broken % escape or an encoded lone surrogate in the address', () => {
  it.each(['%E0%A4%A', '%', '%zz', 'getStatus%', '%ED%A0%80', 'check%C0In'])('POST /__bridge/rpc/%s → 400 invalid_input', async (name) => {
    const r = await rpc(name, '{}')
    expect(r.status).toBe(400)
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/% escape/) } })
  })

  it.each(['/assets/%E0%A4%A.js', '/%', '/%ED%A0%80', '/index.html%zz'])('GET %s → 400, not 500', async (path) => {
    expect((await raw('GET', path)).status).toBe(400)
  })

  it.each(['/?token=%ED%A0%80', '/?token=%', '/__bridge/events?token=%zz', '/__bridge/client.js?token=%E0%A4%A'])('GET %s → 403 (a wrong token), not 500', async (path) => {
    expect((await raw('GET', path)).status).toBe(403)
  })
})

describe('a lone surrogate in a JSON string argument', () => {
  const cid = PERSONAS.member.contactID
  it.each([
    ['checkIn', '{"input":"\\ud800"}', 'input'],
    ['checkIn', '{"input":"303555\\udfff0100"}', 'input'],
    ['getRewards', '{"contactID":"\\ud800"}', 'contactID'],
    ['getVisits', '{"contactID":"c\\udc00"}', 'contactID'],
    ['getTimeline', '{"contactID":"\\ud800"}', 'contactID'],
    ['getRecommendations', '{"contactID":"\\ud800"}', 'contactID'],
    ['getTraits', '{"contactID":"\\ud800"}', 'contactID'],
    ['getOverrides', '{"contactID":"\\ud800"}', 'contactID'],
    ['awardPoints', `{"customer":{"contactID":"${cid}"},"customerName":"Ma\\ud800ya","value":5,"reason":"Purchase","budtender":"Sam"}`, 'customerName'],
    ['saveTraits', `{"contactID":"${cid}","traits":[{"key":"\\udbff","value":"x"}],"mode":"add"}`, 'traits.0.key'],
  ])('%s %s → invalid_input naming %s', async (method, args, where) => {
    const r = await rpc(method, args)
    expect(r.status).toBe(200) // the Result envelope, as for any refused input
    expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'invalid_input', message: `Please check the input — ${where}: it has a character that is not valid text.` } })
  })

  it('a surrogate pair (an emoji) is fine', async () => {
    const r = await rpc('awardPoints', `{"customer":{"contactID":"${cid}"},"customerName":"Maya \\ud83c\\udf3f","value":5,"reason":"Purchase","budtender":"Sam"}`)
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { customerName: 'Maya 🌿' } })
  })
})

describe('an oversized body', () => {
  const big = Buffer.alloc(3_000_000, 'a')
  it('gets a 413 the client actually reads, when it says its length up front', async () => {
    const r = await raw('POST', '/__bridge/rpc/checkIn', big)
    expect(r.status).toBe(413)
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'That request is too large.' } })
  })

  it('gets a 413 the client actually reads, when it streams the body without a length', async () => {
    const r = await raw('POST', '/__bridge/rpc/checkIn', big, { 'transfer-encoding': 'chunked' })
    expect(r.status).toBe(413)
    expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'invalid_input' } })
  })

  it('gets a 413 through fetch too, and the bridge keeps answering afterwards', async () => {
    const res = await fetch(`${bridge.origin}/__bridge/rpc/checkIn`, { method: 'POST', headers: { 'x-counter-token': bridge.token }, body: big })
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_input' } })
    expect(JSON.parse((await rpc('getStatus', '{}')).body)).toMatchObject({ ok: true })
  })
})

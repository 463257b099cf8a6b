// Issue 18, item 8, from outside: a caller of browser mode's bridge holding the token, with nobody signed in, reads
// and writes no customer data; the same call works once someone is signed in.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { startBridge, type Bridge } from '../../../../electron/browser/bridge'
import { PERSONAS } from '../../../../electron/sandbox'
import { signInPractice, startHarness, type Harness } from '../../../support/counter'

let h: Harness
let bridge: Bridge
let dir: string
beforeEach(async () => {
  h = await startHarness({ signIn: false })
  dir = mkdtempSync(join(tmpdir(), 'aiqc-access-bridge-'))
  writeFileSync(join(dir, 'index.html'), '<html><head></head><body>app</body></html>')
  bridge = await startBridge({ services: h.services, rendererDir: dir, injectClient: true })
})
afterEach(async () => {
  await bridge.close()
  await h.close()
  rmSync(dir, { recursive: true, force: true })
})

const rpc = async (method: string, body: unknown) =>
  (await fetch(`${bridge.origin}/__bridge/rpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-counter-token': bridge.token }, body: JSON.stringify(body) })).json()

it('nobody signed in: check-in, search, panels, the report, overrides, signup and retry are refused; status is not', async () => {
  const refused = { ok: false, error: { code: 'needs_sign_in' } }
  const now = Date.now()
  expect(await rpc('checkIn', { input: PERSONAS.member.phone })).toMatchObject(refused)
  expect(await rpc('searchCustomers', { query: 'Maya' })).toMatchObject(refused)
  expect(await rpc('getVisits', { contactID: PERSONAS.member.contactID })).toMatchObject(refused)
  expect(await rpc('shiftReport', { from: now - 60_000, to: now })).toMatchObject(refused)
  expect(await rpc('saveOverrides', { contactID: PERSONAS.member.contactID, overrides: { vip: 'yes' } })).toMatchObject(refused)
  expect(await rpc('signUp', { firstName: 'Eve', phone: '3035550999', loyalty: true, sms: 'none' })).toMatchObject(refused)
  expect(await rpc('retryOutboxEntry', { id: 'x' })).toMatchObject(refused)
  expect(await rpc('getStatus', {})).toMatchObject({ ok: true })
  await signInPractice(h.services)
  expect(await rpc('checkIn', { input: PERSONAS.member.phone })).toMatchObject({ ok: true })
})

// "Check AIQ compatibility" end to end below the screen: the real services, the real client and the sandbox in both
// profiles; the contract's dispatch; and `npm run aiq:check` spawned as support would run it.
import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ENDPOINT } from '../../../electron/aiq/endpoints'
import { dispatch } from '../../../electron/dispatch'
import { PERSONAS, PROFILES, UNKNOWN_PHONE, type Sandbox, type SandboxProfile } from '../../../electron/sandbox'
import { CompatReport } from '../../../shared/contract'
import { formatCompatReport } from '../../../shared/compat-report'
import { PRACTICE_MANAGER_PIN, startHarness, type Harness } from '../../support/counter'

const open: Harness[] = []
afterEach(async () => {
  while (open.length) await open.pop()!.close()
})

/** A counter in training mode over a sandbox of the given profile. */
async function counter(profile?: SandboxProfile): Promise<Harness> {
  const c = await startHarness({ aiqTimeoutMs: 1500, ...(profile ? { profile } : {}) })
  open.push(c)
  return c
}

/** The requests the check made: the directory's own background pull (a list without a phone search) left out. */
const checkRequests = (sb: Sandbox) => sb.requests.filter((r) => !(r.method === 'GET' && /\/piis\/\d+$/.test(r.path) && !/search=\d{10}/.test(r.url)))

const m = PERSONAS.member

describe.each(PROFILES)('checkCompatibility against the %s sandbox', (profile) => {
  it('a member: every endpoint reached and understood, one request each, nothing written', async () => {
    const { services, sandbox } = await counter(profile)
    const ledger = sandbox.ledger.length
    const before = JSON.stringify(sandbox.data.byPhone(m.phone))
    sandbox.requests.length = 0

    const report = await services.api.checkCompatibility({ phone: m.phone })
    expect(CompatReport.parse(report)).toEqual(report)
    expect(report).toMatchObject({ ok: true, customerFound: true, training: true, uid: sandbox.uid, phoneMasked: '***-***-0100' })
    expect(report.host).toBe(new URL(sandbox.url).host)
    expect(report.rows).toHaveLength(13)
    for (const r of report.rows) expect(r, r.endpoint).toMatchObject({ reached: true, understood: true, skipped: false, itemsSkipped: 0, missingFields: [] })
    expect(report.rows.map((r) => r.endpoint)).toContain(ENDPOINT.getPersonaBySrcId)

    // read-only: GETs and the wallet's POST, nothing else; AIQ's data untouched
    const sent = checkRequests(sandbox)
    for (const r of sent) expect(r.method === 'GET' || (r.method === 'POST' && r.path === '/api/v2/wallet'), `${r.method} ${r.path}`).toBe(true)
    expect(sent.length).toBeGreaterThanOrEqual(12)
    expect(sent.length).toBeLessThanOrEqual(14) // the client may retry a path in its other casing
    expect(sandbox.ledger.length).toBe(ledger)
    expect(JSON.stringify(sandbox.data.byPhone(m.phone))).toBe(before)
  })

  it('the report and its text carry no name, email or full phone', async () => {
    const { services, sandbox } = await counter(profile)
    const p = sandbox.data.byPhone(m.phone)!
    const report = await services.api.checkCompatibility({ phone: m.phone })
    const text = JSON.stringify(report) + formatCompatReport(report)
    for (const secret of [m.phone, p.firstName!, p.lastName!, p.email!, p.contactID, p.srcID!]) expect(text).not.toContain(secret)
  })
})

describe('checkCompatibility', () => {
  it('a phone nobody has: reached and understood, customer not found, the rest skipped', async () => {
    const { services } = await counter()
    const report = await services.api.checkCompatibility({ phone: UNKNOWN_PHONE })
    expect(report).toMatchObject({ ok: false, customerFound: false })
    const byName = Object.fromEntries(report.rows.map((r) => [r.endpoint, r]))
    expect(byName[ENDPOINT.lookupLoyalty]).toMatchObject({ reached: true, understood: true })
    expect(byName[ENDPOINT.listPersonas]).toMatchObject({ reached: true, understood: true })
    expect(byName[ENDPOINT.getPersona]).toMatchObject({ skipped: true })
    expect(byName[ENDPOINT.getWallet]).toMatchObject({ reached: true, understood: true })
    expect(byName[ENDPOINT.getWallet]!.note).toMatch(/customer not found/)
  })

  it('an endpoint failing at AIQ shows as reached, not understood, with its status', async () => {
    const { services, sandbox } = await counter()
    sandbox.faults.set({ kind: 'status', status: 503, match: { path: /\/contact\/orders\// } })
    const report = await services.api.checkCompatibility({ phone: m.phone })
    const orders = report.rows.find((r) => r.endpoint === ENDPOINT.getOrders)!
    expect(orders).toMatchObject({ reached: true, understood: false, status: 503 })
    expect(report.ok).toBe(false)
    expect(report.rows.filter((r) => r.reached && r.understood)).toHaveLength(12)
  })

  it("AIQ down: not reached, and the rest not tried", async () => {
    const { services, sandbox } = await counter()
    await sandbox.stop()
    const report = await services.api.checkCompatibility({ phone: m.phone })
    expect(report.rows[0]).toMatchObject({ reached: false, understood: false })
    expect(report.rows.slice(1).every((r) => r.skipped && r.note.startsWith('Not tried'))).toBe(true)
    expect(report.ok).toBe(false)
  })

  it('works with a live account too (the sandbox standing in for AIQ)', async () => {
    const { services, sandbox } = await counter()
    await services.api.saveAccount({ uid: sandbox.uid, apiKey: sandbox.apiKey, baseUrl: sandbox.url, approval: PRACTICE_MANAGER_PIN })
    const report = await services.api.checkCompatibility({ phone: m.phone })
    expect(report).toMatchObject({ ok: true, training: false, host: new URL(sandbox.url).host })
  })

  it('through the contract: the phone is checked, and without an account it says what to do', async () => {
    const { services } = await counter()
    expect(await dispatch(services, 'checkCompatibility', { phone: '555' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await dispatch(services, 'checkCompatibility', { phone: m.phone, extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const good = await dispatch(services, 'checkCompatibility', { phone: m.phone })
    expect(good).toMatchObject({ ok: true, value: { ok: true } })
    await services.api.signOut({ approval: PRACTICE_MANAGER_PIN })
    expect(await dispatch(services, 'checkCompatibility', { phone: m.phone })).toMatchObject({ ok: false, error: { code: 'not_configured' } })
  })

  it('one check at a time', async () => {
    const { services, sandbox } = await counter()
    sandbox.faults.set({ kind: 'latency', ms: 50 })
    const first = services.api.checkCompatibility({ phone: m.phone })
    await expect(services.api.checkCompatibility({ phone: m.phone })).rejects.toThrow(/already running/)
    expect((await first).ok).toBe(true)
  })
})

// ---- npm run aiq:check ---------------------------------------------------------------------------------

const ROOT = resolve(__dirname, '../../..')
function aiqCheck(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, fail) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/aiq-check.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('error', fail)
    child.on('close', (code) => done({ code, out, err }))
  })
}

describe('npm run aiq:check', () => {
  it.each(['', 'wild', 'documented'])('--sandbox %s: prints the report and exits 0', async (profile) => {
    const r = await aiqCheck(['--sandbox', ...(profile ? [profile] : [])])
    expect(r.err).toMatch(profile ? new RegExp(`\\(${profile} profile\\)`) : /built-in AIQ sandbox/)
    expect(r.out).toMatch(/^AIQ compatibility check — OK\n/)
    expect(r.out).toContain('Customer:  phone ***-***-0100, found')
    expect(r.out).not.toContain(m.phone)
    expect(r.out).not.toMatch(/Maya|Lopez|@example/)
    expect(r.code).toBe(0)
  })

  it('exits 1 when not everything was reached and understood (here: nobody has that phone)', async () => {
    const r = await aiqCheck(['--sandbox', '--phone', UNKNOWN_PHONE])
    expect(r.out).toContain('NEEDS ATTENTION')
    expect(r.code).toBe(1)
  })

  it('exits 1 against a live address that cannot be reached, with the key from the environment', async () => {
    const r = await aiqCheck(['--uid', '4242', '--phone', m.phone, '--base-url', 'http://127.0.0.1:9'], { AIQ_API_KEY: 'not-a-real-key' })
    expect(r.out).toContain("can't reach AIQ")
    expect(r.out + r.err).not.toContain('not-a-real-key')
    expect(r.code).toBe(1)
  })

  it('exits 2 with a clear message on usage errors', async () => {
    const noKey = await aiqCheck(['--uid', '4242', '--phone', m.phone])
    expect(noKey.code).toBe(2)
    expect(noKey.err).toMatch(/AIQ_API_KEY is not set/)
    const keyFlag = await aiqCheck(['--uid', '4242', '--phone', m.phone, '--api-key', 'secret'])
    expect(keyFlag.code).toBe(2)
    expect(keyFlag.err).toMatch(/never a flag/)
    const bad = await aiqCheck(['--sandbox', 'chaos'])
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/wild or documented/)
  })
})

// Issue 10, items 1, 2, 8 and 9: where the saved key may go, a keychain locked at start, and awards that stay with
// their account. Runs on a keyring of its own (it locks it), so other test files never see it locked.
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage } from 'node:http'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { PERSONAS, startSandbox } from '../../../electron/sandbox'
import { createServices } from '../../../electron/services'
import { createCredentialStore } from '../../../electron/secrets'
import { createLogger, forgetSecrets, maskText } from '../../../electron/log'
import { call, eventually, LIVE_MANAGER, PRACTICE_MANAGER_PIN, signInLive, signInPractice, startHarness, type Harness } from '../../support/counter'
import { startPrivateKeyring, type PrivateKeyring } from '../../support/keyring'

let keyring: PrivateKeyring
beforeAll(() => {
  if (!process.env.AIQC_TEST_KEYRING) throw new Error('No test keyring: run these tests with `npm run test:integration`.')
  keyring = startPrivateKeyring()
  Object.assign(process.env, keyring.env) // before keytar's first call in this process
})
afterAll(() => keyring.stop())

let h: Harness
beforeEach(async () => {
  h = await startHarness({ training: false })
})
afterEach(async () => {
  await h.services.api.signOut({ leaveWaiting: true, approval: { pin: LIVE_MANAGER.pin } }).catch(() => {})
  await h.services.api.signOut({ leaveWaiting: true, approval: PRACTICE_MANAGER_PIN }).catch(() => {})
  await h.close()
})

const award = (value = 25) => ({ customer: { phone: PERSONAS.member.phone }, customerName: 'Maya', value, reason: 'Purchase', budtender: 'Sam' })

/** a server on loopback that answers 200 to anything and keeps every request it saw */
async function captureServer() {
  const seen: IncomingMessage[] = []
  const server = createServer((req, res) => {
    seen.push(req)
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true,"data":[]}')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as { port: number }
  const carries = (secret: string) => seen.some((r) => (r.url ?? '').includes(secret) || Object.values(r.headers).some((v) => String(v).includes(secret)))
  return { url: `http://127.0.0.1:${port}`, seen, carries, close: () => new Promise<void>((r) => server.close(() => r())) }
}

describe('Test connection and the saved key (item 1)', () => {
  it('the saved key never goes to another server or account id: testing those needs the key typed', async () => {
    const { sandbox, services } = h
    await services.api.saveAccount({ uid: sandbox.uid, apiKey: sandbox.apiKey, baseUrl: sandbox.url })
    const capture = await captureServer()
    try {
      await expect(services.api.testConnection({ uid: sandbox.uid, baseUrl: capture.url })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(/Enter the API key to test a different account or server/),
      })
      await expect(services.api.testConnection({ uid: '999', baseUrl: sandbox.url })).rejects.toMatchObject({ code: 'invalid_input' })
      expect(capture.seen).toHaveLength(0)
      // a typed key goes where it is told, and only that key
      await services.api.testConnection({ uid: sandbox.uid, apiKey: 'typed-key-for-elsewhere', baseUrl: capture.url })
      expect(capture.seen.length).toBeGreaterThan(0)
      expect(capture.carries('typed-key-for-elsewhere')).toBe(true)
      expect(capture.carries(sandbox.apiKey)).toBe(false)
      // and the saved account itself may still be tested without retyping
      await expect(services.api.testConnection({ uid: sandbox.uid, baseUrl: sandbox.url })).resolves.toMatchObject({ result: 'connected' })
    } finally {
      await capture.close()
    }
  })

  it("a test against another server is never stored as the account's result and never clears a sync pause", async () => {
    const { sandbox, services } = h
    await services.api.saveAccount({ uid: sandbox.uid, apiKey: 'a-key-aiq-rejects', baseUrl: sandbox.url })
    await signInLive(services)
    await services.api.awardPoints(award())
    const paused = await eventually(async () => (await services.api.getStatus({})).syncPaused)
    expect(paused).toMatch(/key/i)
    const other = await startSandbox({ port: 0 })
    try {
      await expect(services.api.testConnection({ uid: sandbox.uid, apiKey: other.apiKey, baseUrl: other.url, approval: { pin: LIVE_MANAGER.pin } })).resolves.toMatchObject({ result: 'connected' })
      const after = await services.api.getStatus({})
      expect(after.syncPaused).toBe(paused)
      expect(after.lastConnectionTest).toBeNull()
      expect(sandbox.ledger).toHaveLength(0)
    } finally {
      await other.close()
    }
  })
})

describe('only https leaves this computer (item 2)', () => {
  it('http to another host is refused with the reason, before anything is sent; http to loopback is fine', async () => {
    const sent: string[] = []
    const spy = await startHarness({ training: false, fetch: async (u, init) => (sent.push(String(u)), fetch(u, init)) })
    try {
      for (const call of [
        () => spy.services.api.testConnection({ uid: '12', apiKey: 'k', baseUrl: 'http://lab.alpineiq.com' }),
        () => spy.services.api.saveAccount({ uid: '12', apiKey: 'k', baseUrl: 'http://192.168.1.20:8080' }),
      ])
        await expect(call()).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/must start with https:\/\/.*never sent unencrypted/) })
      expect(sent).toEqual([])
      expect((await spy.services.api.getStatus({})).mode).toBe('unconfigured')
      await expect(spy.services.api.testConnection({ uid: spy.sandbox.uid, apiKey: spy.sandbox.apiKey, baseUrl: spy.sandbox.url })).resolves.toMatchObject({ result: 'connected' })
    } finally {
      await spy.close()
    }
  })
})

describe('a keychain locked when the counter starts (item 8)', () => {
  let log: ReturnType<typeof createLogger>
  const logged = () => (log.flush(), readFileSync(log.file, 'utf8'))
  async function reopenLocked(keyRetryMs: number) {
    await h.services.api.saveAccount({ uid: h.sandbox.uid, apiKey: h.sandbox.apiKey, baseUrl: h.sandbox.url })
    await signInLive(h.services) // the first live run sets up the manager
    await h.services.close()
    keyring.lock()
    log = createLogger({ dir: h.dataDir })
    const counter = await createServices({ dataDir: h.dataDir, secrets: createCredentialStore(), keyRetryMs, aiqTimeoutMs: 1000, log })
    await signInLive(counter)
    return counter
  }

  it('check-ins say to unlock it; once unlocked, the very next check-in works and waiting awards sync', async () => {
    const counter = await reopenLocked(60_000)
    try {
      await expect(counter.api.checkIn({ input: PERSONAS.member.phone })).rejects.toMatchObject({ code: 'keychain_unavailable' })
      const queued = await counter.api.awardPoints(award(31))
      keyring.unlock()
      await expect(counter.api.checkIn({ input: PERSONAS.member.phone })).resolves.toMatchObject({ kind: 'customer' })
      await eventually(() => h.sandbox.ledger.some((l) => l.note.includes(queued.id)), 5000)
      // both the failure and the recovery leave a line (item 10), and the key itself never does
      expect(logged()).toMatch(/keychain: no AIQ key for this account \(locked or removed\)/)
      expect(logged()).toMatch(/keychain: the AIQ key can be read again; syncing resumes/)
      // the key read from the keychain is scrubbed from any line, even one that would carry it by mistake
      log.warn({ detail: `key=${h.sandbox.apiKey}` }, `oops ${h.sandbox.apiKey}`)
      expect(logged()).not.toContain(h.sandbox.apiKey)
    } finally {
      keyring.unlock()
      await counter.close()
    }
  })

  it('a keychain that never answers (stuck on its unlock prompt) does not hold up an award: it is saved at once', async () => {
    await h.services.api.saveAccount({ uid: h.sandbox.uid, apiKey: h.sandbox.apiKey, baseUrl: h.sandbox.url })
    await signInLive(h.services)
    await h.services.close()
    const stuck = { get: () => new Promise<string | null>(() => {}), set: async () => {}, delete: async () => false, available: async () => false }
    const counter = await createServices({ dataDir: h.dataDir, secrets: stuck, aiqTimeoutMs: 1000 })
    try {
      await signInLive(counter)
      const saved = await counter.api.awardPoints(award(33))
      expect(saved).toMatchObject({ state: 'pending', value: 33 })
      await expect(counter.api.checkIn({ input: PERSONAS.member.phone })).rejects.toMatchObject({ code: 'keychain_unavailable' })
    } finally {
      await counter.close()
    }
  })

  it('with nobody at the counter, sync resumes by itself once the keychain answers (asked again on a timer)', async () => {
    const counter = await reopenLocked(200)
    try {
      const queued = await counter.api.awardPoints(award(32))
      await new Promise((r) => setTimeout(r, 600))
      expect(h.sandbox.ledger).toHaveLength(0)
      keyring.unlock()
      await eventually(() => h.sandbox.ledger.some((l) => l.note.includes(queued.id)), 5000)
    } finally {
      keyring.unlock()
      await counter.close()
    }
  })
})

describe('awards waiting when the account changes (item 9)', () => {
  it('sign out says how many awards wait and for which account, and asks; they come back with the account', async () => {
    const { sandbox, services } = h
    await services.api.saveAccount({ uid: sandbox.uid, apiKey: sandbox.apiKey, baseUrl: sandbox.url })
    await signInLive(services)
    await sandbox.stop()
    const a = await services.api.awardPoints(award(11))
    await services.api.awardPoints(award(12))
    const manager = { pin: LIVE_MANAGER.pin }
    await expect(services.api.signOut({ approval: manager })).rejects.toMatchObject({
      code: 'needs_confirmation',
      message: expect.stringMatching(new RegExp(`2 awards given in AIQ account ${sandbox.uid} haven't reached AIQ yet`)),
    })
    expect((await services.api.getStatus({})).mode).toBe('live')
    await services.api.signOut({ leaveWaiting: true, approval: manager })
    const out = await services.api.getStatus({})
    expect(out.outbox.otherAccounts).toEqual([{ account: `live:${sandbox.uid}`, label: `AIQ account ${sandbox.uid}`, waiting: 2 }])
    const listed = (await services.api.listOutbox({ states: ['pending', 'sending', 'failed'] })).entries
    expect(listed.map((e) => [e.id === a.id || e.value === 12, e.otherAccount])).toEqual([
      [true, true],
      [true, true],
    ])
    await sandbox.restart()
    await services.api.saveAccount({ uid: sandbox.uid, apiKey: sandbox.apiKey, baseUrl: sandbox.url, approval: manager })
    await eventually(() => sandbox.ledger.length === 2, 5000)
  })

  it('switching to another account asks first; the Queue and the report keep the old awards, marked, and they never reach the new one', async () => {
    const { sandbox, services } = h
    await services.api.useTrainingMode({})
    await signInPractice(services)
    await sandbox.stop()
    const practice = await services.api.awardPoints(award(13))
    const real = await startSandbox({ port: 0, accounts: [{ uid: '4242', apiKey: 'real-key' }] })
    try {
      await expect(services.api.saveAccount({ uid: '4242', apiKey: 'real-key', baseUrl: real.url, approval: PRACTICE_MANAGER_PIN })).rejects.toMatchObject({
        code: 'needs_confirmation',
        message: expect.stringMatching(/1 award given in training mode hasn't reached AIQ yet/),
      })
      await services.api.saveAccount({ uid: '4242', apiKey: 'real-key', baseUrl: real.url, leaveWaiting: true, approval: PRACTICE_MANAGER_PIN })
      const [row] = (await services.api.listOutbox({})).entries
      expect(row).toMatchObject({ id: practice.id, account: `training:${sandbox.uid}`, otherAccount: true })
      const report = await services.api.shiftReport({ from: practice.createdAt - 1, to: Date.now() + 1 })
      expect(report.local.map((e) => [e.id, e.otherAccount])).toEqual([[practice.id, true]])
      await expect(services.api.retryOutboxEntry({ id: practice.id })).rejects.toMatchObject({ message: expect.stringMatching(/given in training mode/) })
      await services.api.checkIn({ input: PERSONAS.member.phone }).catch(() => {}) // AIQ answers: the engine would drain now
      await new Promise((r) => setTimeout(r, 300))
      expect(real.ledger).toHaveLength(0)
    } finally {
      await sandbox.restart()
      await real.close()
    }
  })
})

// Issue 18, item 7: Test connection sends a key to a server of the caller's choosing, so it is the manager's (or the
// first run's); and only real keys join the log's masking list — never whatever word was typed into the key field.
describe('Test connection: who may, and what the log masks afterwards', () => {
  afterEach(() => forgetSecrets())

  it('on the first run (no account, no manager) anyone may test; once a manager exists, only with their PIN (as dispatch checks the contract)', async () => {
    const { sandbox, services } = h
    await expect(call(services, 'testConnection', { uid: sandbox.uid, apiKey: sandbox.apiKey, baseUrl: sandbox.url })).resolves.toMatchObject({ result: 'connected' })
    await services.api.saveAccount({ uid: sandbox.uid, apiKey: sandbox.apiKey, baseUrl: sandbox.url })
    await signInLive(services)
    await expect(call(services, 'testConnection', { uid: sandbox.uid, baseUrl: sandbox.url })).rejects.toMatchObject({ code: 'needs_manager' })
    await expect(call(services, 'testConnection', { uid: sandbox.uid, baseUrl: sandbox.url, approval: { pin: '0000' } })).rejects.toMatchObject({ code: 'wrong_pin' })
    await expect(call(services, 'testConnection', { uid: sandbox.uid, baseUrl: sandbox.url, approval: { pin: LIVE_MANAGER.pin } })).resolves.toMatchObject({ result: 'connected' })
  })

  it('in training mode the practice manager’s PIN is asked too', async () => {
    const t = await startHarness()
    try {
      await expect(call(t.services, 'testConnection', { uid: t.sandbox.uid, apiKey: t.sandbox.apiKey, baseUrl: t.sandbox.url })).rejects.toMatchObject({ code: 'needs_manager' })
      await expect(call(t.services, 'testConnection', { uid: t.sandbox.uid, apiKey: t.sandbox.apiKey, baseUrl: t.sandbox.url, approval: PRACTICE_MANAGER_PIN })).resolves.toMatchObject({ result: 'connected' })
    } finally {
      await t.close()
    }
  })

  it('a word typed as a key is not masked in later log lines; a key AIQ rejected is let go; the saved key and a working one are masked', async () => {
    const { sandbox, services } = h
    // first run: nothing saved, so a typed key is tested against no saved origin
    await services.api.testConnection({ uid: sandbox.uid, apiKey: 'redemption', baseUrl: sandbox.url })
    expect(maskText('redemption of 200 points')).toBe('redemption of 200 points')
    await services.api.saveAccount({ uid: sandbox.uid, apiKey: sandbox.apiKey, baseUrl: sandbox.url })
    await signInLive(services)
    expect(maskText(`key ${sandbox.apiKey}`)).toBe('key [redacted]')
    const approval = { pin: LIVE_MANAGER.pin }
    // typed for the saved account's own server: rejected by AIQ, so no key, so not kept
    await expect(services.api.testConnection({ uid: sandbox.uid, apiKey: 'reward-points', baseUrl: sandbox.url, approval })).resolves.toMatchObject({ result: 'key_rejected' })
    expect(maskText('reward-points')).toBe('reward-points')
    // typed for another server: not the saved origin, not kept
    const other = await captureServer()
    try {
      await expect(services.api.testConnection({ uid: sandbox.uid, apiKey: 'typed-key-for-elsewhere', baseUrl: other.url, approval })).resolves.toMatchObject({ result: 'connected' })
      expect(maskText('typed-key-for-elsewhere')).toBe('typed-key-for-elsewhere')
    } finally {
      await other.close()
    }
  })
})

// The credential store against a real gnome-keyring (Secret Service) started by scripts/with-keyring.sh.
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import keytar from 'keytar'
import { createCredentialStore } from '../../../electron/secrets'

const service = `AIQ Counter test ${process.pid}-${Date.now()}`
const store = createCredentialStore({ service, timeoutMs: 5000 })

beforeAll(() => {
  // Never skip: a missing keyring is a failure (the npm script starts one).
  if (!process.env.DBUS_SESSION_BUS_ADDRESS || !process.env.AIQC_TEST_KEYRING) {
    throw new Error('No test keyring: run these tests with `npm run test:integration` (scripts/with-keyring.sh starts one).')
  }
})

afterAll(async () => {
  for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account)
})

describe('credential store on the real keychain', () => {
  it('is available', async () => {
    expect(await store.available()).toBe(true)
  })

  it('saves, reads back and deletes a key', async () => {
    await store.set('1001', 'key-one-1001')
    expect(await store.get('1001')).toBe('key-one-1001')
    // it really is in the OS keychain under the app's service, account = uid
    expect(await keytar.getPassword(service, '1001')).toBe('key-one-1001')

    expect(await store.delete('1001')).toBe(true)
    expect(await store.get('1001')).toBeNull()
    expect(await keytar.getPassword(service, '1001')).toBeNull()
  })

  it('keeps two accounts apart', async () => {
    await store.set('2001', 'key-for-2001')
    await store.set('2002', 'key-for-2002')
    expect(await store.get('2001')).toBe('key-for-2001')
    expect(await store.get('2002')).toBe('key-for-2002')

    await store.delete('2001')
    expect(await store.get('2001')).toBeNull()
    expect(await store.get('2002')).toBe('key-for-2002')
    await store.delete('2002')
  })

  it('replaces a key saved again for the same account', async () => {
    await store.set('3001', 'old-key')
    await store.set('3001', 'new-key')
    expect(await store.get('3001')).toBe('new-key')
    expect((await keytar.findCredentials(service)).filter((c) => c.account === '3001')).toHaveLength(1)
    await store.delete('3001')
  })

  it('leaves no entries behind', async () => {
    expect(await keytar.findCredentials(service)).toEqual([])
  })
})

describe('when there is no keychain', () => {
  const key = `distinctive-key-${Date.now()}`
  let scratch = ''
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'aiqc-nokeychain-'))
  })
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  it('says the keychain is unavailable quickly when there is no D-Bus session, and stores the key nowhere', async () => {
    const results = await runChild({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(scratch, 'no-such-bus')}` }, key, 2000)
    for (const r of results.filter((r) => r.what !== 'available')) {
      expect(r).toMatchObject({ ok: false, code: 'keychain_unavailable' })
      expect(r.message).toMatch(/keychain/i)
      expect(r.ms).toBeLessThan(2500)
    }
    expect(results.find((r) => r.what === 'available')).toMatchObject({ ok: true, value: false })
    expect(filesContaining(scratch, key)).toEqual([])
    expect(await keytar.findCredentials(service)).toEqual([])
  })

  it('gives up after the timeout when the keychain never answers, instead of hanging', async () => {
    // A bus socket that accepts connections and never says a word: keytar's call blocks forever.
    const socket = join(scratch, 'silent-bus')
    const silent: Server = createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(socket, resolve))
    try {
      const results = await runChild({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${socket}` }, key, 1000)
      const set = results.find((r) => r.what === 'set')
      expect(set).toMatchObject({ ok: false, code: 'keychain_unavailable' })
      expect(set!.message).toMatch(/didn't answer/)
      expect(set!.ms).toBeGreaterThanOrEqual(950)
      expect(set!.ms).toBeLessThan(3000)
      expect(filesContaining(scratch, key)).toEqual([])
    } finally {
      silent.close()
    }
  })
})

type ChildResult = { what: string; ok: boolean; code?: string; message?: string; value?: unknown; ms: number }

async function runChild(env: Record<string, string>, apiKey: string, timeoutMs: number): Promise<ChildResult[]> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'keychain-child.ts'), service, apiKey, String(timeoutMs)],
    {
      env: { ...process.env, ...env, XDG_DATA_HOME: scratch(), XDG_CONFIG_HOME: scratch() },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  // The first line is the answer. A child whose keychain call hung can't exit by itself (Node joins its worker
  // threads at exit), so it is killed once it has answered.
  let out = ''
  let err = ''
  child.stderr.on('data', (d: Buffer) => (err += d))
  const answered = new Promise<string | null>((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')))
    })
    child.on('close', () => resolve(null))
  })
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs * 3 + 10_000)
  const line = await answered
  clearTimeout(killer)
  child.kill('SIGKILL')
  if (line === null) throw new Error(`keychain child gave no answer: ${err}`)
  return JSON.parse(line) as ChildResult[]

  function scratch() {
    return env.DBUS_SESSION_BUS_ADDRESS!.replace(/^unix:path=/, '').replace(/\/[^/]+$/, '')
  }
}

function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = []
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name)
    if (statSync(path).isFile() && readFileSync(path).includes(needle)) hits.push(path)
  }
  return hits
}

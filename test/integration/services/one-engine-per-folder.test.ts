// Issue 10, item 12: browser mode started twice on one data folder: only one counter runs (and drains the outbox),
// the other says the folder is in use by the first one's pid and exits; after a SIGKILL the next start takes over.
// Real processes (`tsx electron/browser/start.ts`), the real keychain, AIQ's sandbox in this process.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { PERSONAS, startSandbox, type Sandbox } from '../../../electron/sandbox'
import { createCredentialStore } from '../../../electron/secrets'
import { createServices } from '../../../electron/services'
import { ledgerCounts } from '../../support/outbox-rig'
import { eventually, signInLive } from '../../support/counter'

const root = resolve(__dirname, '../../..')
const AWARDS = 40

type Counter = { child: ChildProcess; out: () => string; exited: Promise<number | null>; running: Promise<void> }
function browserMode(dataDir: string): Counter {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/browser/start.ts'], {
    cwd: root,
    env: { ...process.env, AIQC_DATA_DIR: dataDir, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let ready: () => void = () => {}
  const running = new Promise<void>((r) => (ready = r))
  const onData = (c: string) => {
    out += c
    if (out.includes('AIQ Counter is running')) ready()
  }
  child.stdout!.setEncoding('utf8').on('data', onData)
  child.stderr!.setEncoding('utf8').on('data', onData)
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  return { child, out: () => out, exited, running }
}

let sandbox: Sandbox | undefined
const dataDir = mkdtempSync(join(tmpdir(), 'aiqc-one-engine-'))
const started: Counter[] = []
afterAll(async () => {
  for (const c of started) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL')
  if (sandbox) await createCredentialStore().delete(sandbox.uid)
  await sandbox?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

it(
  'two browser-mode counters on one folder: one runs and sends every award once, the other names it and exits',
  async () => {
    sandbox = await startSandbox({ port: 0, personas: 20, accounts: [{ uid: '4242', apiKey: 'one-engine-test-key' }] })
    // a live counter with awards waiting: saved while AIQ was unreachable
    const first = await createServices({ dataDir, secrets: createCredentialStore() })
    await first.api.saveAccount({ uid: '4242', apiKey: 'one-engine-test-key', baseUrl: sandbox.url })
    await signInLive(first)
    await sandbox.stop()
    const ids: string[] = []
    for (let i = 0; i < AWARDS; i++) {
      const e = await first.api.awardPoints({ customer: { contactID: PERSONAS.member.contactID }, customerName: 'Maya', value: i + 1, reason: `visit ${i}`, budtender: 'Sam' })
      ids.push(e.id)
    }
    await first.close()
    await sandbox.restart()

    // both started at once: whichever wins the lock runs
    const a = browserMode(dataDir)
    const b = browserMode(dataDir)
    started.push(a, b)
    const bothRunning = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('both counters kept running on one data folder')), 20_000))
    const loser = await Promise.race([a.exited.then(() => a), b.exited.then(() => b), bothRunning])
    const winner = loser === a ? b : a
    expect(await loser.exited).toBe(1)
    expect(loser.out()).toContain(`This data folder is in use by another AIQ Counter (pid ${winner.child.pid})`)
    expect(loser.out()).toContain(`Data: ${dataDir}`)
    await winner.running

    await eventually(() => ledgerCounts(sandbox!).size === AWARDS, 20_000)
    await new Promise((r) => setTimeout(r, 1000)) // anything a second engine would send twice would land by now
    const seen = ledgerCounts(sandbox)
    expect(ids.filter((id) => seen.get(id) !== 1)).toEqual([])
    expect(winner.child.exitCode).toBe(null)

    // killed outright: the next start takes the folder at once (the OS dropped the lock with the process)
    winner.child.kill('SIGKILL')
    await winner.exited
    const next = browserMode(dataDir)
    started.push(next)
    await next.running
    expect(next.out()).not.toContain('in use')

    // browser mode keeps the folder private too (issue 10, item 4)
    const mode = (p: string) => statSync(p).mode & 0o777
    expect([mode(dataDir), mode(join(dataDir, 'counter.db')), mode(join(dataDir, 'logs', 'aiq-counter.log'))]).toEqual([0o700, 0o600, 0o600])

    next.child.kill('SIGTERM')
    expect(await next.exited).toBe(0)
  },
  90_000,
)

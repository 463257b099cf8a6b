// Storage-engine style crash test: a child process awards points and syncs them to the sandbox (running here, in the
// parent); we SIGKILL it at random moments, reopen the file, run PRAGMA integrity_check, and in the end compare the
// sandbox's ledger with every award the child acknowledged: each exactly once, nothing doubled.
// CI runs CRASH_KILLS=8 (default); test/crash/run-long.sh runs 100.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PROFILES, startSandbox, type Sandbox, type SandboxProfile } from '../../../electron/sandbox'
import { openDatabase } from '../../../electron/store/db'
import { ledgerCounts } from '../../support/outbox-rig'

const KILLS = Math.max(1, Number(process.env.CRASH_KILLS ?? 8))
/** CRASH_PROFILES=wild (comma-separated) runs one profile; by default each sandbox profile gets its own loop */
const CRASH_PROFILES = (process.env.CRASH_PROFILES?.split(',').map((p) => p.trim()) ?? [...PROFILES]) as SandboxProfile[]
/**
 * CRASH_NOTES=0: AIQ's adjustment rows carry no notes. Then an award the app cannot place for sure is parked for a
 * person ("needs a check"), which is neither lost nor doubled: the figures count those apart.
 */
const NOTES = process.env.CRASH_NOTES !== '0'
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000)
const root = resolve(__dirname, '../../..')
const childScript = join(root, 'test/crash/child.ts')

let seed = SEED >>> 0 || 1
const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32)

interface Run {
  child: ChildProcess
  acks: string[]
  lines: (pred: (l: string) => boolean, ms: number) => Promise<void>
  exited: Promise<number | null>
  stderr: () => string
}

function run(mode: 'award' | 'finish', file: string, sb: Sandbox, childSeed: number): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, mode, file, sb.url, sb.uid, sb.apiKey, String(childSeed)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const acks: string[] = []
  const seen: string[] = []
  let buf = ''
  let err = ''
  const waiters: { pred: (l: string) => boolean; done: () => void }[] = []
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buf += chunk
    let i
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i)
      buf = buf.slice(i + 1)
      seen.push(line)
      if (line.startsWith('ACK ')) acks.push(line.slice(4))
      for (const w of [...waiters]) if (w.pred(line)) w.done()
    }
  })
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c))
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)))
  return {
    child,
    acks, // a line cut off by the kill is not an acknowledgement
    exited,
    stderr: () => err,
    lines: (pred, ms) =>
      new Promise((res, rej) => {
        if (seen.some(pred)) return res()
        const t = setTimeout(() => rej(new Error(`child did not print the expected line in ${ms} ms; stderr: ${err.slice(-2000)}`)), ms)
        waiters.push({ pred, done: () => (clearTimeout(t), res()) })
      }),
  }
}

function checkIntegrity(file: string): { ok: string; rows: Map<string, string>; foundInAiq: number } {
  const db = openDatabase(file)
  try {
    const ok = String(db.pragma('integrity_check', { simple: true }))
    const rows = new Map(db.prepare<[], { id: string; state: string }>('SELECT id, state FROM outbox').all().map((r) => [r.id, r.state]))
    const foundInAiq = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM outbox_events WHERE what = 'found_in_aiq'").get()!.n
    return { ok, rows, foundInAiq }
  } finally {
    db.close()
  }
}

const dir = mkdtempSync(join(tmpdir(), 'aiqc-crash-'))
let sandbox: Sandbox | undefined
afterAll(async () => {
  await sandbox?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe.each(CRASH_PROFILES)(`crash loop: ${KILLS} SIGKILLs while awarding and syncing (seed ${SEED}, %s profile)`, (profile) => {
  it(
    'every acknowledged award reaches AIQ exactly once; the file is never corrupt',
    async () => {
      await sandbox?.close()
      sandbox = await startSandbox({ port: 0, personas: 20, profile, quirks: { adjustmentNotes: NOTES } })
      // a little latency on the PUT widens the "sending" window the kills should land in
      sandbox.faults.set({ kind: 'latency', ms: 15, match: { method: 'PUT' }, rate: 0.5 })
      const file = join(dir, `counter-${profile}.db`)
      const acknowledged: string[] = []
      const figures = { kills: 0, killsWithRowsSending: 0, acks: 0, integrityChecks: 0 }

      for (let k = 0; k < KILLS; k++) {
        const child = run('award', file, sandbox, Math.floor(random() * 2 ** 31))
        if (random() < 0.2) {
          // sometimes kill early: while opening, migrating or reconciling
          await new Promise((r) => setTimeout(r, Math.floor(random() * 400)))
        } else {
          await child.lines((l) => l.startsWith('ACK '), 15_000)
          await new Promise((r) => setTimeout(r, Math.floor(random() * 400)))
        }
        child.child.kill('SIGKILL')
        await child.exited
        figures.kills++
        acknowledged.push(...child.acks)

        const { ok, rows } = checkIntegrity(file)
        figures.integrityChecks++
        expect(ok).toBe('ok')
        // durable before acknowledged: every ACK is on disk
        expect(child.acks.filter((id) => !rows.has(id))).toEqual([])
        if ([...rows.values()].includes('sending')) figures.killsWithRowsSending++
      }

      const finish = run('finish', file, sandbox, 7)
      await finish.lines((l) => l === 'DONE', 60_000)
      expect(await finish.exited).toBe(0)

      const { ok, rows, foundInAiq } = checkIntegrity(file)
      expect(ok).toBe('ok')
      const seen = ledgerCounts(sandbox)
      // without notes, a parked award is kept on disk for a person: not lost (whether or not AIQ has it)
      const parked = NOTES ? [] : [...rows].filter(([, st]) => st === 'failed').map(([id]) => id)
      const lost = acknowledged.filter((id) => !seen.has(id) && !parked.includes(id))
      const doubled = [...seen].filter(([, n]) => n > 1).map(([id]) => id)
      const unknown = [...seen.keys()].filter((id) => !rows.has(id))
      const notSynced = [...rows].filter(([id, st]) => st !== 'synced' && !parked.includes(id))
      figures.acks = acknowledged.length
      const extra = NOTES ? {} : { notes: false, parkedForAPerson: parked.length, parkedInAiq: parked.filter((id) => seen.has(id)).length }
      console.log(`crash loop figures (${profile}): ${JSON.stringify({ ...figures, foundInAiqAfterCrash: foundInAiq, rows: rows.size, ledger: sandbox.ledger.length, ...extra, seed: SEED })}`)
      expect({ lost, doubled, unknown, notSynced }).toEqual({ lost: [], doubled: [], unknown: [], notSynced: [] })
      expect(acknowledged.length).toBeGreaterThan(0)
      if (NOTES) expect(sandbox.ledger.length).toBe(rows.size)
    },
    KILLS * 20_000 + 70_000,
  )
})

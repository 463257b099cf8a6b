// The customer directory at the size of a big AIQ account: import 500k personas in pages of 2000 the way a pull
// commits them; phone lookups against a plain primary-key probe on the same file; a real pull through the sandbox.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAiqClient } from '../../electron/aiq/client'
import type { AiqClient, Persona } from '../../electron/aiq/types'
import { startSandbox } from '../../electron/sandbox'
import { createDirectoryService, PAGE_SIZE } from '../../electron/services/directory'
import { openDatabase, type Db } from '../../electron/store/db'
import { createDirectoryStore } from '../../electron/store/directory'
import { createSettings } from '../../electron/store/settings'
import { percentile, prng, type Row } from './table'

const PAGE = 2000
const MB = 1024 * 1024


const FIRST = ['Maya', 'Devon', 'Priya', 'Sam', 'Jordan', 'Riley', 'Taylor', 'Alex', 'Casey', 'Morgan', 'Jamie', 'Avery']
const LAST = ['Lopez', 'Carter', 'Shah', 'Reed', 'Blake', 'Chen', 'Kim', 'Nguyen', 'Smith', 'Garcia', 'Novak', 'Okafor']

export const phoneOf = (i: number) => String(2_000_000_000 + i * 13)

function syntheticPage(from: number, count: number, rand: () => number): Persona[] {
  const out: Persona[] = []
  for (let i = from; i < from + count; i++) {
    out.push({
      contactID: `c${i.toString(16).padStart(12, '0')}`,
      srcID: `pos-${i}`,
      firstName: FIRST[Math.floor(rand() * FIRST.length)]!,
      lastName: `${LAST[Math.floor(rand() * LAST.length)]!}${i % 97}`,
      mobilePhone: phoneOf(i),
      email: `person${i}@example.org`,
      loyalty: rand() < 0.7,
      loyaltyPoints: Math.floor(rand() * 5000),
      optinTime: rand() < 0.5 ? 1_700_000_000 : null,
      optoutTime: rand() < 0.1 ? 1_700_100_000 : null,
      hasRequested: false,
      emailOptInTime: rand() < 0.3 ? 1_700_000_000 : null,
      favoriteStoreID: 101 + (i % 4),
    })
  }
  return out
}

function timeEach(n: number, fn: (i: number) => void): number[] {
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint()
    fn(i)
    times.push(Number(process.hrtime.bigint() - t0) / 1000)
  }
  return times.sort((a, b) => a - b)
}

async function importRows(db: Db, total: number): Promise<{ seconds: number; peakRssMb: number; startRssMb: number }> {
  const store = createDirectoryStore(db)
  const rand = prng(42)
  const startRss = process.memoryUsage().rss
  let peak = startRss
  const t0 = performance.now()
  store.beginPull(Date.now())
  for (let from = 0; from < total; from += PAGE) {
    const rows = syntheticPage(from, Math.min(PAGE, total - from), rand)
    store.commitPage(rows, Date.now(), { runStartedAt: 0, nextStart: from + rows.length, total })
    peak = Math.max(peak, process.memoryUsage().rss)
    if ((from / PAGE) % 25 === 0) await new Promise((r) => setImmediate(r)) // let the GC and timers breathe, as a pull does
  }
  store.endPull(0)
  return { seconds: (performance.now() - t0) / 1000, peakRssMb: peak / MB, startRssMb: startRss / MB }
}

/** The same rows into a table with only a primary key, no secondary indexes: the floor for the import. */
function importBare(db: Db, total: number): number {
  db.exec('CREATE TABLE bare (contact_id TEXT PRIMARY KEY, phone TEXT, email TEXT, first_name TEXT, last_name TEXT, points REAL)')
  const insert = db.prepare('INSERT INTO bare VALUES (?, ?, ?, ?, ?, ?)')
  const page = db.transaction((rows: Persona[]) => {
    for (const p of rows) insert.run(p.contactID, p.mobilePhone, p.email, p.firstName, p.lastName, p.loyaltyPoints)
  })
  const rand = prng(42)
  const t0 = performance.now()
  for (let from = 0; from < total; from += PAGE) page(syntheticPage(from, Math.min(PAGE, total - from), rand))
  return (performance.now() - t0) / 1000
}

export async function benchDirectory(opts: { rows?: number; lookups?: number; pulled?: number } = {}): Promise<Row[]> {
  const total = opts.rows ?? 500_000
  const lookups = opts.lookups ?? 10_000
  const pulled = opts.pulled ?? 20_000
  const dir = mkdtempSync(join(tmpdir(), 'aiqc-bench-directory-'))
  const rows: Row[] = []
  try {
    // ---- import ----
    const db = openDatabase(join(dir, 'counter.db'))
    const imp = await importRows(db, total)
    db.pragma('wal_checkpoint(TRUNCATE)')
    const fileMb = statSync(join(dir, 'counter.db')).size / MB
    const bareDb = openDatabase(join(dir, 'bare.db'))
    const bareSeconds = importBare(bareDb, total)
    bareDb.close()
    rows.push(
      { name: `directory import ${total / 1000}k personas (pages of ${PAGE}, WAL+FULL)`, value: imp.seconds, unit: 's', baseline: bareSeconds, ratio: imp.seconds / bareSeconds, note: 'baseline: same rows, pk only, no secondary indexes' },
      { name: 'directory import rate', value: total / imp.seconds, unit: 'rows/s' },
      { name: 'directory import peak RSS', value: imp.peakRssMb, unit: 'MiB', baseline: imp.startRssMb, ratio: imp.peakRssMb / imp.startRssMb, note: 'sampled after each page; baseline: RSS before' },
      { name: `directory file with ${total / 1000}k personas`, value: fileMb, unit: 'MiB' },
    )

    // ---- lookups, through the service as check-in calls them ----
    const fakeClient = { uid: 'bench' } as unknown as AiqClient
    const settings = createSettings(db)
    settings.set('directory.account', 'bench')
    const service = createDirectoryService({ db, settings, client: () => fakeClient, clock: { now: () => Date.now() } })
    const lookup = service.lookup()!
    const rand = prng(7)
    const picks = Array.from({ length: lookups }, () => Math.floor(rand() * total))
    let misses = 0
    const byPk = db.prepare('SELECT 1 FROM customer_directory WHERE contact_id = ?').pluck()
    const ids = picks.map((i) => `c${i.toString(16).padStart(12, '0')}`)
    const phones = picks.map(phoneOf)
    // warm both paths equally before measuring
    for (let i = 0; i < 500; i++) {
      byPk.get(ids[i]!)
      lookup.find({ phone: phones[i]! })
    }
    const base = timeEach(lookups, (i) => {
      if (byPk.get(ids[i]!) !== 1) misses++
    })
    const found = timeEach(lookups, (i) => {
      if (!lookup.find({ phone: phones[i]! })) misses++
    })
    if (misses) throw new Error(`${misses} lookups missed`)
    const names = timeEach(1000, (i) => lookup.search(LAST[i % LAST.length]!.slice(0, 3), 20))
    for (const p of [50, 99]) {
      const v = percentile(found, p)
      const b = percentile(base, p)
      rows.push({ name: `directory phone lookup p${p} (${lookups / 1000}k random, ${total / 1000}k rows)`, value: v, unit: 'µs', baseline: b, ratio: v / b, note: 'baseline: SELECT 1 … WHERE pk=? on the same file' })
    }
    rows.push({ name: 'directory name-prefix search p50 (3 letters, 20 rows)', value: percentile(names, 50), unit: 'µs' })
    await service.stop()
    db.close()

    // ---- a real pull through the sandbox's list endpoint and the real client ----
    const sandbox = await startSandbox({ port: 0, personas: pulled })
    const pullDb = openDatabase(join(dir, 'pull.db'))
    try {
      const client = createAiqClient({ baseUrl: sandbox.url, uid: sandbox.uid, apiKey: sandbox.apiKey, timeoutMs: 30_000 }).derive({ priority: 'background' })
      const pull = createDirectoryService({ db: pullDb, settings: createSettings(pullDb), client: () => client, clock: { now: () => Date.now() } })
      const t0 = performance.now()
      pull.refresh()
      const end = Date.now() + 120_000
      while (pull.status().refresh.state === 'running' && Date.now() < end) await new Promise((r) => setTimeout(r, 5))
      const seconds = (performance.now() - t0) / 1000
      const st = pull.status()
      if (st.refresh.state !== 'idle') throw new Error(`the pull did not finish: ${JSON.stringify(st.refresh)}`)
      rows.push(
        { name: `directory pull of ${(st.size / 1000).toFixed(1)}k via sandbox list endpoint (real client)`, value: seconds, unit: 's', note: `pages of ${PAGE_SIZE}, the app client with its default rate limiter (the pull is background work)` },
        { name: 'directory pull rate', value: st.size / seconds, unit: 'rows/s' },
      )
      await pull.stop()
    } finally {
      pullDb.close()
      await sandbox.close()
    }
    return rows
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

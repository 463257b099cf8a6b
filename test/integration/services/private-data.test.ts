// Issue 10, item 4: what the counter keeps on disk (customers, the outbox, the log) is the app user's alone.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { PERSONAS } from '../../../electron/sandbox'
import { createLogger } from '../../../electron/log'
import { createServices } from '../../../electron/services'
import { openDatabase } from '../../../electron/store/db'
import { startHarness, type Harness } from '../../support/counter'

const mode = (path: string) => statSync(path).mode & 0o777
let h: Harness | undefined
const dirs: string[] = []
afterEach(async () => {
  await h?.close()
  h = undefined
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

it('after an award, the data folder is 0700 and the database, its WAL and the log are 0600', async () => {
  h = await startHarness({ logs: true })
  await h.services.api.awardPoints({ customer: { contactID: PERSONAS.member.contactID }, customerName: 'Maya', value: 5, reason: 'Purchase', budtender: 'Sam' })
  const db = join(h.dataDir, 'counter.db')
  expect({
    folder: mode(h.dataDir),
    db: mode(db),
    wal: mode(`${db}-wal`),
    shm: mode(`${db}-shm`),
    logs: mode(join(h.dataDir, 'logs')),
    log: mode(join(h.dataDir, 'logs', 'aiq-counter.log')),
  }).toEqual({ folder: 0o700, db: 0o600, wal: 0o600, shm: 0o600, logs: 0o700, log: 0o600 })
})

it('a data folder an older build left open (0755, database 0644) is tightened when the counter opens it', async () => {
  const base = mkdtempSync(join(tmpdir(), 'aiqc-private-it-'))
  dirs.push(base)
  const dataDir = join(base, 'aiq-counter')
  mkdirSync(join(dataDir, 'logs'), { recursive: true })
  openDatabase(join(dataDir, 'counter.db')).close()
  writeFileSync(join(dataDir, 'logs', 'aiq-counter.log'), '')
  for (const [p, m] of [[dataDir, 0o755], [join(dataDir, 'logs'), 0o755], [join(dataDir, 'counter.db'), 0o644], [join(dataDir, 'logs', 'aiq-counter.log'), 0o644]] as const) chmodSync(p, m)

  const secrets = { get: async () => null, set: async () => {}, delete: async () => false, available: async () => true }
  const services = await createServices({ dataDir, secrets, log: createLogger({ dir: dataDir }) })
  try {
    expect([mode(dataDir), mode(join(dataDir, 'logs')), mode(join(dataDir, 'counter.db')), mode(join(dataDir, 'logs', 'aiq-counter.log'))]).toEqual([
      0o700, 0o700, 0o600, 0o600,
    ])
  } finally {
    await services.close()
  }
})

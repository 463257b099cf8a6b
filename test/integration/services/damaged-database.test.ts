// A damaged counter.db: real pages of a real file holding waiting awards are overwritten (found through dbstat), then
// the counter starts on it. The file is set aside (kept), every row on an undamaged page is back in a new database in
// the state it had, the counter starts and syncs them, and the screen says what happened.
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { systemClock } from '../../../electron/clock'
import { PERSONAS, startSandbox, type Sandbox } from '../../../electron/sandbox'
import { openDatabase } from '../../../electron/store/db'
import { createOutbox } from '../../../electron/store/outbox'
import { createRedemptionStore } from '../../../electron/store/redemptions'
import { openCounterDatabase } from '../../../electron/store/recovery'
import { createSettings } from '../../../electron/store/settings'
import { eventually, startHarness, type Harness } from '../../support/counter'
import { ledgerCounts } from '../../support/outbox-rig'

const ACCOUNT = 'training:1000'
const AWARDS = 240
const contacts = [PERSONAS.member.contactID, PERSONAS.pending.contactID, PERSONAS.noConsent.contactID]

interface Row { rowid: number; id: string; state: string; sent_at: number | null; attempts: number; last_error: string | null; value: number }

/** A counter.db as a busy day leaves it: 240 awards waiting (some being sent, some failed), 2 redemptions in doubt. */
function writeCounter(file: string): Map<string, Row> {
  const db = openDatabase(file)
  createSettings(db).set('account', { mode: 'training', uid: '1000', baseUrl: null })
  const outbox = createOutbox(db, systemClock, () => ACCOUNT)
  for (let i = 0; i < AWARDS; i++) {
    const e = outbox.add({ contactID: contacts[i % 3]!, phone: null, customerName: `Customer ${i}`, value: i + 1, reason: `visit ${i} with a note long enough to fill pages`, budtender: 'Sam' })
    if (i % 10 === 3) outbox.markSending(e.id, Date.now() - 1, 0) // sent, no answer: in doubt
    if (i % 10 === 7) outbox.markFailed(e.id, 'AIQ said: Contact is blocked')
  }
  const redemptions = createRedemptionStore(db, systemClock, () => ACCOUNT)
  for (const tx of ['TX-1', 'TX-2']) {
    const r = redemptions.begin({ contactID: contacts[0]!, customerName: 'Maya', rewardId: 'rw-5off', rewardName: '$5 off', posDiscountID: 'POS-5OFF', points: 100, redemptionURL: 'http://127.0.0.1:9/x', posTransactionId: tx, budtender: 'Sam' })
    redemptions.markInDoubt(r.entry.id, 'No answer from AIQ.', Date.now())
  }
  const rows = outboxRows(db)
  db.close() // checkpointed: every page is in the file itself
  return rows
}

const outboxRows = (db: Database.Database) =>
  new Map(db.prepare<[], Row>('SELECT rowid, id, state, sent_at, attempts, last_error, value FROM outbox NOT INDEXED').all().map((r) => [r.id, r]))

/** page numbers of a table or index, by page type, from SQLite's own dbstat */
function pages(file: string, names: string[]): { pageno: number; pagetype: string; name: string }[] {
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare<string[], { pageno: number; pagetype: string; name: string }>(`SELECT name, pageno, pagetype FROM dbstat WHERE name IN (${names.map(() => '?').join(', ')}) ORDER BY pageno`).all(...names)
  } finally {
    db.close()
  }
}

/** the rowids on a table leaf page: its cell pointers, each cell a payload-size varint then the rowid varint */
function rowidsOnLeaf(file: string, pageno: number, pageSize: number): number[] {
  const page = readFileSync(file).subarray((pageno - 1) * pageSize, pageno * pageSize)
  expect(page[0]).toBe(0x0d) // a table leaf
  const varint = (at: number): [number, number] => {
    let v = 0
    for (let i = 0; i < 9; i++) {
      const b = page[at + i]!
      if (i === 8) return [v * 256 + b, at + 9]
      v = v * 128 + (b & 0x7f)
      if (b < 0x80) return [v, at + i + 1]
    }
    throw new Error('unreachable')
  }
  const cells = page.readUInt16BE(3)
  return Array.from({ length: cells }, (_, i) => {
    const [, next] = varint(page.readUInt16BE(8 + 2 * i))
    return varint(next)[0]
  })
}

function damage(file: string, pagenos: number[], pageSize: number): void {
  const fd = openSync(file, 'r+')
  try {
    for (const p of pagenos) writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (p - 1) * pageSize)
  } finally {
    closeSync(fd)
  }
}

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex')

describe('a damaged counter.db', () => {
  const dirs: string[] = []
  let harness: Harness | undefined
  let sandbox: Sandbox | undefined
  afterEach(async () => {
    await harness?.close()
    await sandbox?.close()
    harness = sandbox = undefined
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })
  const folder = () => {
    const d = mkdtempSync(join(tmpdir(), 'aiqc-damaged-'))
    dirs.push(d)
    return d
  }

  it('three outbox pages overwritten: set aside, every row on the other pages recovered as it was, the counter starts and syncs them once', async () => {
    const dir = folder()
    const file = join(dir, 'counter.db')
    const before = writeCounter(file)
    const leaves = pages(file, ['outbox']).filter((p) => p.pagetype === 'leaf')
    expect(leaves.length).toBeGreaterThan(8)
    const bad = [leaves[1]!, leaves[Math.floor(leaves.length / 2)]!, leaves.at(-1)!].map((p) => p.pageno)
    const lostRowids = new Set(bad.flatMap((p) => rowidsOnLeaf(file, p, 4096)))
    damage(file, bad, 4096)
    const damagedHash = sha(file)
    // what the counter did before this change: it could not start
    const plain = new Database(file, { readonly: true })
    expect(() => plain.prepare('SELECT count(*) FROM outbox NOT INDEXED').get()).toThrow(/malformed/)
    plain.close()

    sandbox = await startSandbox({ port: 0 })
    harness = await startHarness({ sandbox, dataDir: dir, syncSettleMs: 300 })
    const status = await harness.services.api.getStatus({})

    // the damaged file is kept, byte for byte, under a dated name
    const aside = readdirSync(dir).filter((n) => /^counter\.damaged-.*\.db$/.test(n))
    expect(aside).toHaveLength(1)
    expect(sha(join(dir, aside[0]!))).toBe(damagedHash)

    const waiting = (r: Row) => ['pending', 'sending', 'failed'].includes(r.state)
    const survivors = [...before.values()].filter((r) => !lostRowids.has(r.rowid))
    const m = [...before.values()].filter(waiting).length
    const n = survivors.filter(waiting).length
    console.log(`damaged database figures: ${JSON.stringify({ awardsBefore: before.size, waitingBefore: m, pagesDamaged: bad.length, rowsOnDamagedPages: lostRowids.size, waitingRecovered: n })}`)
    expect(status.databaseRecovered?.message.startsWith(`This computer's database was damaged. It was set aside as ${aside[0]}`)).toBe(true)
    expect(status.databaseRecovered!.message).toContain(`${n} of ${m} waiting awards were recovered`)

    // wait for the sync to take what it can, then look at the new file
    await eventually(async () => {
      const o = (await harness!.services.api.getStatus({})).outbox
      return o.pending === 0 && o.sending === 0
    }, 20_000)
    await harness.close()
    harness = undefined
    const db = new Database(file, { readonly: true })
    const after = outboxRows(db)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    const redemptionStates = db.prepare<[], string>('SELECT state FROM redemptions ORDER BY id').pluck().all()
    db.close()
    // every row on an undamaged page is back; none of the others was made up
    expect([...after.keys()].sort()).toEqual(survivors.map((r) => r.id).sort())
    // failed stayed failed with AIQ's words; the in-doubt ones were looked for before any send (none was doubled)
    for (const r of survivors.filter((x) => x.state === 'failed')) expect(after.get(r.id)).toMatchObject({ state: 'failed', last_error: r.last_error })
    const seen = ledgerCounts(sandbox)
    const sent = survivors.filter((r) => r.state !== 'failed').map((r) => r.id)
    expect({ lost: sent.filter((id) => seen.get(id) !== 1), extra: [...seen.keys()].filter((id) => !sent.includes(id)) }).toEqual({ lost: [], extra: [] })
    expect(redemptionStates).toEqual(['in_doubt', 'in_doubt']) // never sent on their own
  }, 60_000)

  it('only the outbox’s index pages overwritten: every award is recovered through the table itself', () => {
    const dir = folder()
    const file = join(dir, 'counter.db')
    const before = writeCounter(file)
    const indexes = ['sqlite_autoindex_outbox_1', 'outbox_by_state', 'outbox_by_created', 'outbox_by_contact', 'outbox_by_phone', 'outbox_account_state', 'outbox_similar']
    const bad = pages(file, indexes).map((p) => p.pageno)
    expect(bad.length).toBeGreaterThanOrEqual(indexes.length)
    damage(file, bad, 4096)
    // what the counter did before this change: it started on the bad index and showed the queue empty
    const plain = openDatabase(file)
    const shown = (() => {
      try {
        return createOutbox(plain, systemClock, () => ACCOUNT).counts().pending
      } catch {
        return 'error'
      }
    })()
    plain.close()
    expect(shown).not.toBe([...before.values()].filter((r) => r.state === 'pending').length)

    const { db, recovered } = openCounterDatabase(file)
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      const after = outboxRows(db)
      console.log(`damaged index figures: ${JSON.stringify({ awardsBefore: before.size, indexPagesDamaged: bad.length, awardsRecovered: after.size })}`)
      expect(after).toEqual(before) // same rows, same rowids, same states and sync info
      expect(createOutbox(db, systemClock, () => ACCOUNT).counts()).toMatchObject({
        pending: [...before.values()].filter((r) => r.state === 'pending').length,
        sending: [...before.values()].filter((r) => r.state === 'sending').length,
        failed: [...before.values()].filter((r) => r.state === 'failed').length,
      })
      expect(recovered?.message).toMatch(/and 240 waiting awards were recovered into a new one; they sync as before\. Nothing was lost\./)
      expect(existsSync(join(dir, recovered!.setAsideAs))).toBe(true)
    } finally {
      db.close()
    }
  })

  it('a file that is not a database at all: set aside, a new one started, the counter starts and says so', async () => {
    const dir = folder()
    const file = join(dir, 'counter.db')
    writeCounter(file)
    damage(file, [1], 4096) // the header
    const damagedHash = sha(file)
    sandbox = await startSandbox({ port: 0 })
    harness = await startHarness({ sandbox, dataDir: dir })
    const status = await harness.services.api.getStatus({})
    expect(status.databaseRecovered?.message).toMatch(/^This computer's database was damaged and could not be opened\. It was set aside as counter\.damaged-/)
    expect(sha(join(dir, status.databaseRecovered!.setAsideAs))).toBe(damagedHash)
    // read, then gone, and it stays gone after a restart
    expect((await harness.services.api.dismissDatabaseNotice({})).databaseRecovered).toBeNull()
    await harness.close()
    harness = await startHarness({ sandbox, dataDir: dir })
    expect((await harness.services.api.getStatus({})).databaseRecovered).toBeNull()
  }, 30_000)
})

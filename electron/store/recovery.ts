// Opening counter.db at start, and what happens when it is damaged: the file (and its -wal/-shm) is set aside under a
// dated name, never deleted; a new one is started; every row that can still be read is copied into it as it was
// (waiting awards stay waiting, one being sent stays 'sending' with its sync info, failed stays failed), read by rowid
// through the table itself (never an index, which may be the damaged part) and around bad pages (salvage-plan.ts).
import { existsSync, renameSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { z } from 'zod'
import { openDatabase, type Db, type OpenOptions } from './db'
import { migrations } from './migrations'
import { asideName, isDamage, LEDGER_TABLES, readAround, recoveryMessage, rowidBound, salvageOrder, type RecoveryFacts } from './salvage-plan'
import { createSettings } from './settings'

export type DatabaseRecovery = RecoveryFacts & { message: string }

const NOTICE_KEY = 'databaseRecovered'
const Notice = z.object({
  setAsideAs: z.string(),
  at: z.number(),
  waitingRecovered: z.number(),
  waitingBefore: z.number().nullable(),
  redemptionsRecovered: z.number(),
  rowsUnreadable: z.number(),
  unopenable: z.boolean(),
  message: z.string(),
})

/** What the screens are told until a person says they have read it (kept in the database, so a restart keeps it). */
export function recoveryNotice(db: Db) {
  const settings = createSettings(db)
  return {
    get: (): DatabaseRecovery | null => settings.get(NOTICE_KEY, Notice, null),
    dismiss: () => settings.remove(NOTICE_KEY),
  }
}

/** openDatabase, plus integrity_check; a damaged file is set aside and salvaged into a new one (see above). */
export function openCounterDatabase(file: string, opts: OpenOptions = {}, now: () => number = Date.now): { db: Db; recovered: DatabaseRecovery | null } {
  let db: Db | null = null
  try {
    db = openDatabase(file, opts)
    if (sound(db)) return { db, recovered: null }
  } catch (e) {
    if (!isDamage(e)) {
      db?.close()
      throw e
    }
  }
  db?.close()
  const recovered = salvage(file, opts, now())
  return { db: openDatabase(file, opts), recovered } // openDatabase runs the migrations the old file lacked
}

/**
 * The whole file's structure (quick_check: every page of every table and index), and the full integrity_check of the
 * ledger's tables with their indexes. The full check of a 500k-customer directory takes 15 s (quick_check 1.2 s) on
 * a counter PC; the directory is a copy of AIQ's list, so it is not worth holding up the start for.
 */
function sound(db: Db): boolean {
  if (db.prepare('PRAGMA quick_check(1)').pluck().get() !== 'ok') return false
  const tables = new Set(db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all())
  return LEDGER_TABLES.filter((t) => tables.has(t)).every((t) => db.prepare(`PRAGMA integrity_check('${t}')`).pluck().get() === 'ok')
}

function salvage(file: string, opts: OpenOptions, at: number): DatabaseRecovery {
  const dir = dirname(file)
  const aside = asideName(basename(file), new Date(at), (n) => existsSync(join(dir, n)))
  const asidePath = join(dir, aside)
  for (const suffix of ['-wal', '-shm', '']) if (existsSync(file + suffix)) renameSync(file + suffix, asidePath + suffix)

  const binding = opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}
  let old: Db | null = null
  try {
    old = new Database(asidePath, { readonly: true, fileMustExist: true, ...binding })
    old.prepare('SELECT count(*) FROM sqlite_master').get()
  } catch {
    old?.close()
    old = null
  }
  const version = old ? safe(() => Number(old!.pragma('user_version', { simple: true })), 0) : 0
  // the new file starts at the old one's schema, so its rows fit as they are; openDatabase then runs the rest
  const fresh = openDatabase(file, { ...opts, migrations: migrations.slice(0, version >= 1 && version <= migrations.length ? version : migrations.length) })
  const facts: RecoveryFacts = { setAsideAs: aside, at, waitingRecovered: 0, waitingBefore: null, redemptionsRecovered: 0, rowsUnreadable: 0, unopenable: old === null }
  try {
    if (old) copyRows(old, fresh, facts)
    const recovered = { ...facts, message: recoveryMessage(facts) }
    createSettings(fresh).set(NOTICE_KEY, recovered)
    return recovered
  } finally {
    old?.close()
    fresh.close()
  }
}

function copyRows(old: Db, fresh: Db, facts: RecoveryFacts): void {
  const oldTables = new Set(safe(() => old.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all(), []))
  const freshTables = fresh.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()
  const bound = rowidBound(
    safe(() => Number(old.pragma('page_count', { simple: true })), 0),
    safe(() => Number(old.pragma('page_size', { simple: true })), 4096),
  )
  // what the damaged file said it held, from its index on state (it may be the part still readable)
  facts.waitingBefore = safe(
    () => old.prepare<[], number>("SELECT count(*) FROM outbox INDEXED BY outbox_by_state WHERE state IN ('pending', 'sending', 'failed')").pluck().get()!,
    null,
  )
  for (const table of salvageOrder(freshTables.filter((t) => oldTables.has(t)))) {
    const freshCols = new Set(fresh.prepare<[], string>(`SELECT name FROM pragma_table_info('${table}')`).pluck().all())
    const cols = safe(() => old.prepare<[], string>(`SELECT name FROM pragma_table_info('${table}')`).pluck().all(), []).filter((c) => freshCols.has(c))
    if (!cols.length) continue
    const list = cols.map((c) => `"${c}"`).join(', ')
    // a table whose INTEGER PRIMARY KEY is its rowid keeps it through that column; the others get theirs kept too
    const aliased = fresh.prepare(`SELECT 1 FROM pragma_table_info('${table}') WHERE pk = 1 AND upper(type) = 'INTEGER'`).get() !== undefined
    const target = aliased ? list : `rowid, ${list}`
    const select = `SELECT rowid AS "rowid:", ${list} FROM "${table}" NOT INDEXED WHERE`
    const range = old.prepare<[number, number], Record<string, unknown>>(`${select} rowid BETWEEN ? AND ?`)
    // one rowid by equality: a range scan steps on to the next row to see it is past the end, which may be on a bad page
    const one = old.prepare<[number], Record<string, unknown>>(`${select} rowid = ?`)
    const last = safe(() => old.prepare<[], number | null>(`SELECT max(rowid) FROM "${table}" NOT INDEXED`).pluck().get() ?? 0, bound)
    const { rows, unreadable } = readAround((a, b) => (a === b ? one.all(a) : range.all(a, b)), 1, Math.max(last, 0))
    facts.rowsUnreadable += unreadable
    const insert = fresh.prepare(`INSERT OR IGNORE INTO "${table}" (${target}) VALUES (${[...(aliased ? [] : ['?']), ...cols.map(() => '?')].join(', ')})`)
    fresh.transaction(() => {
      for (const r of rows) {
        try {
          if (insert.run(...(aliased ? [] : [r['rowid:']]), ...cols.map((c) => r[c])).changes !== 1) continue
        } catch {
          facts.rowsUnreadable++ // e.g. an audit line whose award was on a lost page
          continue
        }
        if (table === 'outbox' && ['pending', 'sending', 'failed'].includes(String(r.state))) facts.waitingRecovered++
        if (table === 'redemptions') facts.redemptionsRecovered++
      }
    })()
  }
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn()
  } catch {
    return fallback
  }
}

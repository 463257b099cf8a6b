// Opens the counter's SQLite file the way a ledger needs it: WAL, synchronous=FULL (a commit is on disk before we
// say "saved"), foreign keys on, and the schema brought up to date by the versioned migrations. The file is 0600.
import Database from 'better-sqlite3'
import { existsSync, statSync } from 'node:fs'
import { migrate, migrations as allMigrations, refuseNewer, type Migration } from './migrations'
import { makePrivateFile } from '../data-folder/private'

export type Db = Database.Database

export interface OpenOptions {
  /** better-sqlite3's native addon built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string
  /** for tests of later migrations; defaults to every migration the app knows */
  migrations?: readonly Migration[]
  busyTimeoutMs?: number
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:') refuseNewer(readOnlyVersion(file, opts), opts.migrations ?? allMigrations)
  // created 0600 before SQLite opens it: SQLite gives the -wal and -shm files the database file's mode
  if (file !== ':memory:') makePrivateFile(file, { create: true })
  const db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {})
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`)
    if (file !== ':memory:') {
      const mode = db.pragma('journal_mode = WAL', { simple: true })
      if (String(mode).toLowerCase() !== 'wal') throw new Error(`SQLite refused WAL mode (got ${String(mode)})`)
      for (const f of [`${file}-wal`, `${file}-shm`]) makePrivateFile(f) // left by an older build with a looser mode
    }
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    migrate(db, opts.migrations ?? allMigrations)
    return writesFirst(db)
  } catch (e) {
    db.close()
    throw e
  }
}

/**
 * The file's schema version, read through a read-only connection: a file from a newer app is refused before the
 * WAL switch, a migration or a checkpoint could change a byte of it. 0 for a missing or empty file.
 */
function readOnlyVersion(file: string, opts: OpenOptions): number {
  if (!existsSync(file) || statSync(file).size === 0) return 0
  const peek = new Database(file, { readonly: true, fileMustExist: true, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) })
  try {
    peek.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`)
    return Number(peek.pragma('user_version', { simple: true }))
  } finally {
    peek.close()
  }
}

/**
 * A second connection to a database another connection of this process opened (and migrated): the background
 * worker's. The same busy timeout; it never migrates, and never changes the journal mode. `synchronous` 'NORMAL' is
 * for a connection that writes only what can be fetched again (the directory): in WAL its commits do not wait for the
 * disk, so it holds the write lock (which the counter's own writes wait for) only as long as the rows take.
 */
export function joinDatabase(file: string, opts: Pick<OpenOptions, 'nativeBinding' | 'busyTimeoutMs'> & { synchronous?: 'FULL' | 'NORMAL' } = {}): Db {
  const db = new Database(file, { fileMustExist: true, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) })
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`)
    db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`)
    db.pragma('foreign_keys = ON')
    return writesFirst(db)
  } catch (e) {
    db.close()
    throw e
  }
}

/**
 * Every transaction takes the write lock when it begins (BEGIN IMMEDIATE), waiting up to the busy timeout for it.
 * With a second connection writing (the background worker), a deferred transaction that reads and then writes fails at
 * once with "database is locked" when the other connection committed in between (WAL cannot upgrade a stale read
 * snapshot, and the busy timeout does not apply). Nested transactions are savepoints, as before.
 */
function writesFirst(db: Db): Db {
  const plain = db.transaction.bind(db)
  db.transaction = ((fn: Parameters<Db['transaction']>[0]) => {
    const t = plain(fn)
    return Object.assign((...args: unknown[]) => t.immediate(...args), { default: t.immediate, deferred: t.deferred, immediate: t.immediate, exclusive: t.exclusive })
  }) as Db['transaction']
  return db
}

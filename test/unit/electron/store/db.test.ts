import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { openDatabase } from '../../../../electron/store/db'
import { migrate, migrations, NewerDatabaseError, type Migration } from '../../../../electron/store/migrations'
import { createSettings } from '../../../../electron/store/settings'
import { tempDir } from '../../../support/temp-db'

const tmp = tempDir()
afterEach(() => tmp.cleanup())

describe('openDatabase', () => {
  it('opens with WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const db = openDatabase(tmp.file('a.db'))
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2) // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(Number(db.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    db.close()
  })

  it('reopening runs no migration twice and keeps the data', () => {
    const file = tmp.file('b.db')
    const db = openDatabase(file)
    createSettings(db).set('uid', '1234')
    db.close()
    const again = openDatabase(file)
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.length)
    expect(createSettings(again).get('uid', z.string(), '')).toBe('1234')
    expect(migrate(again)).toBe(migrations.length)
    again.close()
  })

  it('a migration appended later (e.g. a customer directory) runs once on an existing file', () => {
    const file = tmp.file('c.db')
    openDatabase(file).close()
    let runs = 0
    const directory: Migration = {
      name: 'directory',
      up(db) {
        runs++
        db.exec('CREATE TABLE directory (contact_id TEXT PRIMARY KEY, phone TEXT)')
      },
    }
    const next = [...migrations, directory]
    openDatabase(file, { migrations: next }).close()
    const db = openDatabase(file, { migrations: next })
    expect(runs).toBe(1)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length + 1)
    db.prepare("INSERT INTO directory VALUES ('c', '5551234567')").run()
    db.close()
  })

  it('a failing migration leaves the file at the previous version (all or nothing)', () => {
    const file = tmp.file('d.db')
    const broken: Migration = {
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half (x)')
        throw new Error('boom')
      },
    }
    expect(() => openDatabase(file, { migrations: [...migrations, broken] })).toThrow('boom')
    const db = openDatabase(file)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined()
    db.close()
  })

  it('refuses a file written by a newer app instead of corrupting it', () => {
    const file = tmp.file('e.db')
    openDatabase(file).close()
    expect(() => openDatabase(file, { migrations: migrations.slice(0, 0) })).toThrow(NewerDatabaseError)
  })

  it('a file from a newer app is refused in plain words and left byte for byte as it was (rollback journal)', () => {
    const file = tmp.file('newer.db')
    const newer = new Database(file)
    newer.exec('CREATE TABLE outbox (id TEXT PRIMARY KEY, value INTEGER)')
    newer.prepare("INSERT INTO outbox VALUES ('a', 5)").run()
    newer.pragma(`user_version = ${migrations.length + 3}`)
    newer.close()
    const before = sha256(file)
    const err = catchError(() => openDatabase(file))
    expect(err).toBeInstanceOf(NewerDatabaseError)
    expect((err as NewerDatabaseError).message.startsWith(`This database was written by a newer version of AIQ Counter (schema ${migrations.length + 3}; this version knows ${migrations.length})`)).toBe(true)
    expect({ fileVersion: (err as NewerDatabaseError).fileVersion, appVersion: (err as NewerDatabaseError).appVersion }).toEqual({ fileVersion: migrations.length + 3, appVersion: migrations.length })
    expect(sha256(file)).toBe(before)
    expect(existsSync(`${file}-wal`)).toBe(false)
  })

  it('a newer app’s file with commits still in its WAL (it was stopped hard) keeps both files untouched', () => {
    const file = tmp.file('newer-wal.db')
    const newer = new Database(file)
    newer.pragma('journal_mode = WAL')
    newer.pragma('wal_autocheckpoint = 0')
    newer.exec('CREATE TABLE outbox (id TEXT PRIMARY KEY, value INTEGER)')
    newer.pragma(`user_version = ${migrations.length + 1}`)
    newer.prepare("INSERT INTO outbox VALUES ('a', 5)").run()
    // a copy taken while the newer app still runs: its WAL is not checkpointed into the file
    const copy = tmp.file('copy.db')
    copyFileSync(file, copy)
    copyFileSync(`${file}-wal`, `${copy}-wal`)
    newer.close()
    const before = [sha256(copy), sha256(`${copy}-wal`)]
    expect(() => openDatabase(copy)).toThrow(NewerDatabaseError)
    expect([sha256(copy), sha256(`${copy}-wal`)]).toEqual(before)
  })
})

const sha256 = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex')
function catchError(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  throw new Error('expected an error')
}

describe('settings', () => {
  it('stores JSON values and validates them on the way out', () => {
    const db = openDatabase(tmp.file('s.db'))
    const s = createSettings(db)
    expect(s.get('directoryEnabled', z.boolean(), true)).toBe(true)
    s.set('directoryEnabled', false)
    s.set('lastTest', { at: 5, result: 'connected' })
    expect(s.get('directoryEnabled', z.boolean(), true)).toBe(false)
    expect(s.get('lastTest', z.object({ at: z.number(), result: z.string() }), null)).toEqual({ at: 5, result: 'connected' })
    // a stored value that no longer fits the schema falls back instead of crashing the app
    expect(s.get('lastTest', z.string(), 'fallback')).toBe('fallback')
    expect(s.has('lastTest')).toBe(true)
    s.remove('lastTest')
    expect(s.has('lastTest')).toBe(false)
    expect(() => s.set('x', undefined)).toThrow()
    db.close()
  })
})

describe('upgrading a file from before per-award sync state', () => {
  it('awards already sent get a send time, so they are looked for in AIQ before any resend', () => {
    const file = tmp.file('old.db')
    const before = migrations.slice(0, 3)
    const old = openDatabase(file, { migrations: before })
    const insert = old.prepare(
      `INSERT INTO outbox (id, account, contact_id, customer_name, value, reason, budtender, created_at, state, attempts, next_attempt_at)
       VALUES (?, 'live:1', 'c-1', '', 5, 'visit', 'Sam', ?, ?, ?, ?)`,
    )
    insert.run('01JDQ8Z6T3W5R7Y9B1C3D5F7G1', 1_000_000, 'sending', 1, 1_040_000)
    insert.run('01JDQ8Z6T3W5R7Y9B1C3D5F7G2', 2_000_000, 'failed', 2, null)
    insert.run('01JDQ8Z6T3W5R7Y9B1C3D5F7G3', 3_000_000, 'pending', 0, null)
    old.close()
    const db = openDatabase(file)
    const rows = db.prepare<[], { id: string; sent_at: number | null }>('SELECT id, sent_at FROM outbox ORDER BY id').all()
    expect(rows.map((r) => r.sent_at)).toEqual([1_010_000, 2_000_000, null])
    db.close()
  })
})


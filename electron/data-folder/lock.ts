// One AIQ Counter per data folder: two processes on one folder would both drain the same outbox and send awards twice.
// The lock is SQLite's own file lock (fcntl on Linux and macOS, LockFileEx on Windows) on <data dir>/counter.lock,
// held for as long as the counter runs. The operating system drops it when the process ends in any way — SIGKILL,
// a crash, power loss — so the next start takes over at once: there is no stale lock to detect or expire, and no pid
// to be fooled by when it is reused. Next to it, counter.lock.pid says who holds it, for the message only.
import Database from 'better-sqlite3'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makePrivateFile } from './private'

export const LOCK_FILE = 'counter.lock'
export const PID_FILE = 'counter.lock.pid'

export interface FolderLock {
  readonly dir: string
  /** let go (also happens by itself when the process ends) */
  release(): void
}

export class FolderInUseError extends Error {
  override readonly name = 'FolderInUseError'
  constructor(
    readonly dir: string,
    /** the holder's process id as it wrote it, when it could be read */
    readonly pid: number | null,
  ) {
    super(`This data folder is in use by another AIQ Counter${pid ? ` (pid ${pid})` : ''}. Close that one first.`)
  }
}

/** Takes the folder's lock, or throws FolderInUseError when another counter (in any process) holds it. */
export function lockDataFolder(dir: string, opts: { nativeBinding?: string } = {}): FolderLock {
  const file = join(dir, LOCK_FILE)
  makePrivateFile(file, { create: true })
  const db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {})
  try {
    db.pragma('busy_timeout = 0')
    // EXCLUSIVE locking mode: once taken, the lock is kept until the connection closes
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('BEGIN EXCLUSIVE')
    // a write: in EXCLUSIVE locking mode the first write is what makes SQLite hold the exclusive lock for good (the
    // row itself can't be read by anyone else while it is held; the pid file beside it is for the message)
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, since INTEGER NOT NULL)')
    db.prepare('DELETE FROM holder').run()
    db.prepare('INSERT INTO holder (pid, since) VALUES (?, ?)').run(process.pid, Date.now())
    db.exec('COMMIT')
  } catch (e) {
    db.close()
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY') || (e as { code?: string }).code?.startsWith('SQLITE_LOCKED')) {
      throw new FolderInUseError(dir, holderPid(dir))
    }
    throw e
  }
  const pidFile = join(dir, PID_FILE)
  writeFileSync(pidFile, `${process.pid}\n`, { mode: 0o600 })
  let held = true
  return {
    dir,
    release() {
      if (!held) return
      held = false
      rmSync(pidFile, { force: true })
      db.close()
    },
  }
}

/**
 * The holder writes its pid just after it takes the lock, so a counter started at the same moment may find no pid
 * file yet, or the one a killed holder left: wait for a live pid, briefly (this runs once, at start).
 */
function holderPid(dir: string, waitMs = 1000): number | null {
  const until = Date.now() + waitMs
  let pid = readPid(dir)
  while (!(pid && pid !== process.pid ? alive(pid) : pid === process.pid) && Date.now() < until) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20)
    pid = readPid(dir)
  }
  return pid
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' // alive, but someone else's
  }
}

function readPid(dir: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(join(dir, PID_FILE), 'utf8'), 10)
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}

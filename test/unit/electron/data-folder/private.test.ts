// Issue 10, item 4: the counter's data folder, database and logs are readable by the person running the app only.
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../../../electron/log'
import { openDatabase } from '../../../../electron/store/db'
import { makePrivateFile, makePrivateFolder } from '../../../../electron/data-folder/private'
import { tempDir } from '../../../support/temp-db'

const tmp = tempDir('aiqc-private-')
afterEach(() => tmp.cleanup())
const mode = (path: string) => statSync(path).mode & 0o777

describe('private folders and files (real files, umask 022 or not)', () => {
  it('creates a missing data folder, parents included, as 0700', () => {
    const dir = join(tmp.file('a'), 'b', 'data')
    makePrivateFolder(dir)
    expect(mode(dir)).toBe(0o700)
  })

  it('a folder that already exists with 0755 becomes 0700', () => {
    const dir = tmp.file('open')
    mkdirSync(dir, { mode: 0o755 })
    chmodSync(dir, 0o755)
    expect(mode(dir)).toBe(0o755)
    makePrivateFolder(dir)
    expect(mode(dir)).toBe(0o700)
  })

  it('an existing 0644 file becomes 0600; a missing one is created 0600 only when asked', () => {
    const file = tmp.file('x.txt')
    writeFileSync(file, 'kept')
    chmodSync(file, 0o644)
    makePrivateFile(file)
    expect(mode(file)).toBe(0o600)
    makePrivateFile(tmp.file('absent'))
    expect(existsSync(tmp.file('absent'))).toBe(false)
    makePrivateFile(tmp.file('new'), { create: true })
    expect(mode(tmp.file('new'))).toBe(0o600)
  })

  it('the database file and its -wal and -shm are 0600, also when the file was made 0644 by an older build', () => {
    const fresh = tmp.file('fresh.db')
    const db = openDatabase(fresh)
    db.prepare('CREATE TABLE t (x)').run()
    for (const f of [fresh, `${fresh}-wal`, `${fresh}-shm`]) expect(mode(f), f).toBe(0o600)
    db.close()

    const old = tmp.file('old.db')
    openDatabase(old).close()
    chmodSync(old, 0o644)
    const again = openDatabase(old)
    for (const f of [old, `${old}-wal`, `${old}-shm`]) expect(mode(f), f).toBe(0o600)
    again.close()
  })

  it('the log folder is 0700 and the log file 0600', () => {
    mkdirSync(tmp.file('logs'), { mode: 0o755 })
    chmodSync(join(tmp.dir, 'logs'), 0o755)
    const log = createLogger({ dir: tmp.dir })
    log.info('hello')
    log.flush()
    expect(mode(join(tmp.dir, 'logs'))).toBe(0o700)
    expect(mode(log.file)).toBe(0o600)
  })
})

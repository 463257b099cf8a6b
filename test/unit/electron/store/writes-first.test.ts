// With the background worker's connection writing too, a read-then-write transaction on the counter's connection
// must not fail with "database is locked" because the worker committed between its read and its write.
import { afterEach, expect, it } from 'vitest'
import { joinDatabase, openDatabase } from '../../../../electron/store/db'
import { tempDir } from '../../../support/temp-db'

const tmp = tempDir()
afterEach(() => tmp.cleanup())

it('a transaction that reads, then writes, holds the write lock from its start: the other connection waits, not it', () => {
  const file = tmp.file('counter.db')
  const counter = openDatabase(file)
  const worker = joinDatabase(file, { busyTimeoutMs: 0 })
  try {
    counter.exec('CREATE TABLE t (n INTEGER)')
    let workerWrote = true
    counter.transaction(() => {
      const before = counter.prepare('SELECT count(*) AS c FROM t').get() as { c: number }
      try {
        worker.prepare('INSERT INTO t VALUES (2)').run() // the worker's page commits here, if it can
      } catch {
        workerWrote = false
      }
      counter.prepare('INSERT INTO t VALUES (?)').run(before.c + 1)
    })()
    expect(workerWrote).toBe(false)
    expect(counter.prepare('SELECT n FROM t').all()).toEqual([{ n: 1 }])
  } finally {
    worker.close()
    counter.close()
  }
})

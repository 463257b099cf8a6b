// The background worker (electron/background/): its work happens on another thread, on its own connection to the
// counter's database; when it cannot work, what was asked fails with a typed error and one line without customer data.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { getPriority, tmpdir } from 'node:os'
import { join } from 'node:path'
import { threadId } from 'node:worker_threads'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BackgroundWorkerError, createBackground, type Background } from '../../../electron/background/client'
import { BACKGROUND_NICENESS } from '../../../electron/background/protocol'
import { toCounterError } from '../../../electron/errors'
import { openDatabase, type Db } from '../../../electron/store/db'
import { createDirectoryStore } from '../../../electron/store/directory'
import { createOutbox } from '../../../electron/store/outbox'

let dir: string
let db: Db
let bg: Background | null = null
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aiqc-background-'))
  db = openDatabase(join(dir, 'counter.db'))
})
afterEach(async () => {
  await bg?.close()
  bg = null
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const person = (i: number) => ({ contactID: `c${i}`, firstName: 'Maya', lastName: `Lopez${i}`, mobilePhone: `30355501${String(i).padStart(2, '0')}` })

describe('the background worker', () => {
  it('writes a directory page on a thread of its own, into the same file the counter reads', async () => {
    bg = createBackground({ dbFile: join(dir, 'counter.db') })
    const rows = Array.from({ length: 250 }, (_, i) => person(i))
    const store = createDirectoryStore(db)
    const pull = store.beginPull(1)
    await expect(bg.directoryWriter.writePage({ rows, at: 5, pull: { ...pull, nextStart: 250, total: 500 }, last: false })).resolves.toEqual({ removed: 0 })
    expect(bg.threadId()).not.toBeNull()
    expect(bg.threadId()).not.toBe(threadId)
    expect(store.count()).toBe(250)
    expect(store.pull()).toEqual({ runStartedAt: 1, nextStart: 250, total: 500 })
    expect(store.findByPhone('3035550107')?.persona).toMatchObject({ contactID: 'c7', lastName: 'Lopez7' })
  })

  it.runIf(process.platform === 'linux')('on Linux the worker thread alone yields the CPU to the counter (its niceness), the counter’s thread keeps its own', async () => {
    // each thread of this process, by its niceness (field 19 of /proc/<pid>/task/<tid>/stat)
    const niceness = () =>
      readdirSync('/proc/self/task').map((tid) => ({ tid: Number(tid), nice: Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]) }))
    const mine = getPriority(0)
    expect(niceness().filter((t) => t.nice === BACKGROUND_NICENESS)).toEqual([])
    bg = createBackground({ dbFile: join(dir, 'counter.db') })
    await bg.openAwards(['pending'], '')
    const lowered = niceness().filter((t) => t.nice === BACKGROUND_NICENESS)
    expect(lowered).toHaveLength(1)
    expect(lowered[0]!.tid).not.toBe(process.pid) // not the thread that answers the counter
    expect(getPriority(0)).toBe(mine)
  })

  it('a page asked for before a cancel is not written', async () => {
    bg = createBackground({ dbFile: join(dir, 'counter.db') })
    await bg.openAwards(['pending'], '') // the worker is up: the page below is queued behind nothing
    const store = createDirectoryStore(db)
    const writing = bg.directoryWriter.writePage({ rows: [person(1)], at: 5, pull: store.beginPull(1), last: true })
    bg.directoryWriter.cancel()
    await expect(writing).resolves.toBeNull()
    expect(store.count()).toBe(0)
  })

  it('a customer kept for offline use but asked before a cancel (an account switch, a clear) is not written after it', async () => {
    bg = createBackground({ dbFile: join(dir, 'counter.db') })
    await bg.openAwards(['pending'], '')
    const store = createDirectoryStore(db)
    const keeping = bg.directoryWriter.remember([person(1)], 5)
    bg.directoryWriter.cancel()
    await keeping
    expect(store.count()).toBe(0)
    await bg.directoryWriter.remember([person(2)], 6) // asked after the cancel: kept
    expect(store.findByPhone('3035550102')?.persona).toMatchObject({ contactID: 'c2' })
  })

  it('lists the queue for the screens as the outbox does', async () => {
    const outbox = createOutbox(db, { now: () => Date.now() }, () => 'training:1')
    for (let i = 0; i < 3; i++) outbox.add({ contactID: `c${i}`, phone: null, customerName: 'Maya Lopez', value: i + 1, reason: 'visit', budtender: 'Alex' })
    bg = createBackground({ dbFile: join(dir, 'counter.db') })
    await expect(bg.openAwards(['pending', 'sending', 'failed'], 'training:1')).resolves.toEqual(outbox.list(['pending', 'sending', 'failed']))
  })

  it('a worker that cannot read the database fails what was asked with a typed error, and logs no path', async () => {
    const lines: object[] = []
    const garbage = join(dir, 'not-a-database.db')
    writeFileSync(garbage, 'customer names are not a database '.repeat(200))
    bg = createBackground({ dbFile: garbage, log: { warn: (obj, msg) => void lines.push({ ...obj, msg }) } })
    const e = await bg.openAwards(['pending'], '').catch((x: unknown) => x)
    expect(e).toBeInstanceOf(BackgroundWorkerError)
    expect(toCounterError(e)).toMatchObject({ code: 'storage_error' })
    expect(lines).toHaveLength(1)
    expect(JSON.stringify(lines)).not.toContain(dir)
  })
})

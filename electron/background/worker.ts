// The background worker: a thread of its own, with its own connection to counter.db, for the work that would
// otherwise hold up the thread that answers the counter (the writes of a directory pull, the outbox list the queue
// screen is sent during a drain). Started and stopped by client.ts; built to out/main/background-worker.js.
import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import { events } from '../../shared/contract'
import { joinDatabase } from '../store/db'
import { createDirectoryStore, writePage } from '../store/directory'
import { createOutbox } from '../store/outbox'
import { BACKGROUND_NICENESS, type Reply, type Request, type Requests } from './protocol'

const data = workerData as import('./protocol').WorkerData
const port = parentPort!
yieldToTheCounter()
// it writes only the directory, a copy of AIQ's list: a page a power cut loses (its rows and the pull's position
// together) is simply read again, so its commits need not wait for the disk while the counter waits for the lock
const db = joinDatabase(data.file, { synchronous: 'NORMAL', ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}) })
const generation = new Int32Array(data.generation)
const directory = createDirectoryStore(db)
let account = ''
const outbox = createOutbox(db, { now: () => Date.now() }, () => account)

const handlers: { [K in keyof Requests]: (args: Requests[K]['args']) => Requests[K]['result'] } = {
  writePage: ({ generation: mine, ...page }) => writePage(db, directory, page, () => Atomics.load(generation, 0) === mine),
  remember({ rows, at, generation: mine }) {
    // in the write lock, as a page's: a wipe that came first wins
    db.transaction(() => {
      if (Atomics.load(generation, 0) === mine) directory.upsert(rows, at)
    })()
    return null
  },
  openAwards({ states, account: current }) {
    account = current
    return events.outboxChanged.parse({ entries: outbox.list(states) }).entries
  },
  close() {
    db.close()
    return null
  },
}

port.on('message', (m: Request) => {
  let reply: Reply
  try {
    reply = { id: m.id, ok: true, result: (handlers[m.op] as (a: unknown) => unknown)(m.args) }
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e))
    const code = (err as { code?: unknown }).code
    reply = { id: m.id, ok: false, error: { name: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}) } }
  }
  port.postMessage(reply)
  if (m.op === 'close') port.close()
})

/**
 * On a PC short of cores, this thread's work waits while the counter's thread has some (nice 10 for this thread only).
 * Linux only: there a thread has a niceness of its own (setpriority on its thread id); elsewhere Node can only change
 * the whole app's priority, which would slow the counter too, so nothing is changed.
 */
function yieldToTheCounter() {
  if (process.platform !== 'linux') return
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), BACKGROUND_NICENESS)
  } catch {
    // no /proc (a sandboxed build): the worker runs at the counter's priority, as before
  }
}

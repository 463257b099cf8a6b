// The main thread's side of the background worker (worker.ts): starts it on first use, asks it, and stops it on close.
// A worker that dies fails what it was asked (a BackgroundWorkerError, with SQLite's code when SQLite threw) and the
// next request starts a new one.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { OutboxEntry, OutboxState } from '../../shared/contract'
import type { DirectoryWriter } from '../store/directory'
import type { Op, Reply, Requests, WorkerData } from './protocol'

type Log = { warn(obj: object, msg?: string): void }

export class BackgroundWorkerError extends Error {
  override readonly name = 'BackgroundWorkerError'
  constructor(
    message: string,
    /** SQLite's error code when SQLite threw in the worker (toCounterError reads it) */
    readonly code?: string,
  ) {
    super(message)
  }
}

/** From source (tests, bench: tsx) the .ts beside this file, run through tsx; built, the shells pass out/main's file. */
function sourceWorker(): { file: string; execArgv?: string[] } {
  const file = join(__dirname, 'worker.ts')
  if (!existsSync(file)) throw new BackgroundWorkerError('The background worker file was not given and is not beside the app (a build problem).')
  return { file, execArgv: ['--require', 'tsx/cjs'] }
}

export type Background = ReturnType<typeof createBackground>

export function createBackground(opts: { dbFile: string; nativeBinding?: string; workerFile?: string; log?: Log }) {
  const generation = new SharedArrayBuffer(4)
  const gen = new Int32Array(generation)
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()
  let worker: Worker | null = null
  let nextId = 1
  let closing: Promise<void> | null = null

  function failAll(e: Error) {
    for (const p of pending.values()) p.reject(e)
    pending.clear()
  }

  function start(): Worker {
    const where = opts.workerFile ? { file: opts.workerFile } : sourceWorker()
    const data: WorkerData = { file: opts.dbFile, generation, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) }
    const w = new Worker(where.file, { workerData: data, ...(where.execArgv ? { execArgv: where.execArgv } : {}) })
    w.unref()
    w.on('message', (r: Reply) => {
      const p = pending.get(r.id)
      if (!p) return
      pending.delete(r.id)
      if (r.ok) p.resolve(r.result)
      else p.reject(new BackgroundWorkerError(r.error.message, r.error.code))
    })
    const gone = (why: string, code?: string) => {
      if (worker !== w) return
      worker = null
      // no customer data in the line: the error's kind and code only
      opts.log?.warn({ why, code }, 'the background worker stopped; it is started again when next needed')
      failAll(new BackgroundWorkerError('Background work stopped unexpectedly. Try again; if it keeps happening, restart the app.', code))
    }
    w.on('error', (e) => {
      const code = (e as { code?: unknown }).code
      gone(e instanceof Error ? e.name : 'unknown', typeof code === 'string' ? code : undefined)
    })
    w.on('exit', (code) => gone(`exit ${code}`))
    return w
  }

  function ask<K extends Op>(op: K, args: Requests[K]['args']): Promise<Requests[K]['result']> {
    if (closing && op !== 'close') return Promise.reject(new BackgroundWorkerError('The app is closing.'))
    worker ??= start()
    const id = nextId++
    const w = worker
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      w.postMessage({ id, op, args })
    })
  }

  const directoryWriter: DirectoryWriter = {
    writePage: (page) => ask('writePage', { ...page, generation: Atomics.load(gen, 0) }),
    cancel: () => void Atomics.add(gen, 0, 1),
    remember: async (rows, at) => void (await ask('remember', { rows, at, generation: Atomics.load(gen, 0) })),
  }

  return {
    directoryWriter,
    /** the awards the queue screen is sent, read and checked against the contract in the worker */
    openAwards: (states: OutboxState[], account: string): Promise<OutboxEntry[]> => ask('openAwards', { states, account }),
    /** the worker's threadId (tests: proof the work runs elsewhere), or null before it started */
    threadId: () => worker?.threadId ?? null,
    /** finishes what was asked, closes the worker's connection, and ends the thread */
    close(): Promise<void> {
      return (closing ??= (async () => {
        const w = worker
        if (!w) return
        await ask('close', null).catch(() => {})
        worker = null
        await w.terminate()
      })())
    },
  }
}

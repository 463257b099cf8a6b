// What the main thread asks the background worker (worker.ts) and what it answers.
import type { OutboxEntry, OutboxState } from '../../shared/contract'
import type { DirectoryPage } from '../store/directory'

/** the worker thread's niceness on Linux: its work waits while the counter's thread has some */
export const BACKGROUND_NICENESS = 10

export type WorkerData = {
  /** counter.db, already opened and migrated by the main thread */
  file: string
  nativeBinding?: string
  /** Int32 [0]: the directory's write generation; a page asked for under an older one is not written */
  generation: SharedArrayBuffer
}

export type Requests = {
  writePage: { args: DirectoryPage & { generation: number }; result: { removed: number } | null }
  /** not written when the generation moved on meanwhile (the directory wiped, cleared or switched off) */
  remember: { args: Pick<DirectoryPage, 'rows' | 'at'> & { generation: number }; result: null }
  /** the awards the queue screen is sent, already checked against the contract */
  openAwards: { args: { states: OutboxState[]; account: string }; result: OutboxEntry[] }
  close: { args: null; result: null }
}
export type Op = keyof Requests

export type Request = { [K in Op]: { id: number; op: K; args: Requests[K]['args'] } }[Op]
export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: { name: string; code?: string; message: string } }

// Real SQLite file + real AIQ client + the AIQ sandbox on loopback + the sync engine, wired the way the app wires them.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { createAiqClient } from '../../electron/aiq/client'
import { type AiqClock, createAiqClock } from '../../electron/aiq/clock'
import type { AiqClient } from '../../electron/aiq/types'
import { type Clock, systemClock } from '../../electron/clock'
import { startSandbox, PERSONAS, type Sandbox, type SandboxOptions, type SandboxProfile } from '../../electron/sandbox'
import { openDatabase, type Db } from '../../electron/store/db'
import { createOutbox, type NewAward, type Outbox } from '../../electron/store/outbox'
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../../electron/sync/engine'
import { readTag } from '../../electron/sync/tag'

export const CLIENT_TIMEOUT_MS = 300

export interface Rig {
  sandbox: Sandbox
  db: Db
  outbox: Outbox
  engine: SyncEngine
  /** AIQ's time as this counter has learnt it */
  time: AiqClock
  client: AiqClient | null
  /** swap the client (e.g. a new key) */
  useClient(c: AiqClient | null): void
  award(over?: Partial<NewAward>): string
  close(): Promise<void>
}

export function clientFor(sandbox: Sandbox, apiKey = sandbox.apiKey, time?: AiqClock): AiqClient {
  return createAiqClient({ baseUrl: sandbox.url, uid: sandbox.uid, apiKey, timeoutMs: CLIENT_TIMEOUT_MS, limiter: null, ...(time ? { time } : {}) })
}

/**
 * As the app wires them: the outbox and the engine reckon in AIQ's time, learnt by the client from the sandbox's
 * answers. `counterClock`: this computer's clock (default the true one); `sandbox`: options for the sandbox.
 */
export async function rig(
  over: Partial<SyncEngineOptions> = {},
  opts: { profile?: SandboxProfile; counterClock?: Clock; sandbox?: Partial<SandboxOptions> } = {},
): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'aiqc-outbox-it-'))
  const sandbox = await startSandbox({ port: 0, personas: 20, ...(opts.profile ? { profile: opts.profile } : {}), ...opts.sandbox })
  const db = openDatabase(join(dir, 'counter.db'))
  const time = createAiqClock({ wall: opts.counterClock ?? systemClock, mono: () => performance.now() })
  const outbox = createOutbox(db, time)
  let client: AiqClient | null = clientFor(sandbox, sandbox.apiKey, time)
  const engine = createSyncEngine({
    outbox,
    getClient: () => client,
    clock: time,
    sendPolicy: { baseMs: 20, capMs: 200 },
    probePolicy: { baseMs: 20, capMs: 200 },
    // above the client timeout: an unanswered PUT that AIQ finishes late is still found by its tag
    settleMs: CLIENT_TIMEOUT_MS + 300,
    onlyCounter: () => true,
    ...over,
  })
  const contacts = [PERSONAS.member.contactID, PERSONAS.pending.contactID, PERSONAS.noConsent.contactID]
  let n = 0
  return {
    sandbox,
    db,
    outbox,
    engine,
    time,
    get client() {
      return client
    },
    useClient(c) {
      client = c
    },
    award(o = {}) {
      n++
      return outbox.add({
        contactID: contacts[n % contacts.length]!,
        phone: null,
        customerName: 'Test Customer',
        value: n,
        reason: `visit ${n}`,
        budtender: 'Sam',
        ...o,
      }).id
    },
    async close() {
      await engine.stop()
      await sandbox.close()
      db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function until(what: string, ok: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for: ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

export const drained = (outbox: Outbox) => () => {
  const c = outbox.counts()
  return c.pending === 0 && c.sending === 0
}

/** How many times each outbox id appears in the sandbox's ledger, by the tag in the note. */
export function ledgerCounts(sandbox: Sandbox): Map<string, number> {
  const seen = new Map<string, number>()
  for (const e of sandbox.ledger) {
    const id = readTag(e.note)
    if (id) seen.set(id, (seen.get(id) ?? 0) + 1)
  }
  return seen
}

/** Each id in the ledger exactly once with the right contact and value, nothing else tagged, every row synced. */
export function expectExactlyOnce(r: Rig, ids: string[]): void {
  const seen = ledgerCounts(r.sandbox)
  const lost = ids.filter((id) => !seen.has(id))
  const doubled = ids.filter((id) => (seen.get(id) ?? 0) > 1)
  expect({ lost, doubled }).toEqual({ lost: [], doubled: [] })
  expect([...seen.keys()].sort()).toEqual([...ids].sort())
  for (const id of ids) {
    const row = r.outbox.get(id)!
    const entry = r.sandbox.ledger.find((e) => readTag(e.note) === id)!
    expect({ contactID: entry.contactID, value: entry.value }).toEqual({ contactID: row.contactID, value: row.value })
    expect(row.state).toBe('synced')
  }
}

// Outbox figures, each beside a baseline measured in the same run on the same disk:
//  - durable award latency (one committed transaction, WAL + synchronous=FULL) vs a raw write + fsync of the same bytes;
//  - drain rate to the sandbox with the rate limiter off vs bare sequential adjust PUTs (no outbox);
//  - the rate limiter holding its configured rate while the engine drains.
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAiqClient } from '../../electron/aiq/client'
import { createRateLimiter } from '../../electron/aiq/rate-limit'
import type { AiqClient } from '../../electron/aiq/types'
import { systemClock } from '../../electron/clock'
import { PERSONAS, startSandbox, type Sandbox } from '../../electron/sandbox'
import { openDatabase } from '../../electron/store/db'
import { createOutbox, type NewAward, type Outbox } from '../../electron/store/outbox'
import { createSyncEngine } from '../../electron/sync/engine'
import { percentile, type Row } from './table'

const award = (n: number): NewAward => ({
  contactID: PERSONAS.member.contactID,
  phone: null,
  customerName: 'Maya Lopez',
  value: (n % 50) + 1,
  reason: `bench award ${n}`,
  budtender: 'Bench',
})

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6

async function drain(outbox: Outbox, client: AiqClient, count: number, timeoutMs: number): Promise<number> {
  for (let i = 0; i < count; i++) outbox.add(award(i))
  const engine = createSyncEngine({ outbox, getClient: () => client, clock: systemClock, settleMs: 5_000 })
  const t0 = process.hrtime.bigint()
  engine.start()
  const end = Date.now() + timeoutMs
  while (outbox.counts().pending + outbox.counts().sending > 0) {
    if (Date.now() > end) throw new Error('bench: the outbox did not drain in time')
    await new Promise((r) => setTimeout(r, 2))
  }
  const elapsed = ms(t0)
  await engine.stop()
  return elapsed
}

export async function benchOutbox(opts: { awards?: number; drain?: number; limited?: number; ratePerSec?: number } = {}): Promise<Row[]> {
  const awards = opts.awards ?? 500
  const drainCount = opts.drain ?? 300
  const limitedCount = opts.limited ?? 150
  const ratePerSec = opts.ratePerSec ?? 50
  const dir = mkdtempSync(join(tmpdir(), 'aiqc-bench-outbox-'))
  let sandbox: Sandbox | undefined
  try {
    // 1. durable award latency vs raw write + fsync of the same bytes, interleaved so both see the same disk state
    const db = openDatabase(join(dir, 'latency.db'))
    const outbox = createOutbox(db, systemClock)
    const raw = openSync(join(dir, 'raw.bin'), 'a')
    const awardMs: number[] = []
    const rawMs: number[] = []
    let bytes = 0
    for (let i = 0; i < awards; i++) {
      let t0 = process.hrtime.bigint()
      const e = outbox.add(award(i))
      awardMs.push(ms(t0))
      const buf = Buffer.from(JSON.stringify(e))
      bytes += buf.length
      t0 = process.hrtime.bigint()
      writeSync(raw, buf)
      fsyncSync(raw)
      rawMs.push(ms(t0))
    }
    closeSync(raw)
    db.close()
    awardMs.sort((a, b) => a - b)
    rawMs.sort((a, b) => a - b)
    const rows: Row[] = []
    for (const p of [50, 95]) {
      const v = percentile(awardMs, p)
      const b = percentile(rawMs, p)
      rows.push({
        name: `durable award latency p${p}`,
        value: v,
        unit: 'ms',
        baseline: b,
        ratio: v / b,
        note: `${awards} awards; baseline: write+fsync of the same ${Math.round(bytes / awards)} B`,
      })
    }

    // 2. drain rate, limiter off, vs bare sequential PUTs
    sandbox = await startSandbox({ port: 0, personas: 20 })
    const free = createAiqClient({ baseUrl: sandbox.url, uid: sandbox.uid, apiKey: sandbox.apiKey, timeoutMs: 5_000, limiter: null })
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < drainCount; i++) await free.adjustPoints(PERSONAS.member.contactID, { value: 1, note: `bare ${i}` })
    const bareRate = drainCount / (ms(t0) / 1000)
    const drainDb = openDatabase(join(dir, 'drain.db'))
    const drainRate = drainCount / ((await drain(createOutbox(drainDb, systemClock), free, drainCount, 120_000)) / 1000)
    drainDb.close()
    rows.push({
      name: 'outbox drain rate (limiter off)',
      value: drainRate,
      unit: 'awards/s',
      baseline: bareRate,
      ratio: drainRate / bareRate,
      note: `${drainCount} awards; baseline: bare adjust PUTs, no outbox`,
    })

    // 3. the limiter holds its rate: measured over the steady part (after the burst)
    const burst = 5
    const limited = createAiqClient({
      baseUrl: sandbox.url,
      uid: sandbox.uid,
      apiKey: sandbox.apiKey,
      timeoutMs: 5_000,
      limiter: createRateLimiter({ ratePerSec, burst }),
    })
    const limDb = openDatabase(join(dir, 'limited.db'))
    const before = sandbox.requests.length
    const elapsed = await drain(createOutbox(limDb, systemClock), limited, limitedCount, 120_000)
    limDb.close()
    const requests = sandbox.requests.length - before
    const measured = (requests - burst) / (elapsed / 1000)
    rows.push({
      name: 'rate limiter while draining',
      value: measured,
      unit: 'req/s',
      baseline: ratePerSec,
      ratio: measured / ratePerSec,
      note: `${requests} requests, burst ${burst}; baseline: configured rate`,
    })
    return rows
  } finally {
    await sandbox?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

// The process the crash test kills. Run: node --import tsx test/crash/child.ts <mode> <db file> <sandbox url> <uid> <key> <seed>
//   award:  award points in a loop while the sync engine drains to the sandbox; print "ACK <id>" for each award
//           only AFTER add() returned (i.e. after the commit), then keep going until killed.
//   finish: only sync; print "DONE" and exit once nothing is pending or sending.
// Like the app, it holds the data folder's lock (data-folder/lock.ts) while it runs.
import { writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { createAiqClient } from '../../electron/aiq/client'
import { createAiqClock } from '../../electron/aiq/clock'
import { systemClock } from '../../electron/clock'
import { PERSONAS } from '../../electron/sandbox/personas'
import { openDatabase } from '../../electron/store/db'
import { lockDataFolder } from '../../electron/data-folder/lock'
import { createOutbox } from '../../electron/store/outbox'
import { createSyncEngine } from '../../electron/sync/engine'

export const CHILD_TIMEOUT_MS = 1000
export const CHILD_SETTLE_MS = 1500

const [mode, file, url, uid, apiKey, seedArg] = process.argv.slice(2)
if (!mode || !file || !url || !uid || !apiKey) {
  process.stderr.write('usage: child.ts award|finish <db> <url> <uid> <key> [seed]\n')
  process.exit(2)
}
let seed = Number(seedArg ?? 1) >>> 0 || 1
const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32)
// stdout is a pipe: write synchronously so an ACK line is out before anything else can happen
const say = (line: string) => writeSync(1, `${line}\n`)

// the folder lock the app takes: each start after a SIGKILL must get it at once (issue 10, item 12)
lockDataFolder(dirname(file))
const db = openDatabase(file)
// as the app: the outbox and the engine reckon in AIQ's time, learnt from the sandbox's answers (this process's own
// clock may be set wrong on purpose: libfaketime)
const time = createAiqClock({ wall: systemClock, mono: () => performance.now() })
const client = createAiqClient({ baseUrl: url, uid, apiKey, timeoutMs: CHILD_TIMEOUT_MS, limiter: null, time })
const outbox = createOutbox(db, time)
const engine = createSyncEngine({
  outbox,
  getClient: () => client,
  clock: time,
  // CHILD_COUNTER names this counter; CHILD_ONLY=1: the only counter on the account
  counterName: () => process.env.CHILD_COUNTER ?? 'Crash counter',
  onlyCounter: () => process.env.CHILD_ONLY === '1',
  random,
  sendPolicy: { baseMs: 20, capMs: 200 },
  probePolicy: { baseMs: 20, capMs: 200 },
  settleMs: CHILD_SETTLE_MS,
})
engine.start()

const customers = [
  { contactID: PERSONAS.member.contactID, phone: null },
  { contactID: PERSONAS.pending.contactID, phone: null },
  { contactID: null, phone: PERSONAS.noConsent.phone },
]

async function awardForever() {
  for (let n = 1; ; n++) {
    const who = customers[Math.floor(random() * customers.length)]!
    const value = (Math.floor(random() * 50) + 1) * (random() < 0.2 ? -1 : 1)
    const e = outbox.add({ ...who, customerName: 'Crash Test', value, reason: `crash award ${n}`, budtender: 'Crash' })
    say(`ACK ${e.id}`)
    engine.kick()
    await new Promise((r) => setTimeout(r, Math.floor(random() * 20)))
  }
}

async function finish() {
  const end = Date.now() + 60_000
  for (;;) {
    const c = outbox.counts()
    if (c.pending === 0 && c.sending === 0) break
    if (Date.now() > end) {
      process.stderr.write(`still not drained: ${JSON.stringify(c)}\n`)
      process.exit(1)
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  await engine.stop()
  db.close()
  say('DONE')
  process.exit(0)
}

say('READY')
void (mode === 'award' ? awardForever() : finish())

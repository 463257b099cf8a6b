// Runs INSIDE an old checkout (copied there by build.ts): writes counter.db with that version's own store code, as its
// app would have left it, and describes what AIQ already holds (expected.json). It may only use what every landed
// version has: openDatabase, createSettings (the account's 'training' mode), createOutbox (add, markSending, markSynced, markFailed), tagNote, and createRedemptionStore
// (begin, markInDoubt) where the version has redemptions.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

interface Config {
  out: string
  version: string
  commit: string
  /** epoch ms: the fixture's clock starts here (the landing's commit time) */
  t0: number
  account: string
  contacts: [string, string, string]
  phone: string
  reward: { id: string; posDiscountID: string; name: string; points: number }
}

type Loose = Record<string, (...a: unknown[]) => any>

async function main() {
  const cfg = JSON.parse(process.argv[2]!) as Config
  const { openDatabase } = (await import(join(process.cwd(), 'electron/store/db.ts'))) as Loose
  const { createOutbox } = (await import(join(process.cwd(), 'electron/store/outbox.ts'))) as Loose
  const { tagNote } = (await import(join(process.cwd(), 'electron/sync/tag.ts'))) as Loose
  const { createSettings } = (await import(join(process.cwd(), 'electron/store/settings.ts'))) as Loose
  const redemptionsModule = join(process.cwd(), 'electron/store/redemptions.ts')

  let now = cfg.t0
  const clock = { now: () => now }
  const tick = (ms = 60_000) => void (now += ms)
  mkdirSync(cfg.out, { recursive: true })
  const db = openDatabase!(join(cfg.out, 'counter.db'))
  // the counter was in training mode, as every version's account service saved it
  createSettings!(db).set!('account', { mode: 'training', uid: cfg.account.replace(/^training:/, ''), baseUrl: null })
  const outbox = createOutbox!(db, clock, () => cfg.account)
  const [a, b, c] = cfg.contacts
  const aiqAdjustments: { id: string; contactID: string; value: number; note: string; ts: number }[] = []
  const awards: Record<string, { id: string; state: string; value: number }> = {}
  const add = (key: string, who: { contactID: string | null; phone: string | null }, value: number, reason: string) => {
    tick()
    const e = outbox.add!({ ...who, customerName: `Fixture ${key}`, value, reason, budtender: 'Sam' })
    awards[key] = { id: e.id, state: 'pending', value }
    return e.id as string
  }
  /** what the engine of every version did before a PUT: commit 'sending', settle 30 s after the send */
  const send = (id: string) => outbox.markSending!(id, now + 30_000, 0)

  // waiting: two by contact (one a deduction), one queued by phone while offline
  add('pendingA', { contactID: a, phone: null }, 40, 'visit')
  add('pendingB', { contactID: b, phone: null }, -25, 'correction')
  add('pendingPhone', { contactID: null, phone: cfg.phone }, 15, 'first visit, offline')
  // synced long ago: AIQ has it, it must never go again
  const synced = add('synced', { contactID: c, phone: null }, 12, 'visit')
  send(synced)
  tick(2_000)
  aiqAdjustments.push({ id: synced, contactID: c, value: 12, note: tagNote!(synced, 'visit'), ts: Math.floor(now / 1000) })
  outbox.markSynced!(synced, 'sent')
  awards.synced!.state = 'synced'
  // sent, AIQ applied it, the answer was lost, the app stopped: AIQ has it; it must be found, not sent again
  const lost = add('answerLost', { contactID: a, phone: null }, 30, 'visit')
  send(lost)
  tick(1_000)
  aiqAdjustments.push({ id: lost, contactID: a, value: 30, note: tagNote!(lost, 'visit'), ts: Math.floor(now / 1000) })
  awards.answerLost!.state = 'sending'
  // sent, the PUT never reached AIQ, the app stopped: AIQ does not have it; it goes once
  const neverArrived = add('neverArrived', { contactID: b, phone: null }, 35, 'visit')
  send(neverArrived)
  awards.neverArrived!.state = 'sending'
  // refused by AIQ: parked as failed until a manager retries
  const failed = add('failed', { contactID: c, phone: null }, 20, 'visit')
  send(failed)
  tick(500)
  outbox.markFailed!(failed, 'AIQ said: Internal error, try later')
  awards.failed!.state = 'failed'

  const redemptions: Record<string, { id: string; state: string; posTransactionId: string; inAiq: boolean }> = {}
  const aiqRedemptions: { contactID: string; discountID: string; posDiscountID: string; name: string; pointsDeduction: number; transactionID: string; ts: number }[] = []
  if (existsSync(redemptionsModule)) {
    const { createRedemptionStore } = (await import(redemptionsModule)) as Loose
    const store = createRedemptionStore!(db, clock, () => cfg.account)
    const begin = (key: string, contactID: string, tx: string) => {
      tick()
      const r = store.begin!({
        contactID, customerName: `Fixture ${key}`, rewardId: cfg.reward.id, rewardName: cfg.reward.name, posDiscountID: cfg.reward.posDiscountID,
        points: cfg.reward.points, redemptionURL: `http://127.0.0.1:9/api/v1.1/discount/redeem/fixture/${cfg.reward.id}/${key}`, posTransactionId: tx, budtender: 'Sam',
      }).entry
      redemptions[key] = { id: r.id, state: 'sending', posTransactionId: tx, inAiq: false }
      return r.id as string
    }
    // its PUT landed but the answer was lost: in doubt, and AIQ has it
    const landed = begin('inDoubtLanded', a, 'POS-FX-1')
    tick(1_000)
    aiqRedemptions.push({ contactID: a, discountID: cfg.reward.id, posDiscountID: cfg.reward.posDiscountID, name: cfg.reward.name, pointsDeduction: cfg.reward.points, transactionID: 'POS-FX-1', ts: Math.floor(now / 1000) })
    store.markInDoubt!(landed, 'No answer from AIQ.', now + 30_000)
    redemptions.inDoubtLanded = { ...redemptions.inDoubtLanded!, state: 'in_doubt', inAiq: true }
    // the app stopped while sending; AIQ never got it: it stays in doubt and is never sent on its own
    begin('stoppedWhileSending', b, 'POS-FX-2')
  }
  const userVersion = Number(db.pragma('user_version', { simple: true }))
  db.close()
  writeFileSync(
    join(cfg.out, 'expected.json'),
    `${JSON.stringify({ version: cfg.version, commit: cfg.commit, userVersion, account: cfg.account, awards, redemptions, aiq: { adjustments: aiqAdjustments, redemptions: aiqRedemptions } }, null, 2)}\n`,
  )
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})

// Upgrades never lose the queue: a counter.db written by each landed version (test/fixtures/db/<version>/, built from
// the project's own history by scripts/db-fixtures/build.ts with that version's store code) opens in today's app,
// migrates, and drains exactly once against the sandbox, which first gets what AIQ already held (expected.json): the
// award whose answer was lost and the redemption that landed must be found, not sent again.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '../../../electron/sandbox'
import { migrations } from '../../../electron/store/migrations'
import { NEEDS_CHECK } from '../../../shared/queue-words'
import { eventually, startHarness, type Harness } from '../../support/counter'
import { ledgerCounts } from '../../support/outbox-rig'

interface Expected {
  version: string
  userVersion: number
  account: string
  awards: Record<string, { id: string; state: string; value: number }>
  redemptions: Record<string, { id: string; state: string; posTransactionId: string; inAiq: boolean }>
  aiq: {
    adjustments: { id: string; contactID: string; value: number; note: string; ts: number }[]
    redemptions: { contactID: string; discountID: string; posDiscountID: string; name: string; pointsDeduction: number; transactionID: string; ts: number }[]
  }
}

const fixtures = resolve(__dirname, '../../fixtures/db')
const versions = readdirSync(fixtures).sort()
const expected = (v: string) => JSON.parse(readFileSync(join(fixtures, v, 'expected.json'), 'utf8')) as Expected

it('there is a fixture for the first landing and each later one, none newer than today’s schema', () => {
  const landings = (JSON.parse(readFileSync(resolve(__dirname, '../../../scripts/db-fixtures/landings.json'), 'utf8')) as { landings: { version: string }[] }).landings
  expect(versions).toEqual(landings.map((l) => l.version))
  // today's work may add migrations the last landing did not have yet; the next landing's fixture will hold them
  expect(expected(versions.at(-1)!).userVersion).toBeLessThanOrEqual(migrations.length)
  expect(expected(versions[0]!).userVersion).toBeLessThan(migrations.length)
})

describe.each(versions)('a counter.db written by %s', (version) => {
  let harness: Harness | undefined
  let sandbox: Sandbox | undefined
  const dirs: string[] = []
  afterEach(async () => {
    await harness?.close()
    await sandbox?.close()
    harness = sandbox = undefined
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })

  it.each([true, false])('opens, migrates and drains exactly once (AIQ rows with notes: %s)', async (notes) => {
    const fx = expected(version)
    sandbox = await startSandbox({ port: 0, quirks: { adjustmentNotes: notes } })
    // what AIQ already held when the old version stopped
    for (const a of fx.aiq.adjustments) {
      sandbox.data.adjustPoints(a.contactID, a.value, a.note, a.ts)
      sandbox.ledger.push({ contactID: a.contactID, value: a.value, note: a.note, ts: a.ts, uid: sandbox.uid })
    }
    fx.aiq.redemptions.forEach((r, i) => sandbox!.data.redemptions.list.push({ ...r, id: `rd-fixture-${i}`, token: `fixture${i}` }))
    const held = sandbox.ledger.length
    const dataDir = mkdtempSync(join(tmpdir(), `aiqc-upgrade-${version}-`))
    dirs.push(dataDir)
    copyFileSync(join(fixtures, version, 'counter.db'), join(dataDir, 'counter.db'))
    expect(fx.account).toBe(`training:${sandbox.uid}`)

    harness = await startHarness({ sandbox, dataDir, syncSettleMs: 300, redeemSettleMs: 300 })
    const api = harness.services.api
    await eventually(async () => {
      const o = (await api.getStatus({})).outbox
      return o.pending === 0 && o.sending === 0
    }, 15_000)
    // the manager retries the award AIQ refused: it goes once
    await api.retryOutboxEntry({ id: fx.awards.failed!.id })
    await eventually(async () => {
      const o = (await api.getStatus({})).outbox
      return o.pending === 0 && o.sending === 0 && o.failed <= (notes ? 0 : 1)
    }, 15_000)
    await harness.close()
    harness = undefined

    const db = new Database(join(dataDir, 'counter.db'), { readonly: true })
    const rows = new Map(db.prepare<[], { id: string; state: string; last_error: string | null }>('SELECT id, state, last_error FROM outbox').all().map((r) => [r.id, r]))
    const redemptions = new Map(db.prepare<[], { id: string; state: string; how: string | null }>('SELECT id, state, how FROM redemptions').all().map((r) => [r.id, r]))
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    db.close()

    const seen = ledgerCounts(sandbox)
    const ids = Object.values(fx.awards).map((a) => a.id)
    // without notes, an award the app cannot place for sure is parked for a person: kept, neither lost nor doubled
    const parked = ids.filter((id) => rows.get(id)?.state === 'failed' && rows.get(id)?.last_error?.startsWith(NEEDS_CHECK))
    const lost = ids.filter((id) => !seen.has(id) && !parked.includes(id))
    const doubled = [...seen].filter(([, n]) => n > 1).map(([id]) => id)
    const notSynced = ids.filter((id) => rows.get(id)?.state !== 'synced' && !parked.includes(id))
    expect({ lost, doubled, notSynced, unknownInAiq: [...seen.keys()].filter((id) => !ids.includes(id)) }).toEqual({ lost: [], doubled: [], notSynced: [], unknownInAiq: [] })
    if (notes) expect(parked).toEqual([])
    // what AIQ held was never sent again: one new PUT per award that was not in AIQ
    expect(sandbox.ledger.length - held).toBe(ids.length - fx.aiq.adjustments.length)
    expect(seen.get(fx.awards.answerLost!.id)).toBe(1)

    for (const r of Object.values(fx.redemptions)) {
      const inAiq = sandbox.data.redemptions.list.filter((x) => x.transactionID === r.posTransactionId)
      expect(inAiq).toHaveLength(r.inAiq ? 1 : 0) // nothing redeemed twice, nothing sent on its own
      expect(redemptions.get(r.id)).toMatchObject(r.inAiq ? { state: 'redeemed', how: 'found_in_aiq' } : { state: 'in_doubt' })
    }
  }, 40_000)
})

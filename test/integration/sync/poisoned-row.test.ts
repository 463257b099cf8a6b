// No head-of-line blocking: one award whose answers AIQ keeps garbling sits among 200 healthy ones. The healthy ones
// sync in about the time they take alone (within 1.5×, compared in the same run, best of two), and the poisoned one
// is parked with a message a manager can act on.
import { afterEach, describe, expect, it } from 'vitest'
import { PERSONAS, PROFILES, type SandboxProfile } from '../../../electron/sandbox'
import { maxUnreadable } from '../../../electron/sync/reconcile'
import { drained, rig, until, type Rig } from '../../support/outbox-rig'

const HEALTHY = 200
let r: Rig | undefined
afterEach(async () => {
  await r?.close()
  r = undefined
})

async function drainMs(profile: SandboxProfile, poisoned: boolean): Promise<{ ms: number; poisonedId: string | null }> {
  r = await rig({}, { profile })
  let poisonedId: string | null = null
  if (poisoned) {
    // every PUT for this one customer gets a garbled 200: AIQ may or may not have applied it
    const path = new RegExp(`/adjust/loyaltyPoints/\\d+/${PERSONAS.optedOut.contactID}$`)
    r.sandbox.faults.set({ kind: 'malformed', match: { method: 'PUT', path } })
    poisonedId = r.award({ contactID: PERSONAS.optedOut.contactID, customerName: 'Devon Carter', value: 5 })
  }
  const ids = Array.from({ length: HEALTHY }, () => r!.award())
  const start = performance.now()
  r.engine.start()
  await until('healthy awards synced', () => ids.every((id) => r!.outbox.get(id)!.state === 'synced'), 60_000)
  const ms = performance.now() - start
  if (poisonedId) {
    await until('poisoned award parked', () => r!.outbox.get(poisonedId!)!.state === 'failed', 30_000)
    expect(drained(r.outbox)()).toBe(true)
  }
  const out = { ms, poisonedId }
  if (poisonedId) {
    const row = r.outbox.get(poisonedId)!
    expect(row.lastError).toMatch(new RegExp(`could not be read ${maxUnreadable} times`))
    expect(row.lastError).toMatch(/Devon Carter's points history/)
    expect(r.sandbox.ledger.filter((e) => e.contactID === PERSONAS.optedOut.contactID)).toEqual([])
  }
  await r.close()
  r = undefined
  return out
}

describe.each(PROFILES)('one poisoned award among %i healthy ones (%s profile)'.replace('%i', String(HEALTHY)), (profile) => {
  it('the healthy ones sync in the time they take alone (within 1.5×); the poisoned one is parked', async () => {
    const alone: number[] = []
    const withPoison: number[] = []
    for (let i = 0; i < 2; i++) {
      alone.push((await drainMs(profile, false)).ms)
      withPoison.push((await drainMs(profile, true)).ms)
    }
    const ratio = Math.min(...withPoison) / Math.min(...alone)
    console.log(`poisoned row (${profile}): alone ${alone.map(Math.round).join('/')} ms, with poison ${withPoison.map(Math.round).join('/')} ms, ratio ${ratio.toFixed(2)}`)
    expect(ratio).toBeLessThanOrEqual(1.5)
  }, 240_000)
})

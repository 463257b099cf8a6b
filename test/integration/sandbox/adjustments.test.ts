// GET /api/v1.1/adjustments/{uid}/{start}/{end}: rows keyed cntID in the wild profile, contactID in the documented
// one, and the adjustmentNotes switch (both profiles) that leaves the note out of the rows but not of the ledger.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PERSONAS, PROFILES, startSandbox, type Sandbox, type SandboxProfile } from '../../../electron/sandbox'
import { call, get } from '../../support/http'

const m = PERSONAS.member
const T0 = 1_800_000_000
let sb: Sandbox
let nowMs = T0 * 1000
const start = async (profile: SandboxProfile, quirks?: { adjustmentNotes?: boolean }): Promise<void> => {
  nowMs = T0 * 1000
  sb = await startSandbox({ profile, personas: 30, clock: { now: () => nowMs }, quirks })
}
afterEach(() => sb.close())

const adjust = (contactID: string, value: number, note: string) =>
  call(sb, 'PUT', `/api/v1.1/adjust/loyaltyPoints/${sb.uid}/${contactID}`, { body: { value, note } })
const rows = async (): Promise<Array<Record<string, unknown>>> => (await get(sb, `/api/v1.1/adjustments/${sb.uid}/${T0}/${T0 + 3600}`)).body.data ?? []

describe('wild profile: rows keyed cntID', () => {
  beforeEach(() => start('wild'))

  it('each row is {cntID, value, note, ts, mobilePhone, email, firstName, lastName} and has no contactID', async () => {
    await adjust(m.contactID, 25, 'Counter award [idem:01ABC]')
    const r = await get(sb, `/api/v1.1/adjustments/${sb.uid}/${T0}/${T0}`)
    expect(r.body).toEqual({
      data: [{ cntID: m.contactID, value: 25, note: 'Counter award [idem:01ABC]', ts: T0, mobilePhone: m.phone, email: m.email, firstName: 'Maya', lastName: 'Lopez' }],
      code: 200,
      success: true,
    })
    expect(Object.keys(r.body.data[0])).toEqual(['cntID', 'value', 'note', 'ts', 'mobilePhone', 'email', 'firstName', 'lastName'])
  })

  it('the ledger keeps contactID', async () => {
    await adjust(m.contactID, 5, 'x')
    expect(sb.ledger).toEqual([{ contactID: m.contactID, value: 5, note: 'x', ts: T0, uid: sb.uid }])
  })
})

describe('documented profile: rows keyed contactID', () => {
  beforeEach(() => start('documented'))

  it('each row is {contactID, value, note, ts, ...} and has no cntID', async () => {
    await adjust(m.contactID, 25, 'note')
    const [row] = await rows()
    expect(Object.keys(row!)).toEqual(['contactID', 'value', 'note', 'ts', 'mobilePhone', 'email', 'firstName', 'lastName'])
    expect(row!.contactID).toBe(m.contactID)
  })
})

describe.each(PROFILES)('%s profile: quirks.adjustmentNotes', (profile) => {
  const idKey = profile === 'wild' ? 'cntID' : 'contactID'

  it('is on by default: rows carry the note', async () => {
    await start(profile)
    expect(sb.quirks.adjustmentNotes).toBe(true)
    await adjust(m.contactID, 10, 'Counter award [idem:A]')
    expect((await rows())[0]).toMatchObject({ [idKey]: m.contactID, value: 10, note: 'Counter award [idem:A]' })
  })

  it('off: rows carry no note key at all; the ledger still has every note; on again: notes are back', async () => {
    await start(profile)
    await adjust(m.contactID, 10, 'Counter award [idem:A]')
    nowMs += 1000
    await adjust(PERSONAS.pending.contactID, 20, 'Counter award [idem:B]')
    nowMs += 1000
    await adjust(m.contactID, -10, 'Reversal [idem:A]')
    sb.quirks.adjustmentNotes = false
    const bare = await rows()
    expect(bare).toHaveLength(3)
    for (const row of bare) {
      expect(row).not.toHaveProperty('note')
      expect(Object.keys(row)).toEqual([idKey, 'value', 'ts', 'mobilePhone', 'email', 'firstName', 'lastName'])
    }
    expect(bare.map((r) => [r[idKey], r.value, r.ts])).toEqual([
      [m.contactID, 10, T0],
      [PERSONAS.pending.contactID, 20, T0 + 1],
      [m.contactID, -10, T0 + 2],
    ])
    // tests count by tag in the ledger, whatever the rows show
    expect(sb.ledger.map((e) => e.note)).toEqual(['Counter award [idem:A]', 'Counter award [idem:B]', 'Reversal [idem:A]'])
    expect(sb.ledger.filter((e) => e.note.includes('[idem:A]'))).toHaveLength(2)
    // the timeline is not affected
    const events = (await get(sb, `/api/v1.1/contact/loyaltyPoints/timeline/${sb.uid}/${m.contactID}?start=${T0}`)).body.data.events
    expect(events.map((e: { note: string }) => e.note)).toEqual(['Counter award [idem:A]', 'Reversal [idem:A]'])
    sb.quirks.adjustmentNotes = true
    expect((await rows()).map((r) => r.note)).toEqual(['Counter award [idem:A]', 'Counter award [idem:B]', 'Reversal [idem:A]'])
  })

  it('can start off', async () => {
    await start(profile, { adjustmentNotes: false })
    await adjust(m.contactID, 1, 'hidden')
    expect((await rows())[0]).not.toHaveProperty('note')
    expect(sb.ledger[0]!.note).toBe('hidden')
  })

  it('an adjustment dropped after it applied (applyThenDrop) shows without its note when notes are off', async () => {
    await start(profile)
    sb.quirks.adjustmentNotes = false
    sb.faults.set({ kind: 'applyThenDrop', match: { method: 'PUT', path: /adjust\/loyaltyPoints/ }, times: 1 })
    await expect(adjust(m.contactID, 30, '[idem:X1]')).rejects.toThrow(/fetch failed/)
    expect(await rows()).toMatchObject([{ [idKey]: m.contactID, value: 30, ts: T0 }])
    expect((await rows())[0]).not.toHaveProperty('note')
    expect(sb.ledger).toMatchObject([{ contactID: m.contactID, value: 30, note: '[idem:X1]' }])
  })
})

// One odd field from AIQ never rejects a whole screen or report: odd answers go through the real client and the real
// services, and what comes out passes the IPC contract's own output check (the one dispatch applies).
import { afterEach, describe, expect, it } from 'vitest'
import { methods, type MethodName } from '../../../../shared/contract'
import { systemClock } from '../../../../electron/clock'
import { createCustomerService } from '../../../../electron/services/customers'
import { createPointsService } from '../../../../electron/services/points'
import { createStaffService } from '../../../../electron/services/staff'
import { createSettings } from '../../../../electron/store/settings'
import { createStaffStore } from '../../../../electron/store/staff'
import { openDatabase } from '../../../../electron/store/db'
import { createOutbox } from '../../../../electron/store/outbox'
import { tempDir } from '../../../support/temp-db'
import { fakeAiq, ok } from '../../../support/fake-fetch'

const tmp = tempDir('aiqc-contract-safe-')
afterEach(() => tmp.cleanup())

/** answers keyed by a path fragment */
function odd(answers: Record<string, unknown>) {
  const { client } = fakeAiq((req) => {
    const path = new URL(req.url).pathname
    const hit = Object.entries(answers).find(([frag]) => path.includes(frag))
    return ok(hit ? hit[1] : null)
  })
  const db = openDatabase(tmp.file('c.db'))
  const outbox = createOutbox(db, systemClock)
  const staff = createStaffService({ store: createStaffStore(db), settings: createSettings(db), clock: systemClock, mode: () => 'training', savedKey: async () => null, onChange: () => {} })
  staff.stop()
  const customers = createCustomerService({ client: () => client, outbox, directory: () => null, clock: systemClock, staff: { approve: async () => null }, onReachable: () => {}, onUnreachable: () => {} })
  const points = createPointsService({ time: { clock: systemClock, offsetMs: () => null }, counterName: () => 'Counter 1', outbox, client: () => client, kick: () => {}, staff: staff.guard })
  return { customers, points }
}
const passes = <M extends MethodName>(m: M, value: unknown) => expect(methods[m].output.safeParse(value).error).toBeUndefined()

const weirdPerson = {
  contactId: 'c1',
  firstName: 7,
  mobilePhone: '+1 (303) 555-0100',
  loyaltyPoints: '12.5',
  favoriteStoreID: '3.7',
  optinTime: 1_700_000_000_000,
  emailOptInTime: -4,
  nested: { a: 1 },
}

describe('odd answers still fit the contract', () => {
  it('the shift report with fractional, negative, millisecond and missing times, and string values', async () => {
    const rows = [
      { cntID: 'a', value: 5, note: 'x', ts: 1_700_000_000.6 },
      { cntID: 'b', value: '3', ts: -20 },
      { contactID: 'c', value: -2, ts: 1_700_000_000_123 },
      { contactId: 'd', value: 1 },
      { value: 9, ts: 1 }, // no contact: skipped, not fatal
    ]
    const { points } = odd({ '/adjustments/': rows })
    const report = await points.shiftReport({ from: 1_699_999_000_000, to: 1_700_001_000_000 })
    passes('shiftReport', report)
    expect(report.aiq.available).toBe(true)
    expect(report.aiq.adjustments.map((a) => a.contactID).sort()).toEqual(['a', 'b', 'c', 'd'])
  })

  it('check-in with a persona in odd types; the profile panels with odd items', async () => {
    const { customers } = odd({
      '/lookup/': { loyalty: 'true', optedIn: 0 },
      '/piis/4242/c1': weirdPerson,
      '/piis/': { results: [weirdPerson], total: '1' },
      '/orders/': [{ name: 'Gummies', totalPrice: '12.50', timestamp: '1700000000000' }, { name: 'no time' }],
      '/timeline/': { events: [{ ts: 1_700_000_000.2, value: '5' }, { value: 1 }] },
      '/recommendations/': ['Blue Dream', { title: 'Gummies', score: 'high' }, 42],
      '/traits/': { tier: 'gold', long: 'x'.repeat(5000), flag: true },
      '/override/': { nickname: 'Mo', extra: { deep: 1 } },
    })
    const checkIn = await customers.checkIn({ input: '3035550100' })
    passes('checkIn', checkIn)
    expect(checkIn).toMatchObject({ kind: 'customer', customer: { contactID: 'c1', phone: '3035550100', points: 12.5, favoriteStoreID: 4, firstName: '7' } })
    passes('getVisits', await customers.getVisits({ contactID: 'c1' }))
    passes('getTimeline', await customers.getTimeline({ contactID: 'c1' }))
    passes('getRecommendations', await customers.getRecommendations({ contactID: 'c1' }))
    passes('getTraits', await customers.getTraits({ contactID: 'c1' }))
    passes('getOverrides', await customers.getOverrides({ contactID: 'c1' }))
  })

  it('rewards with ids as numbers, expirations in milliseconds and points as strings; stores with string ids', async () => {
    const { customers } = odd({
      '/wallet': { loyaltyPoints: '40', discountTemplates: [{ id: 7, name: 'Pre-roll', pointsDeduction: '30', expiration: 1_800_000_000_000 }, { name: 'no id' }] },
      '/stores/': { stores: [{ id: '2', name: 'Main' }, { name: 'no id' }] },
    })
    const rewards = await customers.getRewards({ phone: '3035550100' })
    passes('getRewards', rewards)
    expect(rewards.rewards).toEqual([expect.objectContaining({ id: '7', pointsDeduction: 30, unlocked: true, expiration: 1_800_000_000_000 })])
    passes('listStores', await customers.listStores())
  })
})

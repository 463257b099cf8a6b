// Two customers whose balances AIQ keeps as they are (electron/aiq/README.md §points): fractional points (the
// account's "round points" off) and a balance below zero (points expired, then a block adjustment). Not seeded unless
// asked (startSandbox({ oddBalances: true }) or addOddBalances(data)), so every other persona and its numbers stay
// the same.
import type { SandboxData, SandboxPersona } from './data'
import { hash32, rng } from './prng'

const DAY = 86_400

type Event = { daysAgo: number; type: string; value: number; note: string }
export type OddBalance = {
  readonly contactID: string
  readonly firstName: string
  readonly lastName: string
  /** never generated: 303-555-02xx lies outside every range the generator uses */
  readonly phone: string
  readonly email: string
  readonly loyaltyPoints: number
  readonly events: readonly Event[]
}

const id = (key: string) => rng(hash32(`odd:${key}`)).hex(32)

// values in quarters and eighths: the timeline's running balance adds up exactly in binary floating point too
export const ODD_BALANCES = {
  /** AIQ's "round points" off: 1,234.75 points, earned in fractions */
  fractional: {
    contactID: id('fractional'), firstName: 'Casey', lastName: 'Nguyen', phone: '3035550200', email: 'casey.nguyen@example.com', loyaltyPoints: 1234.75,
    events: [
      { daysAgo: 90, type: 'earn', value: 512.25, note: 'Purchase at Colfax' },
      { daysAgo: 60, type: 'earn', value: 380.5, note: 'Purchase at Colfax' },
      { daysAgo: 45, type: 'redeem', value: -100, note: 'Redeemed: $5 off' },
      { daysAgo: 20, type: 'earn', value: 441.875, note: 'Purchase at Boulder' },
      { daysAgo: 19, type: 'bonus', value: 0.125, note: 'Audience multiplier' },
    ],
  },
  /** below zero: points expired, then a block adjustment took 12.5 more */
  belowZero: {
    contactID: id('belowZero'), firstName: 'Jesse', lastName: 'Park', phone: '3035550201', email: 'jesse.park@example.com', loyaltyPoints: -12.5,
    events: [
      { daysAgo: 400, type: 'earn', value: 120.5, note: 'Purchase at Springs' },
      { daysAgo: 380, type: 'redeem', value: -100, note: 'Redeemed: $5 off' },
      { daysAgo: 15, type: 'expire', value: -20.5, note: 'Points expired' },
      { daysAgo: 3, type: 'adjust', value: -12.5, note: 'Block adjustment' },
    ],
  },
} as const satisfies Record<string, OddBalance>

/** Adds both customers, with timelines that end at their balances. */
export function addOddBalances(data: SandboxData): SandboxPersona[] {
  return Object.values(ODD_BALANCES).map((o) => {
    const inserted = data.anchorSec - 500 * DAY
    const p = data.add({
      contactID: o.contactID, firstName: o.firstName, lastName: o.lastName, mobilePhone: o.phone, email: o.email, platform: 'cova',
      loyalty: true, loyaltySignupTS: inserted + DAY, inserted, optinTime: inserted + DAY, favoriteStoreID: 101, loyaltyPoints: 0,
    })
    for (const e of o.events) data.addPointsEvent(p.contactID, { ts: data.anchorSec - e.daysAgo * DAY, type: e.type, value: e.value, note: e.note })
    return p
  })
}

import { describe, expect, it } from 'vitest'
import { groupIntoVisits, smsConsentOf, toCustomer } from '../../../../electron/aiq/customer'

describe('smsConsentOf', () => {
  it('no flags → none', () => expect(smsConsentOf({})).toBe('none'))
  it('opted in', () => expect(smsConsentOf({ optinTime: 100 })).toBe('opted_in'))
  it('an opt-out after the opt-in wins', () => expect(smsConsentOf({ optinTime: 100, optoutTime: 200 })).toBe('opted_out'))
  it('a re-opt-in after an old opt-out counts', () => expect(smsConsentOf({ optinTime: 300, optoutTime: 200 })).toBe('opted_in'))
  it('a pending double opt-in request', () => expect(smsConsentOf({ hasRequested: true, optreqTime: 50 })).toBe('pending'))
  it('opted out stays opted out even with a pending request', () => expect(smsConsentOf({ hasRequested: true, optoutTime: 10 })).toBe('opted_out'))
})

describe('toCustomer', () => {
  it('maps AIQ fields and tolerates missing ones', () => {
    const c = toCustomer({ contactID: 'abc', mobilePhone: '+1 (303) 555-0100', loyalty: true, loyaltyPoints: 120, emailOptInTime: 5 }, 30)
    expect(c).toMatchObject({ contactID: 'abc', firstName: '', phone: '3035550100', member: true, points: 120, pendingPoints: 30, emailOptIn: true, sms: 'none', email: null })
  })
  it('a persona without the loyalty flag is not a member', () => {
    expect(toCustomer({ contactID: 'x' }, 0).member).toBe(false)
  })
})

describe('groupIntoVisits', () => {
  it('groups line items by timestamp, newest first, with totals', () => {
    const visits = groupIntoVisits([
      { name: 'Blue Dream 3.5g', brand: 'A', quantity: 1, totalPrice: 35.5, timestamp: 100, storeName: 'Main St' },
      { name: 'Gummies', brand: 'B', quantity: 2, totalPrice: 20.25, timestamp: 100, storeName: 'Main St' },
      { name: 'Pre-roll', brand: null, quantity: 1, totalPrice: 8, timestamp: 200, storeName: null },
    ])
    expect(visits.map((v) => [v.at, v.items.length, v.total])).toEqual([
      [200_000, 1, 8],
      [100_000, 2, 55.75],
    ])
  })
  it('no orders → no visits', () => expect(groupIntoVisits([])).toEqual([]))
})

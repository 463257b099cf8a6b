import { describe, expect, it } from 'vitest'
import { customerDisplay, placeCustomerWindow } from '../../../electron/customer-placement'

const d = (id: number, x = (id - 1) * 1920) => ({ id, bounds: { x, y: 0, width: 1920, height: 1080 } })

describe('where the customer window goes', () => {
  it('on the first display that is not the primary, never on the counter’s', () => {
    expect(customerDisplay([d(1)], 1)).toBeNull()
    expect(customerDisplay([d(1), d(2)], 1)?.id).toBe(2)
    expect(customerDisplay([d(2), d(1)], 2)?.id).toBe(1)
  })
  it('opens when a second display is plugged in, closes when the last one is unplugged', () => {
    expect(placeCustomerWindow([d(1)], 1, null)).toEqual({ action: 'none' })
    expect(placeCustomerWindow([d(1), d(2)], 1, null)).toEqual({ action: 'open', display: d(2) })
    expect(placeCustomerWindow([d(1)], 1, 2)).toEqual({ action: 'close' })
  })
  it('moves when its display goes and another is left, or when it sits on the primary; stays otherwise', () => {
    expect(placeCustomerWindow([d(1), d(3)], 1, 2)).toEqual({ action: 'move', display: d(3) })
    expect(placeCustomerWindow([d(1), d(2)], 1, 1)).toEqual({ action: 'move', display: d(2) })
    expect(placeCustomerWindow([d(1), d(2), d(3)], 1, 3)).toEqual({ action: 'none' })
  })
})

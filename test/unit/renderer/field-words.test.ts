import { describe, expect, it } from 'vitest'
import { fieldLabel } from '../../../renderer/src/state/field-words'

describe('a customer’s saved details in the budtender’s words', () => {
  it('names AIQ’s known keys, and splits the others into words', () => {
    expect(fieldLabel('favoriteCategory')).toBe('Favourite category')
    expect(fieldLabel('firstName')).toBe('First name')
    expect(fieldLabel('preferred_strain')).toBe('Preferred strain')
    expect(fieldLabel('loyaltyTierID')).toBe('Loyalty tier ID')
    expect(fieldLabel('pet')).toBe('Pet')
    expect(fieldLabel('__')).toBe('__')
  })
})

import { describe, expect, it } from 'vitest'
import { birthdayProblem } from '../../../renderer/src/state/signup-view'

describe('birthdayProblem', () => {
  const today = new Date(2026, 11, 6)
  it('takes no date, and an adult’s', () => {
    expect(birthdayProblem('', today)).toBeNull()
    expect(birthdayProblem('1990-04-12', today)).toBeNull()
    expect(birthdayProblem('2008-12-06', today)).toBeNull() // 18 today
  })
  it('refuses the future, the under-18, the impossible and the implausible', () => {
    expect(birthdayProblem('2027-01-01', today)).toMatch(/future/)
    expect(birthdayProblem('2008-12-07', today)).toMatch(/makes them 17/)
    expect(birthdayProblem('1990-02-30', today)).toMatch(/not a real date/)
    expect(birthdayProblem('1890-01-01', today)).toMatch(/120 years/)
    expect(birthdayProblem('12/04/1990', today)).toMatch(/month, day and year/)
  })
})

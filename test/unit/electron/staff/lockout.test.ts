// Issue 18, item 9: wrong PINs lock for longer each time, and the last lock waits for a manager.
import { describe, expect, it } from 'vitest'
import { afterRightPin, afterWrongPin, heldForManager, LOCKOUT, lockedFor, unlocked, wrongPinMessage, type LockPolicy, type PinLock } from '../../../../electron/staff/lockout'

const MIN = 60_000
/** `times` wrong tries at `now`, as the service counts them */
const wrong = (l: PinLock, times: number, now: number, policy: LockPolicy = LOCKOUT) =>
  Array.from({ length: times }).reduce<PinLock>((x) => afterWrongPin(x, now, policy), l)

describe('five wrong tries lock the PIN, longer each time', () => {
  it('four wrong tries: still open, one try left', () => {
    const l = wrong(unlocked, 4, 0)
    expect(lockedFor(l, 0)).toBe(0)
    expect(wrongPinMessage(l, 0)).toBe('Wrong PIN. 1 try left before it locks for 5 min.')
  })
  it('5 minutes, then 15, then 1 hour, then until a manager unlocks it', () => {
    let now = 1_000
    let l = wrong(unlocked, 5, now)
    expect(lockedFor(l, now)).toBe(5 * MIN)
    expect(wrongPinMessage(l, now)).toBe('Too many wrong PINs: this PIN is locked for 5 min.')
    expect(afterWrongPin(l, now + 1)).toEqual(l) // tries while locked neither count nor extend it

    now += 5 * MIN
    expect(lockedFor(l, now)).toBe(0)
    expect(wrongPinMessage(l, now)).toBe('Wrong PIN. 5 tries left before it locks for 15 min.')
    l = wrong(l, 5, now)
    expect(lockedFor(l, now)).toBe(15 * MIN)

    now += 15 * MIN
    l = wrong(l, 5, now)
    expect(lockedFor(l, now)).toBe(60 * MIN)
    expect(wrongPinMessage(l, now)).toBe('Too many wrong PINs: this PIN is locked for 60 min.')

    now += 60 * MIN
    l = wrong(l, 4, now)
    expect(wrongPinMessage(l, now)).toBe('Wrong PIN. 1 try left before it locks until a manager unlocks it (Settings → Staff and PINs).')
    l = afterWrongPin(l, now)
    expect(heldForManager(l)).toBe(true)
    expect(lockedFor(l, now + 365 * 24 * 60 * MIN)).toBe(Infinity) // no time heals it
    expect(wrongPinMessage(l, now, 'another manager unlocks it')).toBe('Too many wrong PINs: this PIN is locked until another manager unlocks it.')
  })
  it('a right PIN (or a manager’s unlock) starts the count again from the first, short lock', () => {
    expect(afterRightPin()).toEqual(unlocked)
    expect(lockedFor(wrong(afterRightPin(), 5, 0), 0)).toBe(LOCKOUT.locksMs[0])
  })
  it('a policy that repeats its last lock never waits for a manager (the manager-PIN recovery)', () => {
    const repeat = { ...LOCKOUT, then: 'repeat' as const }
    let l = unlocked
    let now = 0
    for (let round = 0; round < 6; round++) {
      l = wrong(l, 5, now, repeat)
      now += lockedFor(l, now, repeat)
    }
    expect(heldForManager(l, repeat)).toBe(false)
    expect(l.lockedUntil).toBe(now)
    expect(now).toBe((5 + 15 + 60 * 4) * MIN)
  })
})

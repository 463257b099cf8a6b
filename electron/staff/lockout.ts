// Five wrong PINs in a row lock that PIN for a while; a right one clears the count. Pure: the store keeps the numbers.

export interface PinLock {
  /** wrong tries in a row since the last right one or the last lock */
  failures: number
  /** epoch ms until which the PIN is refused, or null */
  lockedUntil: number | null
}

export const LOCKOUT = { maxTries: 5, lockMs: 5 * 60_000 } as const

export const unlocked: PinLock = { failures: 0, lockedUntil: null }

/** ms left on the lock (0 = not locked) */
export function lockedFor(l: PinLock, now: number): number {
  return l.lockedUntil !== null && l.lockedUntil > now ? l.lockedUntil - now : 0
}

export function afterWrongPin(l: PinLock, now: number, policy = LOCKOUT): PinLock {
  if (lockedFor(l, now) > 0) return l
  const failures = l.failures + 1
  return failures >= policy.maxTries ? { failures: 0, lockedUntil: now + policy.lockMs } : { failures, lockedUntil: null }
}

export const afterRightPin = (): PinLock => unlocked

/** What the budtender reads after a wrong PIN. */
export function wrongPinMessage(l: PinLock, now: number, policy = LOCKOUT): string {
  const left = lockedFor(l, now)
  if (left > 0) return `Too many wrong PINs: this PIN is locked for ${Math.ceil(left / 60_000)} min.`
  const tries = policy.maxTries - l.failures
  return `Wrong PIN. ${tries} ${tries === 1 ? 'try' : 'tries'} left before it locks for ${policy.lockMs / 60_000} min.`
}

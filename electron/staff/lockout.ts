// Wrong PINs lock that person's PIN, each lock longer than the last: 5 wrong → 5 min, 5 more → 15 min, 5 more →
// 1 hour, 5 more → locked until a manager unlocks it. A right PIN (or a manager's unlock or reset) clears it all.
// Pure: the store keeps the numbers, one row per person.

export interface PinLock {
  /** wrong tries since the last right PIN (or unlock); every `triesPerLock`-th one locks */
  failures: number
  /** epoch ms until which the PIN is refused, or null */
  lockedUntil: number | null
}

export interface LockPolicy {
  triesPerLock: number
  /** how long each lock in turn lasts */
  locksMs: readonly number[]
  /** after the last timed lock: 'manager' = refused until a manager unlocks; 'repeat' = the last lock again */
  then: 'manager' | 'repeat'
}

export const LOCKOUT: LockPolicy = { triesPerLock: 5, locksMs: [5 * 60_000, 15 * 60_000, 60 * 60_000], then: 'manager' }

export const unlocked: PinLock = { failures: 0, lockedUntil: null }

/** Locked until a manager unlocks it: no time heals it. */
export const heldForManager = (l: PinLock, policy = LOCKOUT): boolean =>
  policy.then === 'manager' && l.failures >= policy.triesPerLock * (policy.locksMs.length + 1)

/** ms left on the lock (0 = not locked; Infinity = until a manager unlocks it) */
export function lockedFor(l: PinLock, now: number, policy = LOCKOUT): number {
  if (heldForManager(l, policy)) return Infinity
  return l.lockedUntil !== null && l.lockedUntil > now ? l.lockedUntil - now : 0
}

/** The lock the next full round of wrong tries brings: its ms, or null for "until a manager unlocks it". */
function nextLockMs(failures: number, policy: LockPolicy): number | null {
  const step = Math.floor(failures / policy.triesPerLock)
  if (step < policy.locksMs.length) return policy.locksMs[step]!
  return policy.then === 'manager' ? null : policy.locksMs[policy.locksMs.length - 1]!
}

export function afterWrongPin(l: PinLock, now: number, policy = LOCKOUT): PinLock {
  if (lockedFor(l, now, policy) > 0) return l // tries while locked neither count nor extend it
  const failures = l.failures + 1
  if (failures % policy.triesPerLock !== 0) return { failures, lockedUntil: null }
  const ms = nextLockMs(failures - 1, policy)
  return { failures, lockedUntil: ms === null ? null : now + ms }
}

export const afterRightPin = (): PinLock => unlocked

const minutes = (ms: number) => `${Math.ceil(ms / 60_000)} min`

/** What the person at the counter reads after a wrong PIN. `unlockedBy` says who can lift a lock no time heals. */
export function wrongPinMessage(l: PinLock, now: number, unlockedBy = 'a manager unlocks it (Settings → Staff and PINs)', policy = LOCKOUT): string {
  const left = lockedFor(l, now, policy)
  if (left === Infinity) return `Too many wrong PINs: this PIN is locked until ${unlockedBy}.`
  if (left > 0) return `Too many wrong PINs: this PIN is locked for ${minutes(left)}.`
  const tries = policy.triesPerLock - (l.failures % policy.triesPerLock)
  const next = nextLockMs(l.failures, policy)
  return `Wrong PIN. ${tries} ${tries === 1 ? 'try' : 'tries'} left before it locks ${next === null ? `until ${unlockedBy}` : `for ${minutes(next)}`}.`
}

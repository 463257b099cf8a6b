/** Time and randomness behind a small interface so tests can drive them. */
export interface Clock {
  now(): number // epoch ms
}
export const systemClock: Clock = { now: () => Date.now() }

// Is AIQ reachable? Learned from every call's outcome; while it is not, probe on a backoff schedule instead of
// hammering it, and say so the moment it answers again.
import type { Clock } from '../clock'
import { nextDelay, probePolicy, type BackoffPolicy } from './backoff'

export interface Connectivity {
  readonly online: boolean
  readonly lastOnlineAt: number | null
  /** when the next probe may run while offline; null while online */
  readonly nextProbeAt: number | null
  /** AIQ answered (any HTTP answer counts). Returns true when this changed `online`. */
  reachable(): boolean
  /** AIQ could not be reached (network error or timeout). Returns true when this changed `online`. */
  unreachable(): boolean
  /** let the next probe run now (a person pressed "retry now") */
  probeNow(): void
}

export function createConnectivity(clock: Clock, random: () => number, policy: BackoffPolicy = probePolicy): Connectivity {
  // unknown at start: treated as offline with a probe due at once
  let online = false
  let lastOnlineAt: number | null = null
  let failures = 0
  let nextProbeAt: number | null = clock.now()
  return {
    get online() {
      return online
    },
    get lastOnlineAt() {
      return lastOnlineAt
    },
    get nextProbeAt() {
      return nextProbeAt
    },
    reachable() {
      const changed = !online
      online = true
      failures = 0
      nextProbeAt = null
      lastOnlineAt = clock.now()
      return changed
    },
    unreachable() {
      const changed = online
      online = false
      failures += 1
      nextProbeAt = clock.now() + nextDelay(failures, policy, random)
      return changed
    },
    probeNow() {
      if (!online) nextProbeAt = clock.now()
    },
  }
}

// Proving the store owns the AIQ account, to set a lost manager PIN: the saved API key typed again, compared with the
// keychain's copy in this process (it goes nowhere). Wrong keys wait like wrong PINs (5, 15, 60 min, then 60 min
// again: with no manager left there is nobody to unlock it), and the count survives a restart.
import { z } from 'zod'
import type { Clock } from '../clock'
import { CounterError } from '../errors'
import { afterWrongPin, LOCKOUT, lockedFor, unlocked, type LockPolicy } from '../staff/lockout'
import { sameApiKey } from '../staff/recovery'
import type { Settings } from '../store/settings'

const POLICY: LockPolicy = { ...LOCKOUT, then: 'repeat' }
const LOCK_KEY = 'managerRecoveryLock:live'
const Lock = z.object({ failures: z.number().int().min(0), lockedUntil: z.number().nullable() })

export function createManagerRecovery(deps: { settings: Settings; clock: Clock }) {
  const { settings, clock } = deps
  return {
    /**
     * Refuses unless `typed` is `saved` (the keychain's copy, read before: a keychain slow to answer must not hold up
     * sign-ins). Run it one at a time with the PIN checks, so guesses sent at once each see the count.
     */
    async prove(typed: string, saved: string | null): Promise<void> {
      const now = clock.now()
      const lock = settings.get(LOCK_KEY, Lock, unlocked)
      const wait = lockedFor(lock, now, POLICY)
      if (wait > 0) throw new CounterError('pin_locked', `Too many wrong API keys: try again in ${Math.ceil(wait / 60_000)} min.`)
      if (!saved) throw new CounterError('keychain_unavailable', 'This computer’s keychain has no AIQ API key for this account to compare with. Unlock the keyring and try again.')
      if (!sameApiKey(typed, saved)) {
        settings.set(LOCK_KEY, afterWrongPin(lock, now, POLICY))
        throw new CounterError('unauthorized', 'That is not the API key saved for this AIQ account. Copy it again from AIQ (Settings → API & Tracking) and paste it.')
      }
      settings.set(LOCK_KEY, unlocked)
    },
  }
}

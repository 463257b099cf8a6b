// While Settings are unlocked, each change sent from the screen carries the manager's PIN (main checks it each time).
import type { Approval } from '../../../../shared/contract'
import type { CounterClient } from '../../api'

/** The settings calls that change something: each gets the approval. */
const GUARDED = [
  'saveAccount',
  'signOut',
  'useTrainingMode',
  'clearDirectory',
  'setDirectoryEnabled',
  'addStaff',
  'removeStaff',
  'resetStaffPin',
  'unlockStaff',
  'saveRules',
  'saveCounter',
  'saveConsentSettings',
] as const

export function withApproval(api: CounterClient, approval: Approval): CounterClient {
  const wrapped = { ...api } as Record<string, unknown>
  for (const m of GUARDED) wrapped[m] = (input: object) => (api[m] as (i: object) => Promise<unknown>)({ ...input, approval })
  return wrapped as CounterClient
}


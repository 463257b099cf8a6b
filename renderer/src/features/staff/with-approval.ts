// While Settings are unlocked, each change sent from the screen carries the unlocked screen's pass (never the PIN);
// a change that grants power (a manager, the rules, the account, the directory off) asks the manager's PIN again.
// Main checks both: the contract says which changes need the PIN itself (shared/contract/access.ts).
import type { Approval } from '../../../../shared/contract'
import { grantsPower } from '../../../../shared/contract/access'
import { CounterError, type CounterClient } from '../../api'

/** The settings calls that change something, or send a key somewhere: each gets an approval. */
const GUARDED = [
  'testConnection',
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
] as const
const power = grantsPower as Partial<Record<string, (input: never) => boolean>>

export function withApproval(api: CounterClient, pass: string, askPin: () => Promise<Approval | null>, onLocked: () => void): CounterClient {
  const wrapped = { ...api } as Record<string, unknown>
  // main asked "are you sure?" (awards still waiting): the PIN just typed goes with the answer, once, not asked twice
  let confirming: { method: string; approval: Approval } | null = null
  for (const m of GUARDED)
    wrapped[m] = async (input: object) => {
      const needsPin = power[m]?.(input as never) ?? false
      const kept = confirming?.method === m ? confirming.approval : null
      confirming = null
      const approval = needsPin ? (kept ?? (await askPin())) : { pass }
      if (!approval) throw new CounterError('needs_manager', 'Nothing was changed: this change needs the manager’s PIN.')
      try {
        return await (api[m] as (i: object) => Promise<unknown>)({ ...input, approval })
      } catch (e) {
        if (needsPin && 'pin' in approval && e instanceof CounterError && e.code === 'needs_confirmation') confirming = { method: m, approval }
        // main forgot the pass (unused too long, another unlock, a sign-out): Settings lock on screen too
        if (!needsPin && e instanceof CounterError && e.code === 'needs_manager') onLocked()
        throw e
      }
    }
  return wrapped as CounterClient
}

// While Settings are unlocked, each change sent from the screen carries the unlocked screen's pass (never the PIN);
// a change that grants power (a manager, the rules, the account, the directory off) asks the manager's PIN again.
// Main checks both: the contract says which changes need the PIN itself (shared/contract/access.ts).
import type { Approval } from '../../../shared/contract'
import { access, asks, isSettingsChange } from '../../../shared/contract/access'
import { methodNames, type MethodName } from '../../../shared/contract/names'
import { DEFAULT_RULES } from '../../../shared/staff-rules'
import { CounterError, type CounterClient } from '../api'

/** The settings calls that change something, or send a key somewhere (the contract's Settings changes): each gets an approval. */
const GUARDED = methodNames.filter((m) => isSettingsChange(access[m]))
/** the change grants power: the contract asks the PIN itself, not the screen's pass (the screen is unlocked: not a first run) */
const needsPinAgain = (m: (typeof GUARDED)[number], input: object) =>
  asks(access[m], input, { rules: () => DEFAULT_RULES, firstRun: () => false, managerHere: () => false })?.pinAgain ?? false

export function withApproval(api: CounterClient, pass: string, askPin: (method: MethodName, input: object) => Promise<Approval | null>, onLocked: () => void): CounterClient {
  const wrapped = { ...api } as Record<string, unknown>
  // main asked "are you sure?" (awards still waiting): the PIN just typed goes with the answer, once, not asked twice
  let confirming: { method: string; approval: Approval } | null = null
  for (const m of GUARDED)
    wrapped[m] = async (input: object) => {
      const needsPin = needsPinAgain(m, input)
      const kept = confirming?.method === m ? confirming.approval : null
      confirming = null
      const approval = needsPin ? (kept ?? (await askPin(m, input))) : { pass }
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

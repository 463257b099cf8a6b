// The contract's "who may call it" (shared/contract/access.ts), enforced before any service runs: dispatch asks here
// for every call, from Electron and from browser mode alike. What a rule asks is decided by the contract's `asks`,
// the same function the renderer reads before it shows a PIN box.
import type { Approval, SettingsApproval } from '../../shared/contract'
import { asks, type Access } from '../../shared/contract/access'
import type { StaffGuard } from './staff'

export interface AccessGate {
  /** resolves when the caller may run the method with these (already validated) args; else throws a CounterError */
  check(rule: Access, args: unknown): Promise<void>
  /** a rule the service applies (byService), asked with the facts the service read (e.g. a reward's cost in AIQ) */
  checkRead(rule: Access, facts: unknown, approval: Approval | undefined): Promise<void>
}

export function createAccessGate(guard: StaffGuard): AccessGate {
  async function approve(rule: Access, input: unknown, approval: Approval | SettingsApproval | undefined) {
    const needed = asks(rule, input, { rules: guard.rules, firstRun: guard.firstRun, managerHere: () => !approval && guard.signedInManager() !== null })
    if (needed) await guard.approve(needed.action, approval, { pinAgain: needed.pinAgain })
  }
  return {
    async check(rule, args) {
      const approval = (args as { approval?: Approval | SettingsApproval } | null)?.approval
      if (rule.who === 'signed_in') {
        guard.actor()
        if (rule.byService) return // the service asks, once it has read what the action costs
      }
      await approve(rule, args, approval)
    },
    checkRead: (rule, facts, approval) => approve(rule, facts, approval),
  }
}

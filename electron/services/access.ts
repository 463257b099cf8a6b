// The contract's "who may call it" (shared/contract/access.ts), enforced before any service runs: dispatch asks here
// for every call, from Electron and from browser mode alike.
import type { Approval, SettingsApproval } from '../../shared/contract'
import type { Access } from '../../shared/contract/access'
import type { CounterAction } from '../../shared/staff-rules'
import type { StaffGuard } from './staff'

export interface AccessGate {
  /** resolves when the caller may run the method with these (already validated) args; else throws a CounterError */
  check(rule: Access, args: unknown): Promise<void>
}

export function createAccessGate(guard: StaffGuard): AccessGate {
  return {
    async check(rule, args) {
      const approval = (args as { approval?: Approval | SettingsApproval } | null)?.approval
      switch (rule.who) {
        case 'anyone':
          return
        case 'signed_in':
          guard.actor()
          if (rule.approval) await guard.approve((rule.approval as (a: unknown) => CounterAction)(args), approval)
          return
        case 'manager':
          if (rule.firstRun && guard.firstRun()) return
          if (rule.session && !approval && guard.signedInManager()) return
          await guard.approve({ kind: 'change_settings' }, approval, { pinAgain: rule.pinAgain ? (rule.pinAgain as (a: unknown) => boolean)(args) : false })
      }
    },
  }
}

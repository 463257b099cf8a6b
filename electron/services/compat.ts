// Settings › Check AIQ compatibility: the read-only check of electron/aiq/compat.ts against the account's current
// client (live or training), one check at a time.
import { CompatReport, Phone10, type MethodArgs } from '../../shared/contract'
import { toPhone10 } from '../../shared/phone'
import { runCompatibilityCheck } from '../aiq/compat'
import type { AiqClient } from '../aiq/types'
import type { Clock } from '../clock'
import { CounterError } from '../errors'

export function createCompatService(deps: {
  client: () => AiqClient
  /** the counter is in training mode (the built-in sandbox) */
  training: () => boolean
  clock: Clock
}) {
  let running = false
  return {
    async checkCompatibility(args: MethodArgs<'checkCompatibility'>): Promise<CompatReport> {
      const phone = Phone10.safeParse(toPhone10(String(args?.phone ?? '')))
      if (!phone.success) throw new CounterError('invalid_input', "Enter the customer's 10-digit phone number, e.g. (555) 201-0001.")
      const client = deps.client()
      if (running) throw new CounterError('invalid_input', 'A compatibility check is already running. Wait for it to finish.')
      running = true
      try {
        const report = await runCompatibilityCheck(client, phone.data, { now: () => deps.clock.now(), training: deps.training() })
        return CompatReport.parse(report)
      } finally {
        running = false
      }
    },
  }
}

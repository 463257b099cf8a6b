// A whole counter for tests and benchmarks: real services over a fresh sandbox, a real SQLite file in a temp folder
// and the real keychain. Integration tests, the e2e fixture and the bench all start it the same way.
import type { Clock } from '../../electron/clock'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSandbox, type Sandbox, type SandboxProfile } from '../../electron/sandbox'
import { createServices, type Services } from '../../electron/services'
import { createCredentialStore } from '../../electron/secrets'
import { createLogger } from '../../electron/log'
import { PRACTICE_STAFF } from '../../shared/staff-rules'
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract'
import { dispatch } from '../../electron/dispatch'

export type Harness = { sandbox: Sandbox; services: Services; dataDir: string; close(): Promise<void> }

export async function startHarness(
  opts: { training?: boolean; aiqTimeoutMs?: number; /** write the app's log file in dataDir */ logs?: boolean; /** sees every request to AIQ */ fetch?: typeof fetch; syncSettleMs?: number; /** how long an unanswered redemption may still land (app default 30 s) */ redeemSettleMs?: number; /** the sandbox's (default: DEFAULT_PROFILE) */ profile?: SandboxProfile; /** an existing sandbox to use (left open at close) */ sandbox?: Sandbox; /** an existing data folder (left in place at close) */ dataDir?: string; keyRetryMs?: number; /** sign in the practice budtender Alex (default, in training mode) */ signIn?: boolean; /** this computer's clock (default: the real one) */ clock?: Clock } = {},
): Promise<Harness> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'aiqc-counter-'))
  const sandbox = opts.sandbox ?? (await startSandbox({ port: 0, ...(opts.profile ? { profile: opts.profile } : {}) }))
  const services = await createServices({
    dataDir,
    secrets: createCredentialStore(),
    startTraining: async () => ({ url: sandbox.url, uid: sandbox.uid, apiKey: sandbox.apiKey }),
    aiqTimeoutMs: opts.aiqTimeoutMs ?? 1000,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(opts.syncSettleMs ? { syncSettleMs: opts.syncSettleMs } : {}),
    ...(opts.keyRetryMs ? { keyRetryMs: opts.keyRetryMs } : {}),
    ...(opts.redeemSettleMs ? { redeemSettleMs: opts.redeemSettleMs } : {}),
    ...(opts.logs ? { log: createLogger({ dir: dataDir }) } : {}),
  })
  // a data folder already in training mode (a restarted counter) stays so: switching again would be a Settings change
  if (opts.training !== false && (await services.api.getStatus({})).mode !== 'training') await services.api.useTrainingMode({})
  if (opts.training !== false && opts.signIn !== false) await signInPractice(services)
  return {
    sandbox,
    services,
    dataDir,
    async close() {
      await services.close()
      if (!opts.sandbox) await sandbox.close()
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Training mode's practice staff sign in with the PINs the sign-in screen shows (shared/staff-rules.ts). */
export async function signInPractice(services: Services, name = 'Alex'): Promise<void> {
  const { staff } = await services.api.getStaff({})
  const who = staff.find((m) => m.name === name)
  const pin = PRACTICE_STAFF.find((p) => p.name === name)?.pin
  if (!who || !pin) throw new Error(`no practice staff member ${name}`)
  await services.api.signInBudtender({ staffId: who.id, pin })
}

/** A live account's first manager, as a store sets one up on its first live run. */
export const LIVE_MANAGER = { name: 'Rosa', pin: '4821' }

/** On a live account: the first run sets up the manager (who is then signed in); later runs sign that manager in. */
export async function signInLive(services: Services, m = LIVE_MANAGER): Promise<void> {
  const status = await services.api.getStaff({})
  if (status.needsManager) return void (await services.api.setUpManager(m))
  const who = status.staff.find((s) => s.name === m.name)
  if (!who) throw new Error(`no live staff member ${m.name}`)
  await services.api.signInBudtender({ staffId: who.id, pin: m.pin })
}

/** The practice manager's PIN, for the actions the rules give to a manager. */
export const PRACTICE_MANAGER_PIN = { pin: PRACTICE_STAFF.find((p) => p.role === 'manager')!.pin }

/** Wait (bounded) until `check` holds. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    try {
      const value = await check()
      if (value) return value
    } catch (e) {
      if (Date.now() > until) throw e
    }
    if (Date.now() > until) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** One call as the screens make it: through dispatch (the contract's checks, then the service); a refusal throws its error. */
export async function call<M extends MethodName>(services: Services, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const answer = await dispatch(services, method, input)
  if (!answer.ok) throw Object.assign(new Error(answer.error.message), answer.error)
  return answer.value as MethodOutput<M>
}

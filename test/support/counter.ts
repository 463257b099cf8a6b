// A whole counter for tests and benchmarks: real services over a fresh sandbox, a real SQLite file in a temp folder
// and the real keychain. Integration tests, the e2e fixture and the bench all start it the same way.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSandbox, type Sandbox, type SandboxProfile } from '../../electron/sandbox'
import { createServices, type Services } from '../../electron/services'
import { createCredentialStore } from '../../electron/secrets'
import { createLogger } from '../../electron/log'
import { PRACTICE_STAFF } from '../../shared/staff-rules'

export type Harness = { sandbox: Sandbox; services: Services; dataDir: string; close(): Promise<void> }

export async function startHarness(
  opts: { training?: boolean; aiqTimeoutMs?: number; /** write the app's log file in dataDir */ logs?: boolean; /** sees every request to AIQ */ fetch?: typeof fetch; syncSettleMs?: number; /** the sandbox's (default: DEFAULT_PROFILE) */ profile?: SandboxProfile; /** sign in the practice budtender Alex (default, in training mode) */ signIn?: boolean } = {},
): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aiqc-counter-'))
  const sandbox = await startSandbox({ port: 0, ...(opts.profile ? { profile: opts.profile } : {}) })
  const services = await createServices({
    dataDir,
    secrets: createCredentialStore(),
    startTraining: async () => ({ url: sandbox.url, uid: sandbox.uid, apiKey: sandbox.apiKey }),
    aiqTimeoutMs: opts.aiqTimeoutMs ?? 1000,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(opts.syncSettleMs ? { syncSettleMs: opts.syncSettleMs } : {}),
    ...(opts.logs ? { log: createLogger({ dir: dataDir }) } : {}),
  })
  if (opts.training !== false) await services.api.useTrainingMode({})
  if (opts.training !== false && opts.signIn !== false) await signInPractice(services)
  return {
    sandbox,
    services,
    dataDir,
    async close() {
      await services.close()
      await sandbox.close()
      rmSync(dataDir, { recursive: true, force: true })
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

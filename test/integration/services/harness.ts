// Real services over a real sandbox, a real SQLite file in a temp folder and the real keychain.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSandbox, type Sandbox } from '../../../electron/sandbox'
import { createServices, type Services } from '../../../electron/services'
import { createCredentialStore } from '../../../electron/secrets'

export type Harness = { sandbox: Sandbox; services: Services; dataDir: string; close(): Promise<void> }

export async function startHarness(opts: { training?: boolean } = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aiqc-services-'))
  const sandbox = await startSandbox({ port: 0 })
  const services = await createServices({
    dataDir,
    secrets: createCredentialStore(),
    startTraining: async () => ({ url: sandbox.url, uid: sandbox.uid, apiKey: sandbox.apiKey }),
    aiqTimeoutMs: 1000,
  })
  if (opts.training !== false) await services.api.useTrainingMode({})
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

// Issue 11, item 1: where keytar could not be built (no libsecret), the counter still opens and training mode works;
// connecting a live account says the keychain module is missing and how to install it.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { PERSONAS, startSandbox, type Sandbox } from '../../../electron/sandbox'
import { createServices, type Services } from '../../../electron/services'
import { createCredentialStore, KEYTAR_MISSING } from '../../../electron/secrets'

let sandbox: Sandbox
let services: Services
let dataDir: string
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'aiqc-nokeytar-'))
  sandbox = await startSandbox({ port: 0 })
  const noModule = createCredentialStore({
    requireKeytar: () => {
      throw Object.assign(new Error("Cannot find module 'keytar'"), { code: 'MODULE_NOT_FOUND' })
    },
  })
  services = await createServices({ dataDir, secrets: noModule, startTraining: async () => ({ url: sandbox.url, uid: sandbox.uid, apiKey: sandbox.apiKey }) })
})
afterEach(async () => {
  await services.close()
  await sandbox.close()
  rmSync(dataDir, { recursive: true, force: true })
})

it('training mode checks in and awards; saving a live account says what to install', async () => {
  await services.api.useTrainingMode({})
  await expect(services.api.checkIn({ input: PERSONAS.member.phone })).resolves.toMatchObject({ kind: 'customer' })
  await expect(services.api.saveAccount({ uid: sandbox.uid, apiKey: sandbox.apiKey, baseUrl: sandbox.url })).rejects.toMatchObject({
    code: 'keychain_unavailable',
    message: KEYTAR_MISSING,
  })
  expect((await services.api.getStatus({})).mode).toBe('training')
})

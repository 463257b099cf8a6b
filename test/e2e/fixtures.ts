// Each e2e test gets its own sandbox, services, data folder and loopback bridge; the page gets `window.counter`
// from an init script, exactly the contract the preload exposes in Electron.
import { test as base, expect, type Page } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startSandbox, type Sandbox } from '../../electron/sandbox'
import { createServices, type Services } from '../../electron/services'
import { createCredentialStore } from '../../electron/secrets'
import { createLogger } from '../../electron/log'
import { startBridge, type Bridge } from '../bridge/server'

export const CHECK_IN_LABEL = 'Phone, card or customer ID'
export const RENDERER_DIR = resolve(__dirname, '../../out/renderer')

export type CounterFixture = {
  sandbox: Sandbox
  services: Services
  bridge: Bridge
  dataDir: string
  /** the app's address (token included) */
  url: string
  /** open the app in `page` and wait for the check-in field */
  open(page: Page): Promise<void>
}

export const test = base.extend<{ counter: CounterFixture; mode: 'training' | 'unconfigured' }>({
  mode: ['training', { option: true }],
  counter: async ({ mode }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'aiqc-e2e-'))
    const sandbox = await startSandbox({ port: 0 })
    const services = await createServices({
      dataDir,
      secrets: createCredentialStore(),
      log: createLogger({ dir: dataDir }),
      startTraining: async () => ({ url: sandbox.url, uid: sandbox.uid, apiKey: sandbox.apiKey }),
      aiqTimeoutMs: 1500,
    })
    if (mode === 'training') await services.api.useTrainingMode({})
    const bridge = await startBridge({ services, rendererDir: RENDERER_DIR })
    await use({
      sandbox,
      services,
      bridge,
      dataDir,
      url: bridge.url,
      async open(page) {
        await page.addInitScript({ content: bridge.clientScript })
        await page.goto(bridge.url)
        if (mode === 'training') await expect(page.getByLabel(CHECK_IN_LABEL)).toBeFocused()
      },
    })
    await bridge.close()
    await services.close()
    await sandbox.close()
    rmSync(dataDir, { recursive: true, force: true })
  },
})

export { expect }

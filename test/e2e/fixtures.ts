// Each e2e test gets its own sandbox, services, data folder and loopback bridge; the page gets `window.counter`
// from an init script, exactly the contract the preload exposes in Electron.
import { test as base, expect, type Page } from '@playwright/test'
import { resolve } from 'node:path'
import type { Sandbox } from '../../electron/sandbox'
import type { Services } from '../../electron/services'
import { startBridge, type Bridge } from '../../electron/browser/bridge'
import { startHarness } from '../support/counter'

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

export const test = base.extend<{ counter: CounterFixture; mode: 'training' | 'unconfigured'; settleMs: number | undefined; redeemSettleMs: number | undefined }>({
  mode: ['training', { option: true }],
  /** how long an unanswered PUT settles before the queue looks for it in AIQ (the app's 30 s unless a test shortens it) */
  settleMs: [undefined, { option: true }],
  /** how long an unanswered redemption may still land before a retry may send it again (the app's 30 s unless shortened) */
  redeemSettleMs: [undefined, { option: true }],
  counter: async ({ mode, settleMs, redeemSettleMs }, use) => {
    const counter = await startHarness({
      training: mode === 'training', aiqTimeoutMs: 1500, logs: true, ...(settleMs ? { syncSettleMs: settleMs } : {}), ...(redeemSettleMs ? { redeemSettleMs } : {}),
    })
    const { sandbox, services, dataDir } = counter
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
    await counter.close()
  },
})

export { expect }

// Each e2e test gets its own sandbox, services, data folder and loopback bridge; the page gets `window.counter`
// from an init script, exactly the contract the preload exposes in Electron.
import { test as base, expect, type Page } from '@playwright/test'
import { resolve } from 'node:path'
import { startSandbox, type Sandbox } from '../../electron/sandbox'
import type { Services } from '../../electron/services'
import { startBridge, type Bridge } from '../../electron/browser/bridge'
import { PRACTICE_MANAGER_PIN, startHarness } from '../support/counter'
import { PRACTICE_STAFF } from '../../shared/staff-rules'

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

export const test = base.extend<{
  counter: CounterFixture
  mode: 'training' | 'unconfigured'
  settleMs: number | undefined
  redeemSettleMs: number | undefined
  aiqAheadMs: number
}>({
  mode: ['training', { option: true }],
  /** how far AIQ's clock (the sandbox's) is ahead of this computer's; negative: behind */
  aiqAheadMs: [0, { option: true }],
  /** how long an unanswered PUT settles before the queue looks for it in AIQ (the app's 30 s unless a test shortens it) */
  settleMs: [undefined, { option: true }],
  /** how long an unanswered redemption may still land before a retry may send it again (the app's 30 s unless shortened) */
  redeemSettleMs: [undefined, { option: true }],
  counter: async ({ mode, settleMs, redeemSettleMs, aiqAheadMs }, use) => {
    const skewed = aiqAheadMs ? await startSandbox({ port: 0, clock: { now: () => Date.now() + aiqAheadMs } }) : null
    const counter = await startHarness({
      ...(skewed ? { sandbox: skewed } : {}),
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
    await skewed?.close()
  },
})

export { expect }

/**
 * Settings open with the manager's PIN (issue 13): in training mode, the practice manager's. A manager signed in at
 * the counter opens them on their session (issue 19): then no lock is shown and no PIN typed.
 */
export async function openSettings(page: Page, pin = PRACTICE_MANAGER_PIN.pin): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click()
  const lock = page.getByRole('form', { name: 'Settings are locked' })
  const rules = page.getByRole('form', { name: 'Counter rules' })
  await expect(lock.or(rules)).toBeVisible()
  if (await rules.isVisible()) return
  await lock.getByLabel('Manager PIN').fill(pin)
  await lock.getByRole('button', { name: 'Unlock Settings' }).click()
  await expect(lock).toHaveCount(0)
}

/** A Settings change that grants power asks the manager's PIN again, for this one change (issue 18, item 3). */
export async function pinAgain(page: Page, pin = PRACTICE_MANAGER_PIN.pin): Promise<void> {
  const ask = page.getByRole('dialog', { name: 'Manager PIN for this change' })
  await ask.getByLabel('Manager PIN').fill(pin)
  await ask.getByRole('button', { name: 'Confirm' }).click()
  await expect(ask).toHaveCount(0)
}

/** A live account's first run: the manager's name and PIN before anything else. */
export const LIVE_MANAGER = { name: 'Rosa', pin: '4821' }
export async function setUpManager(page: Page, m = LIVE_MANAGER): Promise<void> {
  const form = page.getByRole('form', { name: 'Set the manager’s PIN' })
  await form.getByLabel('Manager’s name').fill(m.name)
  await form.getByLabel('New manager PIN').fill(m.pin)
  await form.getByLabel('The same PIN again').fill(m.pin)
  await form.getByRole('button', { name: 'Save the manager’s PIN' }).click()
  await expect(page.getByLabel(CHECK_IN_LABEL)).toBeVisible()
}

/** Sign in at the counter as a practice budtender, through the sign-in screen. */
export async function signIn(page: Page, name = 'Alex'): Promise<void> {
  const pin = PRACTICE_STAFF.find((p) => p.name === name)!.pin
  await page.getByRole('button', { name, exact: true }).click()
  await page.getByLabel(`PIN for ${name}`).fill(pin)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByLabel(CHECK_IN_LABEL)).toBeVisible()
}

/**
 * Trusted key events, as a scanner types them into whatever has focus: all sent to Chromium at once, each stamped 4 ms
 * after the one before, as the OS stamps a scanner's keys when they arrive. Without the stamps Chromium stamps each key
 * when it gets round to it, and a loaded machine (CI) spreads the burst into what looks like typing; the page reads
 * the stamp (event.timeStamp) for exactly that reason.
 */
export async function trustedBurst(page: Page, text: string) {
  const cdp = await page.context().newCDPSession(page)
  const sent: Promise<unknown>[] = []
  const start = Date.now() / 1000
  const key = (i: number, down: Record<string, unknown>, up: Record<string, unknown>) => {
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', timestamp: start + i * 0.004, ...down }))
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', timestamp: start + i * 0.004 + 0.001, ...up }))
  }
  ;[...text].forEach((ch, i) => key(i, { key: ch, text: ch, unmodifiedText: ch }, { key: ch }))
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 }
  key([...text].length, { ...enter, text: '\r' }, enter)
  await Promise.all(sent)
  await cdp.detach()
}

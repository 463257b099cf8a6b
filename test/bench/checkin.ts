// scan → profile rendered, in real Chromium against the real services and the sandbox at zero added latency.
// Baseline in the same run: one bare round trip page → bridge → services (getStatus), the floor any check-in pays.
import { chromium, type Page } from '@playwright/test'
import type { Sandbox } from '../../electron/sandbox'
import { startHarness } from '../support/counter'
import { startBridge } from '../../electron/browser/bridge'
import { CHROMIUM, CHROMIUM_ARGS } from '../../playwright.config'
import { CHECK_IN_LABEL, RENDERER_DIR } from '../e2e/fixtures'
import { percentile, type Row } from './table'


export async function benchCheckin(opts: { count?: number; offline?: boolean } = {}): Promise<Row[]> {
  const count = opts.count ?? 200
  const counter = await startHarness()
  const { sandbox, services } = counter
  const bridge = await startBridge({ services, rendererDir: RENDERER_DIR })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  try {
    const page = await browser.newPage()
    await page.addInitScript({ content: bridge.clientScript })
    await page.goto(bridge.url)
    const people = members(sandbox).slice(0, count)
    const label = opts.offline ? 'offline' : 'online'
    if (opts.offline) {
      for (const p of people) await services.api.checkIn({ input: p.phone }) // fills the directory
      await sandbox.stop()
    }
    const baseline = await timeEach(count, () => page.evaluate(() => (globalThis as unknown as { counter: { getStatus(i: object): Promise<unknown> } }).counter.getStatus({})))
    const field = page.getByLabel(CHECK_IN_LABEL)
    const times: number[] = []
    for (let i = 0; i < count; i++) {
      const p = people[i % people.length]!
      times.push(await scanAndWait(page, field, p.phone, `${p.firstName} ${p.lastName}`))
    }
    times.sort((a, b) => a - b)
    const p50 = percentile(times, 50)
    const p95 = percentile(times, 95)
    const b50 = percentile(baseline, 50)
    return [
      { name: `scan→profile (${label}) p50, n=${count}`, value: p50, unit: 'ms', baseline: b50, ratio: p50 / b50, note: 'baseline: bare IPC round trip p50' },
      { name: `scan→profile (${label}) p95, n=${count}`, value: p95, unit: 'ms', baseline: percentile(baseline, 95), ratio: p95 / percentile(baseline, 95) },
    ]
  } finally {
    await browser.close()
    await bridge.close()
    await counter.close()
  }
}

/** Members with distinct names, so each check-in waits for a heading the previous one did not show. */
export function members(sandbox: Sandbox) {
  const seen = new Set<string>()
  const out: Array<{ phone: string; firstName: string; lastName: string }> = []
  for (const p of sandbox.data.list()) {
    const name = `${p.firstName} ${p.lastName}`
    if (!p.loyalty || p.blocklisted || !p.mobilePhone || seen.has(name)) continue
    seen.add(name)
    out.push({ phone: p.mobilePhone, firstName: p.firstName ?? '', lastName: p.lastName ?? '' })
  }
  return out
}

async function timeEach(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await fn()
    out.push(performance.now() - t)
  }
  return out.sort((a, b) => a - b)
}

/**
 * Types the number as a scanner would (a fast burst), then times, on the page's own clock, from Enter until a frame
 * shows the customer's name (checked every animation frame, so Playwright's polling interval adds nothing).
 */
export async function scanAndWait(page: Page, field: ReturnType<Page['getByLabel']>, phone: string, name: string): Promise<number> {
  await field.fill('')
  await field.pressSequentially(phone, { delay: 0 })
  const start = await page.evaluate(() => performance.now())
  await field.press('Enter')
  const shown = await page.waitForFunction(
    (want) => {
      type Doc = { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> }
      const doc = (globalThis as unknown as { document: Doc }).document
      return Array.from(doc.querySelectorAll('h2')).some((h) => h.textContent === want) && performance.now()
    },
    name,
    { polling: 'raf', timeout: 10_000 },
  )
  return ((await shown.jsonValue()) as number) - start
}

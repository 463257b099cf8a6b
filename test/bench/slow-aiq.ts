// scan → name with AIQ slow or hanging, against the same with AIQ instant, in real Chromium through the real services.
// A customer in this counter's copy (the directory) should show as fast whatever AIQ does (goal ≤1.2x); one who is
// not needs AIQ, and should need one round trip (baseline: the added latency of one request).
// After each scan the bench waits for that check-in's AIQ calls to end: browser mode's page talks to the services
// over HTTP/1.1, where Chromium keeps at most 6 requests per address in flight, so calls left hanging by one check-in
// would queue the next one's (Electron's IPC has no such limit).
import { chromium } from '@playwright/test'
import { startBridge } from '../../electron/browser/bridge'
import { CHROMIUM, CHROMIUM_ARGS } from '../../playwright.config'
import { CHECK_IN_LABEL, RENDERER_DIR } from '../e2e/fixtures'
import { PRACTICE_MANAGER_PIN, startHarness } from '../support/counter'
import { members, scanAndWait } from './checkin'
import { percentile, type Row } from './table'

/** each request's own timeout in this bench: longer than the slowest latency, so "slow" is not "down" */
const TIMEOUT_MS = 3_000

type Aiq = { label: string; fault: { kind: 'latency'; ms: number } | { kind: 'hang' } | null; settleMs: number }
const INSTANT: Aiq = { label: 'instant', fault: null, settleMs: 100 }
const SLOW: Aiq[] = [
  { label: 'AIQ +300 ms/request', fault: { kind: 'latency', ms: 300 }, settleMs: 2 * 300 + 300 },
  { label: 'AIQ +1.5 s/request', fault: { kind: 'latency', ms: 1_500 }, settleMs: 2 * 1_500 + 300 },
  { label: 'AIQ hanging', fault: { kind: 'hang' }, settleMs: TIMEOUT_MS + 500 },
]

export async function benchSlowAiq(opts: { count?: number } = {}): Promise<Row[]> {
  const count = opts.count ?? 20
  const counter = await startHarness({ aiqTimeoutMs: TIMEOUT_MS })
  const { sandbox, services } = counter
  const bridge = await startBridge({ services, rendererDir: RENDERER_DIR })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await page.addInitScript({ content: bridge.clientScript })
    await page.goto(bridge.url)
    const field = page.getByLabel(CHECK_IN_LABEL)
    await field.waitFor()
    await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('aria-label') !== undefined)
    const people = members(sandbox).slice(0, count * (SLOW.length + 2))
    if (people.length < count * (SLOW.length + 2)) throw new Error('bench: too few members with distinct names')
    for (let i = 0; (await services.api.getStatus({})).directory.lastFullRefreshAt === null; i++) {
      if (i > 300) throw new Error('bench: the directory pull did not finish')
      await new Promise((r) => setTimeout(r, 100))
    }
    let next = 0
    const warm = people.at(-1)!
    await scanAndWait(page, field, warm.phone, `${warm.firstName} ${warm.lastName}`) // JIT, sockets, SQLite
    const phase = async (aiq: Aiq) => {
      sandbox.faults.set(...(aiq.fault ? [aiq.fault] : []))
      const times: number[] = []
      for (let i = 0; i < count; i++) {
        const p = people[next++]!
        times.push(await scanAndWait(page, field, p.phone, `${p.firstName} ${p.lastName}`).catch(async (e: unknown) => {
          process.stderr.write(`bench: ${p.firstName} ${p.lastName} never showed; the screen said: ${(await page.locator("main").innerText()).slice(0, 400)}\n`)
          throw e
        }))
        await new Promise((r) => setTimeout(r, aiq.settleMs))
      }
      sandbox.faults.clear()
      return times.sort((a, b) => a - b)
    }
    const instant = percentile(await phase(INSTANT), 95)
    const rows: Row[] = []
    for (const aiq of SLOW) {
      const p95 = percentile(await phase(aiq), 95)
      rows.push({ name: `scan→name p95, customer in this counter's copy, ${aiq.label}, n=${count}`, value: p95, unit: 'ms', baseline: instant, ratio: p95 / instant, note: 'goal ≤1.2x; baseline: the same with AIQ instant' })
    }
    // not in the copy: AIQ is the only source, and one round trip should do
    await services.api.setDirectoryEnabled({ enabled: false, approval: PRACTICE_MANAGER_PIN })
    const slow = SLOW[1]!
    const unknownP95 = percentile(await phase(slow), 95)
    const latency = slow.fault?.kind === 'latency' ? slow.fault.ms : NaN
    rows.push({ name: `scan→name p95, customer not in this counter's copy, ${slow.label}, n=${count}`, value: unknownP95, unit: 'ms', baseline: latency, ratio: unknownP95 / latency, note: 'baseline: one AIQ round trip (the added latency); three in a row before' })
    return rows
  } finally {
    await browser.close()
    await bridge.close()
    await counter.close()
  }
}

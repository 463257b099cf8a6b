// A counter.db found damaged at start: the screen says plainly what happened and how many waiting awards came back,
// the header counts them, and the notice goes once the manager has read it.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { startBridge } from '../../electron/browser/bridge'
import { systemClock } from '../../electron/clock'
import { openDatabase } from '../../electron/store/db'
import { createOutbox } from '../../electron/store/outbox'
import { createSettings } from '../../electron/store/settings'
import { startHarness } from '../support/counter'
import { CHECK_IN_LABEL, expect, RENDERER_DIR, test } from './fixtures'

test('a damaged database is set aside and the screen says how many waiting awards were recovered', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'aiqc-e2e-damaged-'))
  const file = join(dataDir, 'counter.db')
  const db = openDatabase(file)
  createSettings(db).set('account', { mode: 'training', uid: '1000', baseUrl: null })
  const outbox = createOutbox(db, systemClock, () => 'training:1000')
  // awards queued by a phone AIQ does not know: they stay waiting, whatever the sync does meanwhile
  for (let i = 0; i < 60; i++) outbox.add({ contactID: null, phone: '3035559999', customerName: `Customer ${i}`, value: 5, reason: `visit ${i}, a note long enough to fill pages`, budtender: 'Sam' })
  db.close()
  const stat = new Database(file, { readonly: true })
  const leaf = stat.prepare<[], number>("SELECT pageno FROM dbstat WHERE name = 'outbox' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1").pluck().get()!
  stat.close()
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, (leaf - 1) * 4096)
  closeSync(fd)

  const counter = await startHarness({ dataDir })
  const bridge = await startBridge({ services: counter.services, rendererDir: RENDERER_DIR })
  try {
    await page.addInitScript({ content: bridge.clientScript })
    await page.goto(bridge.url)
    await expect(page.getByLabel(CHECK_IN_LABEL)).toBeVisible()
    const notice = page.getByRole('alert').filter({ hasText: 'database was damaged' })
    await expect(notice).toContainText(/This computer's database was damaged\. It was set aside as counter\.damaged-.*\.db .* and \d+ of 60 waiting awards were recovered/)
    const { outbox: o } = await counter.services.api.getStatus({})
    expect(o.pending + o.sending + o.failed).toBeGreaterThan(0)
    expect(o.pending + o.sending + o.failed).toBeLessThan(60)
    await notice.getByRole('button', { name: 'I have read this' }).click()
    await expect(notice).toHaveCount(0)
  } finally {
    await bridge.close()
    await counter.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

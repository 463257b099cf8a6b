// Issue 10, item 3: the build a store installs (app.isPackaged) has no DevTools, no reload or Toggle Developer Tools
// in its menu, and ignores the test-only environment variables (electron mocked, the real services behind it).
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import * as electron from 'electron'
import type { FakeElectron } from '../../support/fake-electron'
import { APP_URL } from '../../../electron/security'

const userData = mkdtempSync(join(tmpdir(), 'aiqc-packaged-userdata-'))
const elsewhere = join(mkdtempSync(join(tmpdir(), 'aiqc-packaged-elsewhere-')), 'data')

vi.mock('electron', async () => {
  const fake = (await import('../../support/fake-electron')).createFakeElectron()
  fake.app.isPackaged = true
  return fake
})
const fake = electron as unknown as FakeElectron
type Win = InstanceType<FakeElectron['BrowserWindow']>
type Item = { role?: string; label?: string; submenu?: Item[] }
const allItems = (items: Item[]): Item[] => items.flatMap((i) => [i, ...allItems(i.submenu ?? [])])

let win: Win
beforeAll(async () => {
  fake.app.userData = userData
  process.env.AIQC_DATA_DIR = elsewhere
  process.env.AIQC_SQLITE_BINDING = join(elsewhere, 'not-a-real-addon.node')
  const { shell } = await import('../../../electron/main')
  await shell.ready
  win = fake.BrowserWindow.instances[0]!
}, 20_000)
afterAll(async () => {
  delete process.env.AIQC_DATA_DIR
  delete process.env.AIQC_SQLITE_BINDING
  fake.app.quit()
  await vi.waitFor(() => expect(fake.app.exitCode).toBe(0), { timeout: 5000 })
  rmSync(userData, { recursive: true, force: true })
  rmSync(join(elsewhere, '..'), { recursive: true, force: true })
})

it('starts normally and opens the app in one window, ignoring AIQC_SQLITE_BINDING (a native module of anyone\'s choosing is never loaded)', () => {
  expect(fake.dialog.showErrorBox).not.toHaveBeenCalled()
  expect(fake.app.exitCode).toBe(null)
  expect(fake.BrowserWindow.instances).toHaveLength(1)
  expect(win.loaded).toEqual([APP_URL])
})

it('keeps its data in the real user-data folder, ignoring AIQC_DATA_DIR', () => {
  expect(fake.app.setPath).not.toHaveBeenCalled()
  expect(readdirSync(userData)).toEqual(expect.arrayContaining(['counter.db', 'logs']))
  expect(statSync(userData).mode & 0o777).toBe(0o700)
  expect(existsSync(elsewhere)).toBe(false)
})

it('opens its window with DevTools off', () => {
  expect((win.options.webPreferences as Record<string, unknown>).devTools).toBe(false)
})

it('sets an application menu with no reload and no Toggle Developer Tools', () => {
  expect(fake.Menu.setApplicationMenu).toHaveBeenCalled()
  const items = allItems(fake.Menu.current!.template as Item[])
  expect(items.length).toBeGreaterThan(3)
  const roles = items.map((i) => i.role?.toLowerCase())
  // viewMenu is Electron's own View menu, which brings reload and DevTools back
  for (const banned of ['toggledevtools', 'reload', 'forcereload', 'viewmenu']) expect(roles).not.toContain(banned)
  expect(items.filter((i) => /develop|devtools|reload|inspect/i.test(i.label ?? ''))).toEqual([])
  expect(roles).toEqual(expect.arrayContaining(['editmenu', 'zoomin', 'quit']))
})

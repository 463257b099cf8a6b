// Issue 10, item 12: the app started on a data folder another counter holds (browser mode, here the lock taken in
// this process) says so and exits, instead of running a second sync engine on the same outbox.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it, vi } from 'vitest'
import * as electron from 'electron'
import { lockDataFolder } from '../../../electron/data-folder/lock'
import type { FakeElectron } from '../../support/fake-electron'

vi.mock('electron', async () => (await import('../../support/fake-electron')).createFakeElectron())
const fake = electron as unknown as FakeElectron
const userData = mkdtempSync(join(tmpdir(), 'aiqc-in-use-'))
const other = lockDataFolder(userData) // "browser mode", already running on this folder
afterAll(() => {
  other.release()
  rmSync(userData, { recursive: true, force: true })
})

it('shows "in use by another AIQ Counter (pid N)", opens no window and exits 1', async () => {
  fake.app.userData = userData
  const { shell } = await import('../../../electron/main')
  await shell.ready
  expect(fake.dialog.showErrorBox).toHaveBeenCalledWith('AIQ Counter could not start', expect.stringContaining(`This data folder is in use by another AIQ Counter (pid ${process.pid})`))
  expect(fake.BrowserWindow.instances).toHaveLength(0)
  expect(fake.app.exitCode).toBe(1)
})

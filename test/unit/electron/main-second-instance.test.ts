// A second copy of the app started on the same counter hands over to the first and quits.
import { expect, it, vi } from 'vitest'
import * as electron from 'electron'
import type { FakeElectron } from '../../support/fake-electron'

vi.mock('electron', async () => {
  const fake = (await import('../../support/fake-electron')).createFakeElectron()
  fake.app.singleInstance = false
  return fake
})
const fake = electron as unknown as FakeElectron

it('quits without opening a window or touching the data when another instance holds the lock', async () => {
  const { shell } = await import('../../../electron/main')
  await shell.ready
  expect(fake.app.quit).toHaveBeenCalled()
  expect(fake.app.whenReady).not.toHaveBeenCalled()
  expect(fake.app.getPath).not.toHaveBeenCalled()
  expect(fake.BrowserWindow.instances).toHaveLength(0)
  expect(fake.ipcMain.handle).not.toHaveBeenCalled()
})

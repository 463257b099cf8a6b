// Issue 20: the customer's window, with electron mocked: full-screen on the second display with no menu and the
// counter window's sandbox; it follows displays plugged in and out; its IPC answers only its own contract, only to it.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as electron from 'electron'
import { channelFor, customerChannelFor } from '../../../shared/contract'
import { APP_URL } from '../../../electron/security'
import type { FakeElectron } from '../../support/fake-electron'

vi.mock('electron', async () => {
  const fake = (await import('../../support/fake-electron')).createFakeElectron()
  fake.app.isPackaged = false
  fake.screen.displays = [
    { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
    { id: 2, bounds: { x: 1920, y: 0, width: 1280, height: 800 } },
  ]
  return fake
})
const fake = electron as unknown as FakeElectron
type Win = InstanceType<FakeElectron['BrowserWindow']>
const wins = () => fake.BrowserWindow.instances as Win[]
const customerWins = () => wins().filter((w) => w.loaded[0] === `${APP_URL}customer.html`)
const open = () => customerWins().filter((w) => !w.closed)

const dataDir = mkdtempSync(join(tmpdir(), 'aiqc-userdata-'))
beforeAll(async () => {
  process.env.AIQC_DATA_DIR = dataDir
  const { shell } = await import('../../../electron/main')
  await shell.ready
}, 20_000)
afterAll(() => {
  delete process.env.AIQC_DATA_DIR
  rmSync(dataDir, { recursive: true, force: true })
})

describe('the customer window', () => {
  it('opens full-screen on the second display, no menu, sandboxed like the counter’s, with its own preload', () => {
    const [w] = open()
    expect(w).toBeDefined()
    expect(w!.options).toMatchObject({ x: 1920, y: 0, width: 1280, height: 800, fullscreen: true, frame: false, autoHideMenuBar: true })
    expect(w!.menuRemoved).toBe(true)
    const prefs = w!.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false })
    expect(prefs.preload).toMatch(/preload[/\\]customer\.js$/)
    // guarded like every webContents: no navigation away, no window.open
    const away = { url: 'https://evil.example/', preventDefault: vi.fn() }
    w!.webContents.emit('will-navigate', away)
    expect(away.preventDefault).toHaveBeenCalled()
  })

  it('answers its own contract to itself only; the counter’s methods refuse it', async () => {
    const [w] = open()
    const counterWin = wins().find((x) => x.loaded[0] === APP_URL)!
    const view = fake.ipcMain.handlers.get(customerChannelFor('getCustomerView'))!
    expect(await view({ senderFrame: w!.webContents.mainFrame }, {})).toMatchObject({ ok: true, value: { view: 'idle' } })
    expect(await view({ senderFrame: counterWin.webContents.mainFrame }, {})).toMatchObject({ ok: false, error: { code: 'internal' } })
    const checkIn = fake.ipcMain.handlers.get(channelFor('getStatus'))!
    expect(await checkIn({ senderFrame: w!.webContents.mainFrame }, {})).toMatchObject({ ok: false, error: { code: 'internal' } })
    // the counter sees a customer screen open
    const status = fake.ipcMain.handlers.get(channelFor('getCustomerScreen'))!
    expect(await status({ senderFrame: counterWin.webContents.mainFrame }, {})).toMatchObject({ ok: true, value: { open: true } })
  })

  it('closes when the second display is unplugged, and comes back on the next one plugged in', async () => {
    fake.screen.displays = [fake.screen.displays[0]!]
    fake.screen.emit('display-removed', {}, { id: 2 })
    expect(open()).toHaveLength(0)
    const counterWin = wins().find((x) => x.loaded[0] === APP_URL)!
    const status = fake.ipcMain.handlers.get(channelFor('getCustomerScreen'))!
    expect(await status({ senderFrame: counterWin.webContents.mainFrame }, {})).toMatchObject({ ok: true, value: { open: false } })

    fake.screen.displays = [...fake.screen.displays, { id: 3, bounds: { x: -1024, y: 0, width: 1024, height: 768 } }]
    fake.screen.emit('display-added', {}, { id: 3 })
    expect(open()).toHaveLength(1)
    expect(open()[0]!.options).toMatchObject({ x: -1024, width: 1024, height: 768, fullscreen: true })
  })

  it('moves to the display left when its own goes, and stays put when another is added', () => {
    const w = open()[0]!
    fake.screen.displays = [...fake.screen.displays, { id: 4, bounds: { x: 1920, y: 0, width: 1280, height: 800 } }]
    fake.screen.emit('display-added', {}, { id: 4 })
    expect(w.boundsSet).toEqual([])
    fake.screen.displays = fake.screen.displays.filter((d) => d.id !== 3)
    fake.screen.emit('display-removed', {}, { id: 3 })
    expect(open()).toEqual([w])
    expect(w.boundsSet).toEqual([{ x: 1920, y: 0, width: 1280, height: 800 }])
    expect(w.fullScreen).toBe(true)
  })

  it('closes with the counter’s window', () => {
    const counterWin = wins().find((x) => x.loaded[0] === APP_URL)!
    counterWin.close()
    expect(open()).toHaveLength(0)
  })
})

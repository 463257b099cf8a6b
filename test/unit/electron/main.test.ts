// The main process as Electron would run it (electron mocked), wired to the real services in a scratch data dir.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as electron from 'electron'
import { channelFor, customerChannelFor, customerMethodNames, methodNames, eventChannelFor } from '../../../shared/contract'
import { APP_URL, CSP } from '../../../electron/security'
import { FakeWebContents, type FakeElectron } from '../../support/fake-electron'

// development (npm start, the e2e launcher): AIQC_DATA_DIR is honoured; main-packaged.test.ts checks the installed build
vi.mock('electron', async () => {
  const fake = (await import('../../support/fake-electron')).createFakeElectron()
  fake.app.isPackaged = false
  return fake
})
const fake = electron as unknown as FakeElectron
type Win = InstanceType<FakeElectron['BrowserWindow']>

let win: Win
const dataDir = mkdtempSync(join(tmpdir(), 'aiqc-userdata-'))
beforeAll(async () => {
  process.env.AIQC_DATA_DIR = dataDir
  const { shell } = await import('../../../electron/main')
  await shell.ready
  expect(fake.BrowserWindow.instances).toHaveLength(1)
  win = fake.BrowserWindow.instances[0]!
}, 20_000)
afterAll(() => {
  delete process.env.AIQC_DATA_DIR
  rmSync(dataDir, { recursive: true, force: true })
})

describe('main process', () => {
  it('sandboxes every renderer and registers app:// before the app is ready', () => {
    expect(fake.app.enableSandbox).toHaveBeenCalled()
    expect(fake.protocol.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }])
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalled()
  })

  it('opens one window with the checklist preferences and the built preload, showing app://counter/', () => {
    const prefs = win.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    })
    expect(prefs.preload).toMatch(/preload[/\\]index\.js$/)
    expect(win.loaded).toEqual([APP_URL])
  })

  it('in development, DevTools are on and the View menu has reload and Toggle Developer Tools', () => {
    expect((win.options.webPreferences as Record<string, unknown>).devTools).toBe(true)
    type Item = { role?: string; submenu?: Item[] }
    const roles = (items: Item[]): string[] => items.flatMap((i) => [i.role ?? '', ...roles(i.submenu ?? [])])
    expect(roles(fake.Menu.current!.template as Item[])).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
  })

  it("guards the window's webContents (installed through web-contents-created)", () => {
    const away = { url: 'https://evil.example/', preventDefault: vi.fn() }
    win.webContents.emit('will-navigate', away)
    expect(away.preventDefault).toHaveBeenCalled()
    expect(win.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
  })

  it('guards any other webContents that appears', () => {
    const other = new FakeWebContents()
    fake.app.emit('web-contents-created', {}, other)
    const away = { url: 'file:///etc/passwd', preventDefault: vi.fn() }
    other.emit('will-redirect', away)
    expect(away.preventDefault).toHaveBeenCalled()
    expect(other.windowOpenHandler?.({ url: 'https://x.example/' })).toEqual({ action: 'deny' })
  })

  it('denies permission requests and checks on the session', () => {
    const request = fake.session.defaultSession.setPermissionRequestHandler.mock.calls[0]![0] as (
      wc: unknown,
      p: string,
      cb: (granted: boolean) => void,
    ) => void
    const granted = vi.fn()
    request({}, 'geolocation', granted)
    expect(granted).toHaveBeenCalledWith(false)
    const check = fake.session.defaultSession.setPermissionCheckHandler.mock.calls[0]![0] as () => boolean
    expect(check()).toBe(false)
  })

  it('serves the renderer over app:// with the CSP header', async () => {
    const handler = fake.protocol.handlers.get('app')!
    const res = await handler(new Request('app://counter/'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toBe(CSP)
  })

  it('binds every contract method, and answers our main frame from the real services', async () => {
    // the counter's methods, and the customer screen's own (issue 20; main-customer-screen.test.ts)
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual([...methodNames.map(channelFor), ...customerMethodNames.map(customerChannelFor)].sort())
    const getStatus = fake.ipcMain.handlers.get(channelFor('getStatus'))!
    const answer = (await getStatus({ senderFrame: win.webContents.mainFrame }, {})) as { ok: boolean; value: { mode: string } }
    expect(answer).toMatchObject({ ok: true, value: { mode: 'unconfigured' } })
  })

  it('refuses IPC from a subframe of our window', async () => {
    const getStatus = fake.ipcMain.handlers.get(channelFor('getStatus'))!
    const subframe = { url: APP_URL, parent: win.webContents.mainFrame }
    expect(await getStatus({ senderFrame: subframe }, {})).toMatchObject({ ok: false, error: { code: 'internal' } })
  })

  it('forwards service events to the window', async () => {
    const training = fake.ipcMain.handlers.get(channelFor('useTrainingMode'))!
    const r = (await training({ senderFrame: win.webContents.mainFrame }, {})) as { ok: boolean }
    expect(r.ok).toBe(true)
    expect(win.webContents.sent.some((s) => s.channel === eventChannelFor('statusChanged'))).toBe(true)
  })

  it('keeps its data (database, log) in the data dir AIQC_DATA_DIR names', () => {
    expect(fake.app.getPath('userData')).toBe(dataDir)
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['counter.db', 'logs']))
    const log = readFileSync(join(dataDir, 'logs', 'aiq-counter.log'), 'utf8')
    expect(log).toContain('AIQ Counter started')
  })

  it('closes the services before quitting, then exits for real (a stuck keychain call cannot keep it alive)', async () => {
    fake.app.quit()
    expect(fake.app.quitted).toBe(false) // held back while the services close
    expect(fake.app.exitCode).toBe(null)
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0), { timeout: 5000 })
    expect(fake.ipcMain.handlers.size).toBe(0)
  })
})

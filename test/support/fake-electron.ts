// A stand-in for the 'electron' module (the one module tests may mock): records what the app asks of it.
import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

export type FakeFrame = { url: string; parent: FakeFrame | null; origin?: string }

export class FakeWebContents extends EventEmitter {
  mainFrame: FakeFrame = { url: '', parent: null }
  sent: { channel: string; payload: unknown }[] = []
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  destroyed = false
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload })
  }
  isDestroyed() {
    return this.destroyed
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler
  }
}

export function createFakeElectron() {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    userData: '',
    singleInstance: true,
    quitRequests: 0,
    quitted: false,
    exitCode: null as number | null,
    sandboxEnabled: false,
    enableSandbox: vi.fn(() => void (app.sandboxEnabled = true)),
    requestSingleInstanceLock: vi.fn(() => app.singleInstance),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn((name: string) => {
      if (name !== 'userData') throw new Error(`unexpected getPath(${name})`)
      return app.userData
    }),
    setPath: vi.fn((name: string, value: string) => {
      if (name !== 'userData') throw new Error(`unexpected setPath(${name})`)
      app.userData = value
    }),
    getVersion: () => '0.1.0',
    quit: vi.fn(() => {
      app.quitRequests++
      let prevented = false
      app.emit('before-quit', { preventDefault: () => (prevented = true) })
      if (!prevented) app.quitted = true
    }),
    exit: vi.fn((code: number) => void (app.exitCode = code)),
  })

  class BrowserWindow extends EventEmitter {
    static instances: BrowserWindow[] = []
    webContents = new FakeWebContents()
    loaded: string[] = []
    constructor(readonly options: Record<string, unknown>) {
      super()
      BrowserWindow.instances.push(this)
      app.emit('web-contents-created', {}, this.webContents)
    }
    async loadURL(url: string) {
      this.loaded.push(url)
      this.webContents.mainFrame.url = url
    }
    show() {}
    isMinimized() {
      return false
    }
    restore() {}
    focus() {}
  }

  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>()
  const ipcMain = {
    handlers,
    handle: vi.fn((channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      handlers.set(channel, fn)
    }),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  }

  const protocol = {
    privileged: [] as unknown[],
    handlers: new Map<string, (request: Request) => Promise<Response>>(),
    registerSchemesAsPrivileged: vi.fn((schemes: unknown[]) => void protocol.privileged.push(...schemes)),
    handle: vi.fn((scheme: string, fn: (request: Request) => Promise<Response>) => void protocol.handlers.set(scheme, fn)),
  }

  const defaultSession = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  }

  const contextBridge = { exposeInMainWorld: vi.fn() }
  const ipcRenderer = { invoke: vi.fn(async (): Promise<unknown> => ({ ok: true, value: null })), on: vi.fn(), removeListener: vi.fn() }
  const dialog = { showErrorBox: vi.fn() }
  const Menu = {
    current: null as { template: unknown[] } | null,
    buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
    setApplicationMenu: vi.fn((menu: { template: unknown[] } | null) => void (Menu.current = menu)),
  }

  return { app, BrowserWindow, ipcMain, protocol, session: { defaultSession }, contextBridge, ipcRenderer, dialog, Menu }
}
export type FakeElectron = ReturnType<typeof createFakeElectron>

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
    /** the customer window's moves (issue 20) */
    boundsSet: { x: number; y: number; width: number; height: number }[] = []
    fullScreen = false
    menuRemoved = false
    closed = false
    removeMenu() {
      this.menuRemoved = true
    }
    setBounds(b: { x: number; y: number; width: number; height: number }) {
      this.boundsSet.push(b)
    }
    setFullScreen(on: boolean) {
      this.fullScreen = on
    }
    close() {
      if (this.closed) return
      this.closed = true
      this.webContents.destroyed = true
      this.emit('closed')
    }
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

  type Display = { id: number; bounds: { x: number; y: number; width: number; height: number } }
  /** the displays the OS reports; tests change `displays` and emit 'display-added' / 'display-removed' */
  const screen = Object.assign(new EventEmitter(), {
    displays: [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }] as Display[],
    primaryId: 1,
    getAllDisplays: () => screen.displays,
    getPrimaryDisplay: () => screen.displays.find((d) => d.id === screen.primaryId)!,
  })

  return { app, BrowserWindow, ipcMain, protocol, session: { defaultSession }, contextBridge, ipcRenderer, dialog, Menu, screen }
}
export type FakeElectron = ReturnType<typeof createFakeElectron>

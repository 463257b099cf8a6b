// The Electron main process: app lifecycle, the one window, and the security policy. Thin wiring only —
// the use-cases live in services.ts (no Electron there), the checklist in security.ts.
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron'
import { bindIpc } from './ipc'
import { bindCustomerIpc } from './customer-ipc'
import { startCustomerWindow } from './customer-window'
import { createLogger, type Logger } from './log'
import { createCredentialStore } from './secrets'
import { createServices, type Services } from './services'
import { makePrivateFolder } from './data-folder/private'
import {
  APP_SCHEME,
  APP_URL,
  applicationMenu,
  appScheme,
  devEnv,
  guardWebContents,
  isTrustedFrame,
  lockDownSession,
  serveRenderer,
  windowOptions,
} from './security'

// out/main/index.js → out/preload/index.js and out/renderer/
const preloadPath = join(__dirname, '../preload/index.js')
const customerPreloadPath = join(__dirname, '../preload/customer.js')
const rendererDir = join(__dirname, '../renderer')

export type Shell = { ready: Promise<void>; window(): BrowserWindow | null }

export function startApp(): Shell {
  let window: BrowserWindow | null = null
  let services: Services | null = null
  let log: Logger | null = null
  let unbindIpc = () => {}
  let stopCustomerScreen = () => {}
  let closed = false
  const build = { packaged: app.isPackaged }

  // Before ready: every renderer sandboxed, app:// a secure standard scheme.
  app.enableSandbox()
  protocol.registerSchemesAsPrivileged([appScheme])

  // a separate data dir (tests, development only): set before anything reads it, and before the instance lock
  const dataDirOverride = devEnv(build, process.env, 'AIQC_DATA_DIR')
  if (dataDirOverride) app.setPath('userData', dataDirOverride)

  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return { ready: Promise.resolve(), window: () => null }
  }
  app.on('second-instance', () => {
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })

  // Any webContents at all — ours or one that slips in — gets the navigation, window.open and webview guards.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents))

  app.on('window-all-closed', () => app.quit())
  app.on('before-quit', (event) => {
    if (closed || !services) return
    event.preventDefault() // finish writing the outbox and settings, then quit for real
    const closing = services
    services = null
    unbindIpc()
    stopCustomerScreen()
    closing
      .close()
      .catch((e: unknown) => log?.error({ err: e }, 'closing the services failed'))
      .finally(() => {
        closed = true
        // exit, not quit: a keychain call stuck in a worker thread (a locked keyring) must not keep the app alive
        app.exit(0)
      })
  })

  const ready = app.whenReady().then(async () => {
    const dataDir = app.getPath('userData')
    makePrivateFolder(dataDir)
    log = createLogger({ dir: dataDir, console: !build.packaged })
    try {
      Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenu({ ...build, mac: process.platform === 'darwin' })))
      lockDownSession(session.defaultSession)
      protocol.handle(APP_SCHEME, serveRenderer(rendererDir))

      services = await createServices({
        dataDir,
        secrets: createCredentialStore(),
        log,
        sqliteBinding: devEnv(build, process.env, 'AIQC_SQLITE_BINDING'),
        backgroundWorker: join(__dirname, 'background-worker.js'),
      })
      unbindIpc = bindIpc({
        ipcMain,
        services,
        isTrustedSender: (frame) => isTrustedFrame(frame, window?.webContents.mainFrame),
        eventTarget: () => window?.webContents ?? null,
        log,
      })

      window = new BrowserWindow(windowOptions(preloadPath, build))
      window.once('ready-to-show', () => window?.show())
      window.on('closed', () => {
        window = null
        stopCustomerScreen() // the customer screen never outlives the counter's window
      })
      stopCustomerScreen = startCustomerScreen(services, log)
      window.webContents.on('render-process-gone', (_e, details) => log?.error({ reason: details.reason }, 'the window crashed'))
      await window.loadURL(APP_URL)
      log.info({ version: app.getVersion(), dataDir }, 'AIQ Counter started')
    } catch (e) {
      log.error({ err: e }, 'AIQ Counter could not start')
      dialog.showErrorBox(
        'AIQ Counter could not start',
        `${e instanceof Error ? e.message : String(e)}\n\nThe app's log is in ${join(dataDir, 'logs')}.`,
      )
      closed = true
      app.exit(1)
    }
  })

  /** the customer's window on the second display, its own IPC (its own contract only), and "Customer screen" opening it */
  function startCustomerScreen(svc: Services, logger: Logger): () => void {
    let detach = () => {}
    const customer = startCustomerWindow({
      preload: customerPreloadPath,
      build,
      onWindow: (w) => {
        detach()
        detach = w && svc.customer ? svc.customer.screen.attach() : () => {}
      },
      onError: (e) => logger.error({ err: e }, 'the customer screen could not load'),
    })
    const unbind = bindCustomerIpc({
      ipcMain,
      services: svc,
      isTrustedSender: (frame) => isTrustedFrame(frame, customer.window()?.webContents.mainFrame),
      eventTarget: () => customer.window()?.webContents ?? null,
    })
    svc.customer?.screen.setOpener(async () => (customer.show(), null))
    let stopped = false
    return () => {
      if (stopped) return
      stopped = true
      unbind()
      customer.stop()
      detach()
    }
  }

  return { ready, window: () => window }
}

export const shell = startApp()

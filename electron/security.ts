// The Electron security checklist as plain data and small functions, so each item can be tested.
// Only types come from 'electron' here; main.ts applies these to the real window, session and protocol.
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { BrowserWindowConstructorOptions, CustomScheme, MenuItemConstructorOptions, Session, WebContents, WebPreferences } from 'electron'

export const APP_SCHEME = 'app'
export const APP_HOST = 'counter'
/** Where the renderer lives: served by our own protocol handler from out/renderer, never from the network. */
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/`

/**
 * The renderer may load only its own files and talk to nothing but itself (IPC goes through the preload).
 * No 'unsafe-inline' anywhere: styles come from the built stylesheet only (no style attributes, no <style>).
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ')

/** Registered before the app is ready: `app://` behaves like https (secure, standard origin, fetch allowed). */
export const appScheme: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
}

/** packaged: the build a store installs (app.isPackaged). DevTools exist only in development. */
export type BuildKind = { packaged: boolean }

export const webPreferences = (preload: string, build: BuildKind = { packaged: true }): WebPreferences => ({
  preload,
  devTools: !build.packaged,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
})

export const windowOptions = (preload: string, build: BuildKind = { packaged: true }): BrowserWindowConstructorOptions => ({
  width: 1200,
  height: 800,
  minWidth: 800,
  minHeight: 600,
  title: 'AIQ Counter',
  show: false,
  backgroundColor: '#ffffff',
  autoHideMenuBar: true,
  webPreferences: webPreferences(preload, build),
})

/**
 * The application menu. Packaged: editing, zoom and window items only — no reload (it would drop what is on screen)
 * and no Toggle Developer Tools (a console in the window is a way around every check above). Electron's default menu
 * has both, so the app always sets its own; development adds them back.
 */
export function applicationMenu(build: BuildKind & { mac?: boolean }): MenuItemConstructorOptions[] {
  const developer: MenuItemConstructorOptions[] = build.packaged
    ? []
    : [{ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }]
  return [
    ...(build.mac ? [{ role: 'appMenu' } as const] : []),
    { label: 'File', submenu: [{ role: build.mac ? 'close' : 'quit' }] },
    { role: 'editMenu' },
    { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }, ...developer] },
    { role: 'windowMenu' },
  ]
}

/**
 * The test-only environment variables (a scratch data folder, a better-sqlite3 built for Electron's ABI): read in
 * development only. A packaged app ignores them, so nobody can point an installed counter at another folder or load
 * a native module of their choosing by setting a variable.
 */
export const DEV_ONLY_ENV = ['AIQC_DATA_DIR', 'AIQC_SQLITE_BINDING'] as const
export function devEnv(build: BuildKind, env: NodeJS.ProcessEnv, name: (typeof DEV_ONLY_ENV)[number]): string | undefined {
  return build.packaged ? undefined : env[name] || undefined
}

/** True only for pages of our own app origin (app://counter/...). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url)
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === ''
  } catch {
    return false
  }
}

/** The one kind of frame IPC accepts: our window's top frame, showing our app. */
export type FrameLike = { readonly url: string; readonly parent: unknown; readonly frameTreeNodeId?: number }
export function isTrustedFrame(frame: FrameLike | null | undefined, mainFrame: FrameLike | null | undefined): boolean {
  if (!frame || !mainFrame) return false
  // Electron may hand out a new wrapper object for the same frame: its frame tree node id is the lasting identity.
  const same = frame === mainFrame || (frame.frameTreeNodeId !== undefined && frame.frameTreeNodeId === mainFrame.frameTreeNodeId)
  return same && frame.parent === null && isAppUrl(frame.url)
}

// ---- handlers (each is what main.ts installs) -------------------------------------------------

type Preventable = { preventDefault(): void; url?: string }

/** will-navigate / will-redirect / will-frame-navigate: stay inside the app, always. */
export function denyNavigationAway(event: Preventable, url?: string): void {
  const target = event.url ?? url ?? ''
  if (!isAppUrl(target)) event.preventDefault()
}

/** window.open and target=_blank links: the app opens no windows and has no external links. */
export const denyWindowOpen = (): { action: 'deny' } => ({ action: 'deny' })

/** No camera, microphone, notifications, geolocation, clipboard reads, USB … nothing. */
export const denyPermissionRequest = (_wc: unknown, _permission: string, callback: (granted: boolean) => void): void =>
  callback(false)
export const denyPermissionCheck = (): boolean => false
export const denyDevice = (): boolean => false

/** Pages may not add <webview>s (webviewTag is off too; this catches any that slip through). */
export function denyWebview(event: { preventDefault(): void }): void {
  event.preventDefault()
}

type GuardableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>
/** Installed on every webContents the app ever creates (app 'web-contents-created'), not only our window's. */
export function guardWebContents(contents: GuardableContents): void {
  contents.on('will-navigate', denyNavigationAway)
  contents.on('will-frame-navigate', denyNavigationAway)
  contents.on('will-redirect', denyNavigationAway)
  contents.on('will-attach-webview', denyWebview)
  contents.setWindowOpenHandler(denyWindowOpen)
}

/** Any web request the renderer's session would make to the network (the CSP already forbids it; belt and braces). */
export const REMOTE_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']
export const cancelRemoteRequest = (_details: unknown, callback: (response: { cancel: boolean }) => void): void =>
  callback({ cancel: true })

type GuardableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest'>
}
export function lockDownSession(session: GuardableSession): void {
  session.setPermissionRequestHandler(denyPermissionRequest)
  session.setPermissionCheckHandler(denyPermissionCheck)
  session.setDevicePermissionHandler(denyDevice)
  session.webRequest.onBeforeRequest({ urls: REMOTE_URL_PATTERNS }, cancelRemoteRequest)
}

// ---- app:// protocol ---------------------------------------------------------------------------

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
}

const securityHeaders = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
}

/** The protocol.handle handler for app://counter/: files under rootDir only, every response with the CSP header. */
export function serveRenderer(rootDir: string): (request: Request) => Promise<Response> {
  const root = normalize(rootDir + sep)
  return async (request) => {
    const url = new URL(request.url)
    if (!isAppUrl(request.url) || request.method !== 'GET') return plain(403, 'Forbidden')
    let path: string
    try {
      path = decodeURIComponent(url.pathname)
    } catch {
      return plain(400, 'Bad request')
    }
    if (path.endsWith('/')) path += 'index.html'
    const file = normalize(join(root, path))
    if (!file.startsWith(root) || path.includes('\0')) return plain(403, 'Forbidden')
    try {
      const body = await readFile(file)
      const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
      return new Response(body, { status: 200, headers: { 'Content-Type': type, ...securityHeaders } })
    } catch {
      return plain(404, 'Not found')
    }
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders } })
}

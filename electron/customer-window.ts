// The customer screen in Electron: a second window, full-screen on the second display (customer-placement.ts decides
// where), no menu, nothing to navigate to, the same sandbox and guards as the counter's window. Thin glue only.
import { BrowserWindow, screen, type BrowserWindowConstructorOptions } from 'electron'
import { placeCustomerWindow, type Rect } from './customer-placement'
import { APP_URL, webPreferences, type BuildKind } from './security'

export const CUSTOMER_URL = `${APP_URL}customer.html`

export const customerWindowOptions = (preload: string, build: BuildKind, bounds: Rect | null): BrowserWindowConstructorOptions => ({
  ...(bounds ?? { width: 1024, height: 768 }),
  title: 'Customer screen',
  show: false,
  // full-screen only where it has a display of its own; on the counter's own screen it is a window that can be moved
  fullscreen: bounds !== null,
  frame: bounds === null,
  autoHideMenuBar: true,
  backgroundColor: '#ffffff',
  webPreferences: webPreferences(preload, build),
})

export function startCustomerWindow(o: { preload: string; build: BuildKind; onWindow(w: BrowserWindow | null): void; onError?(e: unknown): void }) {
  let win: BrowserWindow | null = null
  let displayId: number | null = null

  function open(bounds: Rect | null, id: number | null) {
    win = new BrowserWindow(customerWindowOptions(o.preload, o.build, bounds))
    displayId = id
    win.removeMenu()
    win.once('ready-to-show', () => win?.show())
    win.on('closed', () => {
      win = null
      displayId = null
      o.onWindow(null)
    })
    o.onWindow(win)
    win.loadURL(CUSTOMER_URL).catch((e: unknown) => o.onError?.(e))
  }

  function follow() {
    const primary = screen.getPrimaryDisplay().id
    // a window opened on the counter's own display (no second one then) counts as on the primary: it moves when one comes
    const p = placeCustomerWindow(screen.getAllDisplays(), primary, win ? (displayId ?? primary) : null)
    if (p.action === 'open') open(p.display.bounds, p.display.id)
    else if (p.action === 'move' && win) {
      win.setFullScreen(false)
      win.setBounds(p.display.bounds)
      win.setFullScreen(true)
      displayId = p.display.id
    } else if (p.action === 'close') win?.close()
  }

  screen.on('display-added', follow)
  screen.on('display-removed', follow)
  follow()

  return {
    window: () => win,
    /** "Customer screen" on the counter: on the second display when there is one, else a window on this one */
    show() {
      if (win) return win.show()
      const p = placeCustomerWindow(screen.getAllDisplays(), screen.getPrimaryDisplay().id, null)
      if (p.action === 'open') open(p.display.bounds, p.display.id)
      else open(null, null)
    },
    stop() {
      screen.off('display-added', follow)
      screen.off('display-removed', follow)
      win?.close()
    },
  }
}

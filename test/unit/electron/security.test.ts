// The security checklist items that live in plain data and handlers (security.ts).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  APP_URL,
  appScheme,
  CSP,
  denyNavigationAway,
  denyPermissionCheck,
  denyPermissionRequest,
  denyWindowOpen,
  guardWebContents,
  isAppUrl,
  isTrustedFrame,
  lockDownSession,
  serveRenderer,
  windowOptions,
} from '../../../electron/security'
import { FakeWebContents } from '../../support/fake-electron'

const directives = (csp: string) =>
  new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]))

describe('window options', () => {
  const prefs = windowOptions('/app/out/preload/index.js').webPreferences!
  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
  ] as const)('%s is %s', (flag, value) => {
    expect(prefs[flag]).toBe(value)
  })
  it('has DevTools off unless it is a development build', () => {
    expect(prefs.devTools).toBe(false)
    expect(windowOptions('/p.js', { packaged: true }).webPreferences!.devTools).toBe(false)
    expect(windowOptions('/p.js', { packaged: false }).webPreferences!.devTools).toBe(true)
  })
  it('loads the preload it is given', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.js')
  })
})

describe('content security policy', () => {
  const csp = directives(CSP)
  it('lets the renderer reach no remote origin', () => {
    expect(CSP).not.toMatch(/https?:|wss?:|\*|blob:|'unsafe-eval'/)
    for (const d of ['default-src', 'script-src', 'connect-src', 'font-src']) expect(csp.get(d)).toEqual(["'self'"])
    expect(csp.get('img-src')).toEqual(["'self'", 'data:'])
  })
  it("allows fetch/XHR/WebSocket to 'self' only, and no plugins, frames, base or forms", () => {
    expect(csp.get('connect-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'none'"])
  })
  it("allows nothing inline (no 'unsafe-inline', 'unsafe-hashes' or nonces), in the header and the meta tag", () => {
    const html = readFileSync(join(__dirname, '../../../renderer/index.html'), 'utf8')
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1] ?? ''
    for (const policy of [CSP, meta]) {
      expect(policy).not.toMatch(/unsafe-inline|unsafe-hashes|'nonce-|'sha\d+-/)
      expect(directives(policy).get('style-src')).toEqual(["'self'"])
    }
  })
  it('matches the meta tag in renderer/index.html (which cannot carry frame-ancestors)', () => {
    const html = readFileSync(join(__dirname, '../../../renderer/index.html'), 'utf8')
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1]
    const header = CSP.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ')
    expect(meta).toBe(header)
  })
  it('is exactly the agreed policy', () => {
    expect(CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    )
  })
})

describe('app origin', () => {
  it('registers app:// as a secure standard scheme', () => {
    expect(appScheme).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } })
    expect(APP_URL).toBe('app://counter/')
  })
  it.each([
    ['app://counter/', true],
    ['app://counter/assets/index.js', true],
    ['app://counter/#/settings', true],
    ['app://evil/', false],
    ['app://counter.evil.com/', false],
    ['app://user@counter/', false],
    ['https://counter/', false],
    ['https://evil.example/', false],
    ['file:///etc/passwd', false],
    ['http://127.0.0.1:5173/', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s is ours: %s', (url, ours) => {
    expect(isAppUrl(url)).toBe(ours)
  })
})

describe('navigation, new windows and permissions', () => {
  const navigate = (url: string) => {
    const event = { url, preventDefault: vi.fn() }
    denyNavigationAway(event)
    return event.preventDefault.mock.calls.length > 0 ? 'denied' : 'allowed'
  }
  it('denies navigation to any other origin', () => {
    for (const url of ['https://evil.example/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://other/', 'about:blank'])
      expect(navigate(url)).toBe('denied')
  })
  it('allows navigation within the app', () => {
    expect(navigate('app://counter/')).toBe('allowed')
    expect(navigate('app://counter/index.html')).toBe('allowed')
  })
  it('uses the deprecated url argument when the event has none', () => {
    const event = { preventDefault: vi.fn() }
    denyNavigationAway(event, 'https://evil.example/')
    expect(event.preventDefault).toHaveBeenCalled()
  })
  it('denies window.open, whatever the target', () => {
    expect(denyWindowOpen()).toEqual({ action: 'deny' })
  })
  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'unknown']) {
      const callback = vi.fn()
      denyPermissionRequest({}, permission, callback)
      expect(callback).toHaveBeenCalledWith(false)
    }
    expect(denyPermissionCheck()).toBe(false)
  })

  it('guards any webContents: navigation, redirects, frames, webviews and window.open', () => {
    const contents = new FakeWebContents()
    guardWebContents(contents as never)
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = { url: 'https://evil.example/', preventDefault: vi.fn() }
      contents.emit(name, away)
      expect(away.preventDefault, name).toHaveBeenCalled()
      const home = { url: 'app://counter/', preventDefault: vi.fn() }
      contents.emit(name, home)
      expect(home.preventDefault, name).not.toHaveBeenCalled()
    }
    const webview = { preventDefault: vi.fn() }
    contents.emit('will-attach-webview', webview, {}, {})
    expect(webview.preventDefault).toHaveBeenCalled()
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
  })

  it('locks the session down: permission requests, checks and devices denied; remote requests cancelled', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn() },
    }
    lockDownSession(session as never)
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as typeof denyPermissionRequest
    const granted = vi.fn()
    request({}, 'media', granted)
    expect(granted).toHaveBeenCalledWith(false)
    expect((session.setPermissionCheckHandler.mock.calls[0]![0] as () => boolean)()).toBe(false)
    expect((session.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean)()).toBe(false)
    const [filter, onRequest] = session.webRequest.onBeforeRequest.mock.calls[0]! as [{ urls: string[] }, (d: unknown, cb: (r: unknown) => void) => void]
    expect(filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']))
    const answer = vi.fn()
    onRequest({ url: 'https://evil.example/' }, answer)
    expect(answer).toHaveBeenCalledWith({ cancel: true })
  })
})

describe('IPC sender check', () => {
  const main = { url: 'app://counter/', parent: null, frameTreeNodeId: 7 }
  it("trusts only our window's main frame showing our app", () => {
    expect(isTrustedFrame(main, main)).toBe(true)
    expect(isTrustedFrame({ ...main }, main)).toBe(true) // another wrapper object for the same frame
  })
  it('refuses a subframe, a foreign page in the main frame, another window, or no frame', () => {
    expect(isTrustedFrame({ url: 'app://counter/frame.html', parent: main, frameTreeNodeId: 8 }, main)).toBe(false)
    expect(isTrustedFrame({ ...main, url: 'https://evil.example/' }, { ...main, url: 'https://evil.example/' })).toBe(false)
    expect(isTrustedFrame({ url: 'app://counter/', parent: null, frameTreeNodeId: 9 }, main)).toBe(false) // another window
    expect(isTrustedFrame({ url: 'app://counter/', parent: null }, { url: 'app://counter/', parent: null })).toBe(false) // no identity
    expect(isTrustedFrame(null, main)).toBe(false)
    expect(isTrustedFrame(main, null)).toBe(false)
  })
  it('refuses a frame that has a parent even if it claims the main frame id', () => {
    expect(isTrustedFrame({ ...main, parent: main }, main)).toBe(false)
  })
})

describe('app:// protocol handler', () => {
  let root = ''
  let outside = ''
  let serve: (r: Request) => Promise<Response>
  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'aiqc-renderer-'))
    root = join(base, 'renderer')
    mkdirSync(join(root, 'assets'), { recursive: true })
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>AIQ Counter</title>')
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
    outside = join(base, 'secret.txt')
    writeFileSync(outside, 'not for the renderer')
    serve = serveRenderer(root)
  })
  afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }))

  it('serves the app with the CSP header and the right content type', async () => {
    const res = await serve(new Request('app://counter/'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toBe(CSP)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await res.text()).toContain('AIQ Counter')
    const js = await serve(new Request('app://counter/assets/app.js'))
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(js.headers.get('content-security-policy')).toBe(CSP)
  })
  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await serve(new Request(`app://counter${path}`))
      expect(res.status, path).not.toBe(200)
      expect(await res.text()).not.toContain('not for the renderer')
    }
  })
  it('answers 404 for a missing file and 403 for another host or a non-GET', async () => {
    expect((await serve(new Request('app://counter/nope.js'))).status).toBe(404)
    expect((await serve(new Request('app://other/index.html'))).status).toBe(403)
    expect((await serve(new Request('app://counter/', { method: 'POST', body: 'x' }))).status).toBe(403)
  })
})

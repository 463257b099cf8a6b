// `npm start`: the AIQ Counter desktop app. Finds Electron, builds the app if its sources changed, makes sure
// better-sqlite3 exists for Electron's ABI (a separate copy; see electron-native.mjs), then runs Electron on it.
// Without an Electron binary it says so in one line and starts browser mode instead (what `npm run start:browser`
// does): the same app and services on 127.0.0.1, with the link to open printed.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const NO_ELECTRON = 'No Electron binary on this machine — starting AIQ Counter in browser mode instead (the same app, in a local browser).'

function fail(line) {
  console.error(line)
  process.exit(1)
}

/** The Electron executable, fetching it once if the package allows; null when there is none to be had. */
async function findElectron() {
  let pkgDir
  try {
    pkgDir = dirname(require.resolve('electron/package.json', { paths: [root] }))
  } catch {
    return null
  }
  const located = () => {
    const pathTxt = join(pkgDir, 'path.txt')
    const relative = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : null
    const base = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkgDir, 'dist')
    const exe = join(base, relative || 'electron')
    return (relative || process.env.ELECTRON_OVERRIDE_DIST_PATH) && existsSync(exe) && statSync(exe).isFile() ? exe : null
  }
  const found = located()
  if (found || process.env.ELECTRON_OVERRIDE_DIST_PATH || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return found

  // Electron downloads its binary lazily (on first use). Try once, quietly; say something only if it takes a while.
  const notice = setTimeout(() => console.log('Downloading Electron (first start only)…'), 3000)
  const ok = await new Promise((done) => {
    const child = spawn(process.execPath, [join(pkgDir, 'install.js')], { cwd: pkgDir, stdio: 'ignore' })
    const limit = setTimeout(() => child.kill(), 10 * 60_000)
    child.on('error', () => done(false))
    child.on('close', (code) => {
      clearTimeout(limit)
      done(code === 0)
    })
  })
  clearTimeout(notice)
  return ok ? located() : null
}

function newestMtime(dir) {
  let newest = 0
  if (!existsSync(dir)) return newest
  for (const name of readdirSync(dir, { recursive: true })) {
    const s = statSync(join(dir, name))
    if (s.isFile()) newest = Math.max(newest, s.mtimeMs)
  }
  return newest
}

async function buildIfNeeded() {
  const outputs = ['out/main/index.js', 'out/main/browser.js', 'out/preload/index.js', 'out/renderer/index.html'].map((p) => join(root, p))
  const sources = Math.max(
    ...['electron', 'shared', 'renderer'].map((d) => newestMtime(join(root, d))),
    ...['electron.vite.config.ts', 'package.json'].map((f) => (existsSync(join(root, f)) ? statSync(join(root, f)).mtimeMs : 0)),
  )
  if (outputs.every((o) => existsSync(o) && statSync(o).mtimeMs >= sources)) return
  console.log('Building AIQ Counter…')
  // its bin is not in the package's exports: find it through its package.json
  const pkgFile = require.resolve('electron-vite/package.json', { paths: [root] })
  const bin = join(dirname(pkgFile), JSON.parse(readFileSync(pkgFile, 'utf8')).bin['electron-vite'])
  const code = await run(process.execPath, [bin, 'build'])
  if (code !== 0) fail('The build failed (see above). Fix it, then run `npm start` again.')
}

function run(cmd, args, options = {}) {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...options })
    child.on('error', () => done(1))
    child.on('close', (code, signal) => done(signal ? 1 : (code ?? 1)))
  })
}

/** the child runs until it stops; Ctrl+C and SIGTERM reach it so it closes the outbox cleanly */
function runToEnd(cmd, args, env) {
  const child = spawn(cmd, args, { cwd: root, env, stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('error', (e) => fail(`Could not start ${cmd === process.execPath ? 'browser mode' : 'Electron'}: ${e.message}`))
  child.on('close', (code, signal) => process.exit(signal ? 1 : (code ?? 0)))
}

async function main() {
  const electron = await findElectron()
  if (!electron) {
    console.log(NO_ELECTRON)
    await buildIfNeeded()
    return runToEnd(process.execPath, [join(root, 'out/main/browser.js')], process.env)
  }

  await buildIfNeeded()

  const { ensureElectronSqlite } = await import('./electron-native.mjs')
  let binding
  try {
    binding = await ensureElectronSqlite()
  } catch (e) {
    fail(
      `Could not build the database module for Electron: ${e.message.split('\n')[0]}\n` +
        'It needs a C++ toolchain and, once per Electron version, the internet (electronjs.org). Details: `node scripts/electron-native.mjs`.',
    )
  }

  const env = { ...process.env, AIQC_SQLITE_BINDING: binding }
  delete env.ELECTRON_RUN_AS_NODE // would make Electron behave as plain Node
  runToEnd(electron, [root, ...process.argv.slice(2)], env)
}

main().catch((e) => fail(`AIQ Counter could not start: ${e?.message ?? e}`))

// better-sqlite3 built for Electron's ABI, in a SEPARATE copy: .native/electron-<version>-<platform>-<arch>/.
// node_modules/better-sqlite3 keeps its Node build, which the tests use. The app is told where the Electron copy is
// through AIQC_SQLITE_BINDING (better-sqlite3's `nativeBinding` option).
//
//   node scripts/electron-native.mjs            build if needed, print the path
//
// Needs, once per Electron version: a C++ toolchain (as for `npm ci`) and the internet, to fetch Electron's headers.
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const ELECTRON_HEADERS = 'https://electronjs.org/headers'

export function electronInfo() {
  const dir = dirname(require.resolve('electron/package.json', { paths: [root] }))
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version
  const abi = readFileSync(join(dir, 'abi_version'), 'utf8').trim()
  return { version, abi }
}

/** Path of better_sqlite3.node built for this Electron; builds it first when missing or stale. */
export async function ensureElectronSqlite({ quiet = false } = {}) {
  const { version, abi } = electronInfo()
  const sqliteDir = dirname(require.resolve('better-sqlite3/package.json', { paths: [root] }))
  const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version
  const outDir = join(root, '.native', `electron-${version}-${process.platform}-${process.arch}`)
  const binding = join(outDir, 'better_sqlite3.node')
  const stamp = join(outDir, 'built-from.json')
  const want = { betterSqlite3: sqliteVersion, electron: version, abi }

  if (existsSync(binding) && existsSync(stamp) && readFileSync(stamp, 'utf8') === JSON.stringify(want)) return binding

  const say = quiet ? () => {} : (line) => console.log(line)
  say(`Building better-sqlite3 ${sqliteVersion} for Electron ${version} (once; takes a minute or two)…`)
  const work = mkdtempSync(join(tmpdir(), 'aiqc-sqlite-electron-'))
  try {
    // a copy of the package, so the Node build in node_modules is never touched
    const copy = join(work, 'better-sqlite3')
    cpSync(sqliteDir, copy, { recursive: true, filter: (p) => !p.startsWith(join(sqliteDir, 'build')) })
    await nodeGyp(copy, [
      'rebuild',
      '--release',
      `--target=${version}`,
      `--arch=${process.arch}`,
      `--dist-url=${ELECTRON_HEADERS}`,
      `--devdir=${join(root, '.native', 'gyp')}`,
    ])
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node')
    if (!existsSync(built)) throw new Error('node-gyp finished but produced no better_sqlite3.node')
    checkBuiltForElectron(built, abi)
    mkdirSync(outDir, { recursive: true })
    cpSync(built, binding)
    writeFileSync(stamp, JSON.stringify(want))
    return binding
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

function nodeGyp(cwd, args) {
  const gyp = require.resolve('node-gyp/bin/node-gyp.js', { paths: [root] })
  // A nodedir from ~/.npmrc (npm passes it as npm_config_nodedir) would make node-gyp build against Node's headers
  // and quietly produce a Node build: drop every npm_config_* so only our arguments count.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k)))
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [gyp, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolvePromise()
      else reject(new Error(`node-gyp failed (exit ${code}):\n${output.split('\n').slice(-25).join('\n')}`))
    })
  })
}

/** Loading it in plain Node must fail with Electron's module version; loading fine means it was built for Node. */
function checkBuiltForElectron(file, abi) {
  const probe = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(file)})`], { encoding: 'utf8' })
  if (probe.status === 0) throw new Error('the rebuilt better-sqlite3 loads in Node, so it was built for Node, not Electron')
  if (!probe.stderr.includes(`NODE_MODULE_VERSION ${abi}`))
    console.warn(`warning: could not confirm better-sqlite3 was built for Electron's ABI ${abi}:\n${probe.stderr.split('\n').slice(0, 3).join('\n')}`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureElectronSqlite().then(
    (path) => console.log(path),
    (e) => {
      console.error(`Could not build better-sqlite3 for Electron: ${e.message}`)
      process.exit(1)
    },
  )
}

// The packaged app's hardening lives in the electron-builder config: each fuse checked, and the config valid.
import { readdirSync, readFileSync, type Stats } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
// both come with electron-builder (its own packages), so the check is the one `electron-builder` runs
import { DebugLogger } from 'builder-util'
import { validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { FileMatcher } from 'app-builder-lib/out/fileMatcher'
import { createRequire } from 'node:module'
import config from '../../../electron-builder.config'
import { ROOT } from './imports'

describe('packaging config', () => {
  const fuses = config.electronFuses!
  it.each([
    ['runAsNode', false], // ELECTRON_RUN_AS_NODE ignored
    ['enableNodeOptionsEnvironmentVariable', false], // NODE_OPTIONS ignored
    ['enableNodeCliInspectArguments', false], // --inspect ignored
    ['enableCookieEncryption', true],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['grantFileProtocolExtraPrivileges', false],
  ] as const)('fuse %s is %s', (fuse, value) => {
    expect(fuses[fuse]).toBe(value)
  })

  it('packs the app into an asar archive, native addons unpacked', () => {
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toContain('**/*.node')
  })

  it('ships only the built app (out/), not sources, tests or source maps', () => {
    // the filter electron-builder itself builds from `files` to choose what goes into the app
    const patterns = [config.files].flat().filter((p): p is string => typeof p === 'string')
    expect(patterns).toEqual(config.files) // plain patterns only, none left out
    const packs = new FileMatcher(ROOT, join(ROOT, 'dist/app'), (p) => p, patterns).createFilter()
    const file = { isDirectory: () => false } as Stats
    const packed = (path: string) => packs(join(ROOT, path), file)
    for (const built of ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html', 'out/renderer/assets/app.js', 'package.json'])
      expect(packed(built), built).toBe(true)
    for (const source of ['electron/main.ts', 'renderer/src/App.tsx', 'shared/phone.ts', 'test/unit/project/packaging.test.ts', 'scripts/start.mjs', 'out/main/index.js.map', 'boundaries.yml'])
      expect(packed(source), source).toBe(false)
  })

  it("passes electron-builder's own schema check", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  }, 30_000) // compiling electron-builder's schema takes 3-10 s on a busy 2-core machine
})

/** the check `electron-builder` runs on package.json before it packs anything (not in its published types) */
const { checkMetadata } = createRequire(__filename)('app-builder-lib/out/util/packageMetadata') as {
  checkMetadata(metadata: object, devMetadata: object | null, appPackageFile: string, devAppPackageFile: string): void
}

describe('runtime vs build dependencies (issue 11, item 2)', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
    dependencies: Record<string, string>
    optionalDependencies?: Record<string, string>
    devDependencies: Record<string, string>
  }
  const runtime = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })
  /** what the packaged app must never carry: it is bundled by vite, or only builds and tests */
  const BUILD_OR_TEST = /^(electron|electron-vite|electron-builder|vite|vitest|typescript|tsx|react|react-dom|zustand|node-gyp|@playwright\/.*|playwright|@types\/.*|@vitejs\/.*|@electron\/.*|@axe-core\/.*)$/

  it('dependencies hold only what the main process loads at run time; keytar is optional', () => {
    expect(runtime.filter((name) => BUILD_OR_TEST.test(name))).toEqual([])
    expect(pkg.optionalDependencies).toEqual({ keytar: expect.any(String) })
    // each one really is loaded by main-process code (a stale entry would be packed for nothing)
    const imported = new Set<string>()
    const walk = (dir: string) => {
      for (const f of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, f.name)
        if (f.isDirectory()) walk(p)
        else if (/\.ts$/.test(f.name))
          for (const m of readFileSync(p, 'utf8').matchAll(/(?:from |require\()\s*['"]([^'".][^'"]*)['"]/g)) imported.add(m[1]!.startsWith('@') ? m[1]!.split('/').slice(0, 2).join('/') : m[1]!.split('/')[0]!)
      }
    }
    walk(join(__dirname, '../../../electron'))
    walk(join(__dirname, '../../../shared'))
    expect(runtime.filter((name) => !imported.has(name))).toEqual([])
  })

  it("passes electron-builder's own package.json check (electron only in devDependencies)", () => {
    const file = join(__dirname, '../../../package.json')
    expect(() => checkMetadata({ ...pkg, name: 'aiq-counter', version: '0.1.0' }, { ...pkg, name: 'aiq-counter', version: '0.1.0' }, file, file)).not.toThrow()
    expect(() => checkMetadata({ name: 'x', version: '1.0.0', dependencies: { electron: '1' } }, null, file, file)).toThrow(/only allowed in "devDependencies"/)
  })
})

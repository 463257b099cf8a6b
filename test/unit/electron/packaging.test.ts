// The packaged app's hardening lives in the electron-builder config: each fuse checked, and the config valid.
import { describe, expect, it } from 'vitest'
// both come with electron-builder (its own packages), so the check is the one `electron-builder` runs
import { DebugLogger } from 'builder-util'
import { validateConfiguration } from 'app-builder-lib/out/util/config/config'
import config from '../../../electron-builder.config'

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

  it('ships only the built app (out/), not sources or tests', () => {
    expect(config.files).toContain('out/**/*')
    expect(JSON.stringify(config.files)).not.toMatch(/electron\/|renderer\/|test\/|\.native/)
  })

  it("passes electron-builder's own schema check", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })
})

// `npm start` on a machine with no Electron binary: one clear line naming start:browser, exit 1, no stack trace.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'

it('says there is no Electron binary in one line and names start:browser', () => {
  const empty = mkdtempSync(join(tmpdir(), 'aiqc-no-electron-'))
  try {
    const started = Date.now()
    // Electron's own override: look for the binary in an empty folder, as on a machine that has none.
    const r = spawnSync(process.execPath, ['scripts/start.mjs'], {
      cwd: join(__dirname, '../../..'),
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
      encoding: 'utf8',
      timeout: 20_000,
    })
    const output = (r.stdout + r.stderr).trim()
    expect(r.status).toBe(1)
    expect(output.split('\n')).toEqual([
      'No Electron binary on this machine — run `npm run start:browser` to use AIQ Counter in a local browser.',
    ])
    expect(output).not.toMatch(/\bat .*:\d+:\d+|Error:/)
    expect(Date.now() - started).toBeLessThan(10_000)
  } finally {
    rmSync(empty, { recursive: true, force: true })
  }
})

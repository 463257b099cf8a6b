// Issue 11, item 6: the release workflow for machines with the internet parses and has the steps that matter.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

type Step = { name?: string; run?: string; uses?: string; if?: string; env?: Record<string, string>; with?: Record<string, string> }
const workflow = parse(readFileSync(join(__dirname, '../../../.github/workflows/release.yml'), 'utf8')) as {
  on: Record<string, unknown>
  jobs: Record<string, { strategy: { matrix: { os: string[] } }; steps: Step[] }>
}
const job = Object.values(workflow.jobs)[0]!
const runs = (re: RegExp) => job.steps.filter((s) => s.run && re.test(s.run))

describe('release workflow', () => {
  it('runs on Linux, macOS and Windows, for tags and by hand', () => {
    expect(job.strategy.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest'])
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'workflow_dispatch']))
  })
  it('installs with npm ci, runs the tests, the Electron e2e (under xvfb on Linux, required: no skip) and packages', () => {
    expect(runs(/^npm ci$/)).toHaveLength(1)
    const linux = runs(/xvfb-run -a npm test/)
    expect(linux).toHaveLength(1)
    expect(linux[0]).toMatchObject({ if: "runner.os == 'Linux'", env: { AIQC_ELECTRON_E2E: 'required', CI: 'true' } })
    const others = runs(/playwright test --project electron/)
    expect(others[0]).toMatchObject({ if: "runner.os != 'Linux'", env: { AIQC_ELECTRON_E2E: 'required' } })
    expect(runs(/^npm run package$/)).toHaveLength(1)
  })
  it('uploads the installers, and fails when there are none', () => {
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))
    expect(upload?.with).toMatchObject({ 'if-no-files-found': 'error' })
    for (const kind of ['AppImage', 'deb', 'dmg', 'exe']) expect(upload?.with?.path).toContain(`dist/*.${kind}`)
  })
})

// Issue 11, item 6: the release workflow for machines with the internet, read as GitHub would run it: on which events,
// which steps each runner of the matrix runs (their `if:` evaluated), and that what they run exists in this repo.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import builder from '../../../electron-builder.config'
import playwright from '../../../playwright.config'
import { ROOT } from './imports'

type Step = { name?: string; run?: string; uses?: string; if?: string; env?: Record<string, string>; with?: Record<string, string> }
type Job = { if?: string; 'runs-on': string; strategy: { matrix: { os: string[] } }; steps: Step[] }
const workflow = parse(readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8')) as {
  on: { push?: { tags?: string[]; branches?: string[] }; workflow_dispatch?: unknown }
  jobs: Record<string, Job>
}
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts

/**
 * GitHub's `if:` in the forms this workflow uses: `<context> == '<text>'` or `!=`, joined by && and ||; GitHub
 * compares strings ignoring case. Anything else throws, so a new kind of condition has to be taught here first.
 */
export function holds(expr: string | undefined, context: Record<string, string>): boolean {
  if (expr === undefined) return true
  const bare = expr.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')
  return bare.split('||').some((any) =>
    any.split('&&').every((term) => {
      const m = /^\s*([\w.]+)\s*(==|!=)\s*'([^']*)'\s*$/.exec(term)
      if (!m) throw new Error(`cannot evaluate "${term.trim()}"`)
      const value = context[m[1]!]
      if (value === undefined) throw new Error(`no ${m[1]} in the context`)
      return (value.toLowerCase() === m[3]!.toLowerCase()) === (m[2] === '==')
    }),
  )
}

const RUNNER_OS: Record<string, string> = { 'ubuntu-latest': 'Linux', 'macos-latest': 'macOS', 'windows-latest': 'Windows' }
const [job] = Object.values(workflow.jobs)
/** the steps a runner of this OS runs, in order */
const stepsOn = (os: string) => job!.steps.filter((s) => holds(s.if, { 'runner.os': RUNNER_OS[os]! }))
/** a step's shell commands, one by one */
const commands = (s: Step) => (s.run ?? '').split('&&').map((c) => c.trim()).filter(Boolean)
const runsScript = (s: Step, script: string) => commands(s).some((c) => new RegExp(`\\bnpm (run )?${script}$`).test(c))
const isTests = (s: Step) => commands(s).some((c) => /\bnpm (run )?test\b|playwright test/.test(c))

describe('the release workflow, as GitHub runs it', () => {
  it('is one job on Linux, macOS and Windows, started by a version tag or by hand, never by a branch push', () => {
    expect(Object.keys(workflow.jobs)).toHaveLength(1)
    expect(job!.strategy.matrix.os.map((os) => RUNNER_OS[os])).toEqual(['Linux', 'macOS', 'Windows'])
    expect(job!['runs-on']).toBe('${{ matrix.os }}')
    expect(holds(job!.if, {})).toBe(true)
    expect(workflow.on.push?.branches).toBeUndefined()
    const tag = (ref: string) => (workflow.on.push?.tags ?? []).some((g) => new RegExp(`^${g.replace(/\*/g, '.*')}$`).test(ref))
    expect([tag('v1.4.0'), tag('v2.0.0-rc.1'), tag('nightly')]).toEqual([true, true, false])
    expect('workflow_dispatch' in workflow.on).toBe(true)
  })

  it.each(Object.keys(RUNNER_OS))('on %s: installs with npm ci, tests, then packages and uploads, each script one the repo has', (os) => {
    const steps = stepsOn(os)
    const at = (pick: (s: Step) => boolean) => steps.findIndex(pick)
    const tests = steps.filter(isTests)
    expect(tests).toHaveLength(1)
    const order = [at((s) => commands(s).includes('npm ci')), at(isTests), at((s) => runsScript(s, 'package')), at((s) => !!s.uses?.startsWith('actions/upload-artifact'))]
    expect(order.every((i) => i >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    const used = steps.flatMap(commands).flatMap((c) => /\bnpm (?:run (\S+)|(test))$/.exec(c)?.slice(1).filter(Boolean) ?? [])
    expect(used).toContain('package')
    expect(used.filter((name) => !(name! in scripts))).toEqual([])
    // the Electron e2e must run, never skip, on every OS
    expect(tests[0]!.env?.AIQC_ELECTRON_E2E).toBe('required')
  })

  it('on Linux: the whole suite (the e2e in the Chromium it installs, the Electron e2e under a virtual display) with CI on', () => {
    const steps = stepsOn('ubuntu-latest')
    const tests = steps.find(isTests)!
    const [only] = commands(tests)
    expect(only).toMatch(/^xvfb-run (-a )?npm test$/)
    expect(scripts.test).toMatch(/test:unit/)
    expect(scripts.test).toMatch(/test:integration/)
    expect(scripts.test).toMatch(/test:e2e/)
    expect(tests.env?.CI).toBe('true') // under CI=true a missing dependency fails instead of skipping
    const apt = steps.find((s) => commands(s).some((c) => c.includes('apt-get install')))!
    expect(steps.indexOf(apt)).toBeLessThan(steps.indexOf(tests))
    const installed = commands(apt).find((c) => c.includes('apt-get install'))!.split(/\s+/)
    expect(installed).toContain('xvfb')
    expect(installed).toContain(tests.env!.CHROMIUM_PATH!.split('/').pop())
  })

  it.each(['macos-latest', 'windows-latest'])('on %s: no apt-get; typecheck, unit tests and the Electron e2e project after a build', (os) => {
    const steps = stepsOn(os)
    expect(steps.flatMap(commands).filter((c) => c.includes('apt-get'))).toEqual([])
    const run = commands(steps.find(isTests)!)
    const e2e = run.findIndex((c) => /playwright test --project (\S+)$/.test(c))
    const project = /--project (\S+)$/.exec(run[e2e]!)![1]
    expect(playwright.projects?.map((p) => p.name)).toContain(project)
    expect(run.findIndex((c) => /electron-vite build$/.test(c))).toBeLessThan(e2e)
    expect(run.slice(0, e2e).filter((c) => runsScript({ run: c }, 'typecheck') || runsScript({ run: c }, 'test:unit'))).toHaveLength(2)
  })

  it.each(Object.keys(RUNNER_OS))('on %s: uploads every installer electron-builder makes there, and fails when there is none', (os) => {
    const upload = stepsOn(os).find((s) => s.uses?.startsWith('actions/upload-artifact'))!
    expect(upload.with?.['if-no-files-found']).toBe('error')
    expect(upload.with?.name).toContain('${{ matrix.os }}') // three runners, three artifacts, none overwritten
    const globs = upload.with!.path!.split('\n').filter(Boolean).map((g) => new RegExp(`^${g.trim().replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`))
    const platform = ({ Linux: builder.linux, macOS: builder.mac, Windows: builder.win } as const)[RUNNER_OS[os] as 'Linux' | 'macOS' | 'Windows']!
    const EXT: Record<string, string> = { nsis: 'exe', AppImage: 'AppImage', deb: 'deb', dmg: 'dmg', zip: 'zip' }
    const targets = [platform.target].flat().map((t) => (typeof t === 'string' ? t : t!.target))
    expect(targets.length).toBeGreaterThan(0)
    for (const t of targets) {
      const installer = `${builder.directories!.output}/AIQ Counter-0.1.0.${EXT[t]}`
      expect(globs.some((g) => g.test(installer)), installer).toBe(true)
    }
  })
})

describe('the condition reader', () => {
  it('evaluates ==, != (ignoring case), && and ||, and refuses what it cannot read', () => {
    const linux = { 'runner.os': 'Linux' }
    expect(holds("runner.os == 'Linux'", linux)).toBe(true)
    expect(holds("runner.os == 'linux'", linux)).toBe(true)
    expect(holds("runner.os != 'Linux'", linux)).toBe(false)
    expect(holds("${{ runner.os == 'macOS' || runner.os == 'Linux' }}", linux)).toBe(true)
    expect(holds("runner.os == 'Linux' && runner.os != 'Linux'", linux)).toBe(false)
    expect(holds(undefined, linux)).toBe(true)
    expect(() => holds("startsWith(github.ref, 'refs/tags/')", linux)).toThrow(/cannot evaluate/)
    expect(() => holds("github.ref == 'x'", linux)).toThrow(/no github.ref/)
  })
})

// `npm start` on a machine with no Electron binary (issue 11, item 1): one line saying so, then browser mode starts
// by itself and prints the link, which serves the app; no stack trace.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'

it('says there is no Electron binary in one line, then starts browser mode (building first if the sources changed) and prints a link that serves the app', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'aiqc-no-electron-'))
  const dataDir = mkdtempSync(join(tmpdir(), 'aiqc-start-data-'))
  // Electron's own override: look for the binary in an empty folder, as on a machine that has none.
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: join(__dirname, '../../..'),
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty, AIQC_DATA_DIR: dataDir, PORT: '0' },
  })
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c))
  child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c))
  try {
    const link = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no link within 60 s:\n${output}`)), 60_000)
      const look = () => {
        const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output)
        if (m) {
          clearTimeout(timer)
          resolve(m[0])
        }
      }
      child.stdout.on('data', look)
      child.on('exit', () => reject(new Error(`exited before printing a link:\n${output}`)))
    })
    expect(output.split('\n')[0]).toBe('No Electron binary on this machine — starting AIQ Counter in browser mode instead (the same app, in a local browser).')
    const page = await fetch(link)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<title>AIQ Counter</title>')
    expect(output).not.toMatch(/\bat .*:\d+:\d+|Error:/)
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await exited
    }
    rmSync(empty, { recursive: true, force: true })
    rmSync(dataDir, { recursive: true, force: true })
  }
}, 90_000)

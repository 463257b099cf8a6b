// Issue 10, item 10: a write the disk refuses in the middle of an award leaves a log line saying so. The counter runs
// in a child process whose files may not grow past 3 MB (`ulimit -f`: writes then fail with EFBIG, as on a full
// disk; being root does not get around it, unlike a read-only file).
import { spawn } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, it } from 'vitest'

const root = resolve(__dirname, '../../..')

it('an award the disk cannot take says plainly it was NOT saved, and leaves one log line naming the action and the SQLite error', async () => {
  const child = spawn('bash', ['-c', 'ulimit -f 3072; exec "$0" --import tsx test/integration/services/disk-full-child.ts', process.execPath], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c))
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c))
  const code = await new Promise<number | null>((r) => child.on('exit', r))
  expect(code, err).toBe(0)
  const { answer, awards, dataDir } = JSON.parse(out.trim().split('\n').pop()!) as { answer: unknown; awards: number; dataDir: string }
  try {
    expect(awards).toBeGreaterThan(10) // it really filled up while awarding, not at start
    expect(answer).toMatchObject({ ok: false, error: { code: 'storage_error', message: expect.stringMatching(/NOT saved/) } })
    const lines = readFileSync(join(dataDir, 'logs', 'aiq-counter.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    const failed = lines.filter((l) => l.method === 'awardPoints')
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject({
      level: 50,
      msg: '"awardPoints" failed unexpectedly',
      err: { type: 'SqliteError', message: expect.stringMatching(/disk is full|disk I\/O error/), code: expect.stringMatching(/^SQLITE_(FULL|IOERR)/), stack: expect.any(String) },
    })
    expect(JSON.stringify(failed[0])).not.toContain('LLLLLLLLLL') // the names in the award are not logged
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}, 120_000)

// Issue 10, item 10: an unexpected failure behind any action leaves one masked log line saying which action failed,
// how (error name, message) and where (stack); the budtender still sees only the plain "Something went wrong".
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { dispatch } from '../../../electron/dispatch'
import { CounterError } from '../../../electron/errors'
import { addSecret, createLogger, forgetSecrets } from '../../../electron/log'
import { createEventHub } from '../../../electron/services/events'
import type { Services } from '../../../electron/services'

let dir = ''
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'aiqc-dispatch-'))))
afterEach(() => {
  forgetSecrets()
  rmSync(dir, { recursive: true, force: true })
})

function counterWith(api: Record<string, (args: unknown) => Promise<unknown>>) {
  const log = createLogger({ dir })
  // who may call what is access.test.ts: the logging of failures is tested with everyone allowed
  const services = { api, access: { check: async () => {} }, events: createEventHub(), log, close: async () => {} } as unknown as Services
  const lines = () => {
    log.flush()
    const raw = readFileSync(log.file, 'utf8')
    return { raw, lines: raw.trim() ? raw.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : [] }
  }
  return { services, lines }
}

it('an unexpected error: internal for the screen, one masked log line with the method, error and stack', async () => {
  addSecret('the-REAL-key-0042')
  const { services, lines } = counterWith({
    checkIn: async () => {
      throw new TypeError('cannot read "points" of undefined for 3035550100 with the-REAL-key-0042')
    },
  })
  const answer = await dispatch(services, 'checkIn', { input: '3035550100' })
  expect(answer).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(/^Something went wrong/) } })

  const { raw, lines: logged } = lines()
  expect(logged).toHaveLength(1)
  expect(logged[0]).toMatchObject({
    level: 50,
    method: 'checkIn',
    fields: ['input'],
    msg: '"checkIn" failed unexpectedly',
    err: { type: 'TypeError', message: 'cannot read "points" of undefined for ***-***-0100 with [redacted]', stack: expect.stringContaining('dispatch.test.ts') },
  })
  expect(raw).not.toMatch(/3035550100|the-REAL-key/)
})

it('an answer that does not fit the contract is logged too (it is the app\'s own mistake)', async () => {
  const { services, lines } = counterWith({ getStatus: async () => ({ mode: 'nonsense' }) })
  expect(await dispatch(services, 'getStatus', {})).toMatchObject({ ok: false, error: { code: 'internal' } })
  expect(lines().lines).toEqual([expect.objectContaining({ method: 'getStatus', err: expect.objectContaining({ type: 'ZodError' }) })])
})

it('expected failures a budtender can act on (typed errors, bad input) are not logged as unexpected', async () => {
  const { services, lines } = counterWith({
    checkIn: async () => {
      throw new CounterError('offline', 'AIQ is not answering.')
    },
  })
  expect(await dispatch(services, 'checkIn', { input: '3035550100' })).toMatchObject({ ok: false, error: { code: 'offline' } })
  expect(await dispatch(services, 'checkIn', { input: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  expect(lines().lines).toEqual([])
})

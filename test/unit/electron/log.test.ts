// The app log, read back from the real file pino wrote.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger, maskText } from '../../../electron/log'

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aiqc-log-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function readLog(file: string): { raw: string; lines: Record<string, unknown>[] } {
  const raw = readFileSync(file, 'utf8')
  return { raw, lines: raw.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) }
}

describe('masking', () => {
  it.each([
    ['5550100100', '***-***-0100'],
    ['555-010-0100', '***-***-0100'],
    ['(555) 010-0100', '***-***-0100'],
    ['555.010.0100', '***-***-0100'],
    ['555 010 0100', '***-***-0100'],
    ['+1 555 010 0100', '***-***-0100'],
    ['+15550100100', '***-***-0100'],
    ['1-555-010-0100', '***-***-0100'],
    ['15550100100', '***-***-0100'],
  ])('masks the phone %s keeping the last four digits', (phone, masked) => {
    expect(maskText(`call ${phone} today`)).toBe(`call ${masked} today`)
  })

  it('masks an email down to its first letter and domain', () => {
    expect(maskText('sent to maria.lopez+promo@example.co.uk.')).toBe('sent to m***@example.co.uk.')
  })

  it('leaves ids, amounts and longer numbers alone', () => {
    const text = 'award 01JDQ5550100100XYZ of 250 points, order 123456789012345, store 42'
    expect(maskText(text)).toBe(text)
  })
})

describe('log file', () => {
  it('writes JSON lines to <data dir>/logs with phones and emails masked in messages and fields', () => {
    const log = createLogger({ dir })
    expect(log.file).toBe(join(dir, 'logs', 'aiq-counter.log'))

    log.info('checked in (555) 010-0100 / maria@example.com')
    log.warn(
      { customer: { phone: '555-010-0199', email: 'joe@dispensary.test', notes: ['text me at 555.010.0142'] }, contactPhone: 5550100177 },
      'signup for 5550100123 failed',
    )
    log.child({ customerEmail: 'ann@example.org' }).info({ points: 250 }, 'award queued')
    log.error({ err: new Error('AIQ said: no persona for +1 555 010 0166') }, 'lookup failed')
    log.flush()

    const { raw, lines } = readLog(log.file)
    expect(raw).not.toMatch(/555[\s.-]?010[\s.-]?01\d\d|maria@|joe@|ann@|555 010 0166/)
    expect(lines[0]).toMatchObject({ msg: 'checked in ***-***-0100 / m***@example.com', level: 30 })
    expect(lines[1]).toMatchObject({
      msg: 'signup for ***-***-0123 failed',
      customer: { phone: '***-***-0199', email: 'j***@dispensary.test', notes: ['text me at ***-***-0142'] },
      contactPhone: '***-***-0177',
    })
    expect(lines[2]).toMatchObject({ msg: 'award queued', points: 250, customerEmail: 'a***@example.org' })
    expect(JSON.stringify(lines[3])).toContain('***-***-0166')
  })

  it('never writes an API key, whatever the field is called or however deep', () => {
    const log = createLogger({ dir })
    const key = 'sk_live_DISTINCTIVE_9f8e7d6c'
    log.info({ apiKey: key, request: { headers: { 'X-APIKEY': key, Authorization: `Bearer ${key}` } }, key }, 'calling AIQ')
    log.child({ api_key: key }).warn({ account: { uid: '1234', password: key } }, 'saved')
    log.flush()

    const { raw, lines } = readLog(log.file)
    expect(raw).not.toContain(key)
    expect(lines[0]).toMatchObject({ apiKey: '[redacted]', key: '[redacted]', request: { headers: { 'X-APIKEY': '[redacted]' } } })
    expect(lines[1]).toMatchObject({ account: { uid: '1234' } })
  })

  it('also writes to the terminal in development, masked the same way', async () => {
    const terminal = new PassThrough()
    let seen = ''
    terminal.on('data', (d: Buffer) => (seen += d))
    const log = createLogger({ dir, console: terminal })
    log.info({ phone: '5550100100' }, 'hello maria@example.com')
    log.flush()
    await new Promise((r) => setImmediate(r))
    expect(seen).toContain('"phone":"***-***-0100"')
    expect(seen).toContain('hello m***@example.com')
    expect(readFileSync(log.file, 'utf8')).toContain('hello m***@example.com')
  })

  it('appends across restarts', () => {
    const first = createLogger({ dir })
    first.info('first run')
    first.flush()
    const second = createLogger({ dir })
    second.info('second run')
    second.flush()
    expect(readLog(second.file).lines.map((l) => l.msg)).toEqual(['first run', 'second run'])
  })
})

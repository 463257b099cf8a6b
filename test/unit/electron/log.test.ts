// The app log, read back from the real file pino wrote.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addSecret, createLogger, forgetSecrets, maskText, scrub } from '../../../electron/log'

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
    const text = 'award 01JDQABCXYZ42 of 250 points, order 123456789012345, store 42, at 2026-12-01T09:12:38.123Z'
    expect(maskText(text)).toBe(text)
  })
})

// Issue 10, item 7: the same phone, email or key however it is spelled — URL-encoded, inside an id, nested, by field name.
describe('masking in every encoding', () => {
  afterEach(() => forgetSecrets())

  it.each([
    ['phone=%2B13035550100&x=1', 'phone=***-***-0100&x=1'],
    ['/customers/%2B1%20303%20555%200100/points', '/customers/***-***-0100/points'],
    ['q=%28303%29%20555-0100', 'q=***-***-0100'],
    ['q=303+555+0100', 'q=***-***-0100'],
    ['q=%252B13035550100', 'q=***-***-0100'],
    ['lookup?mobile=%2B1-303-555-0100', 'lookup?mobile=***-***-0100'],
  ])('masks the URL-encoded phone in %s', (text, masked) => {
    expect(maskText(text)).toBe(masked)
  })

  it.each([
    ['email=maria%40example.com', 'email=m***@example.com'],
    ['email=maria.lopez%2Bpromo%40example.co.uk', 'email=m***@example.co.uk'],
    ['email=maria%2540example.com', 'email=m***@example.com'],
  ])('masks the URL-encoded email in %s', (text, masked) => {
    expect(maskText(text)).toBe(masked)
  })

  it.each([
    ['contact_3035550100', 'contact_***-***-0100'],
    ['user3035550100abc', 'user***-***-0100abc'],
    ['signup-13035550100-retry', 'signup-***-***-0100-retry'],
    ['phone:3035550100;', 'phone:***-***-0100;'],
  ])('masks the phone digits inside the identifier %s', (text, masked) => {
    expect(maskText(text)).toBe(masked)
  })

  it('masks in nested cause and detail, on errors and plain objects', () => {
    const inner = new Error('AIQ said no to 3035550100')
    const outer = new Error('award failed for maria@example.com', { cause: inner })
    const aggregate = new AggregateError([new Error('joe@example.org rejected')], 'two failures')
    const out = JSON.stringify(
      scrub({
        err: outer,
        detail: { request: { body: '{"phone":"+13035550142"}' }, cause: { detail: { email: 'ann@example.org' } } },
        aggregate,
      }),
    )
    expect(out).not.toMatch(/3035550100|3035550142|maria@|ann@|joe@/)
    expect(out).toContain('***-***-0100') // the cause is kept, masked, not dropped
    expect(out).toContain('***-***-0142')
    expect(out).toContain('j***@example.org')
  })

  it.each(['apiKey', 'api_key', 'x-api-key', 'X-APIKEY', 'authToken', 'accessToken', 'refresh_token', 'clientSecret', 'credentials', 'aiqCredential', 'Password', 'KEY', 'private-key', 'Authorization', 'cookie', 'set-cookie'])(
    'never writes the value of a field named %s',
    (name) => {
      const value = 'plain-value-that-is-secret'
      const out = JSON.stringify(scrub({ outer: { [name]: value, headers: [[name, value]] } }))
      expect(out).not.toContain(value)
      expect(out).toContain('[redacted]')
    },
  )

  it('keeps fields that only look a little like secrets', () => {
    expect(scrub({ monkey: 'ok', keyboard: 'ok', tokens: 3, points: 250 })).toEqual({ monkey: 'ok', keyboard: 'ok', tokens: '[redacted]', points: 250 })
  })

  it.each([
    ['https://aiq.example/api?apiKey=abc123secret&uid=7', 'https://aiq.example/api?apiKey=[redacted]&uid=7'],
    ['headers: {"x-api-key":"abc123secret"}', 'headers: {"x-api-key":"[redacted]"}'],
    ['Authorization: Bearer abc123secret', 'Authorization: Bearer [redacted]'],
    ['token=abc123secret', 'token=[redacted]'],
  ])('masks a secret named in the text %s', (text, masked) => {
    expect(maskText(text)).toBe(masked)
  })

  it("scrubs the real API key's value wherever it appears, once the logger is told it", () => {
    const key = 'Zk9-REAL-KEY-value_77f3'
    expect(maskText(`sent ${key}`)).toBe(`sent ${key}`) // not known yet
    addSecret(key)
    addSecret('') // too short to be a key: ignored, so nothing else gets scrubbed
    addSecret('ab')
    const e = new Error(`AIQ refused ${key}`)
    e.stack = `Error: AIQ refused ${key}\n    at call (http.ts:12:3) ${encodeURIComponent(key)}`
    const out = JSON.stringify(scrub({ err: e, note: `key ${key}, encoded ${encodeURIComponent(key)}`, list: [key], [key]: 1 }))
    expect(out).not.toContain(key)
    expect(out).not.toContain(encodeURIComponent(key))
    expect(out).not.toContain('Zk9-REAL')
    expect(maskText('ab abc about')).toBe('ab abc about')
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

  it('writes the real API key nowhere, message and stack included, once told it (log.addSecret)', () => {
    const log = createLogger({ dir })
    const key = 'live-KEY-b1c2d3e4f5'
    addSecret(key)
    try {
      log.error({ err: new Error(`AIQ rejected ${key}`) }, `calling AIQ with ${key}`)
      log.child({ note: key }).warn(`${key} was refused`)
      log.flush()
      const { raw } = readLog(log.file)
      expect(raw).not.toContain(key)
      expect(raw).toContain('calling AIQ with [redacted]')
    } finally {
      forgetSecrets()
    }
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

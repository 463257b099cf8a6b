// Issue 10, item 2: the key goes only over https, except to this computer.
import { describe, expect, it } from 'vitest'
import { methods } from '../../../shared/contract'
import { checkServerUrl, isLoopbackHost } from '../../../shared/server-url'

describe('where the AIQ key may be sent', () => {
  it('https anywhere; http only to 127.0.0.0/8 and ::1', () => {
    expect(checkServerUrl('https://lab.alpineiq.com')).toEqual({ ok: true, origin: 'https://lab.alpineiq.com' })
    expect(checkServerUrl('http://127.0.0.1:8080/x')).toEqual({ ok: true, origin: 'http://127.0.0.1:8080' })
    expect(checkServerUrl('http://127.9.8.7')).toMatchObject({ ok: true })
    expect(checkServerUrl('http://[::1]:9')).toMatchObject({ ok: true })
    for (const bad of ['http://lab.alpineiq.com', 'http://10.0.0.5', 'http://localhost:9', 'http://127.0.0.1.evil.example', 'http://[::ffff:10.0.0.1]'])
      expect(checkServerUrl(bad), bad).toMatchObject({ ok: false, message: expect.stringMatching(/https:\/\/.*never sent unencrypted/) })
  })
  it('refuses what is not a web address, other schemes and credentials in the URL', () => {
    expect(checkServerUrl('lab.alpineiq.com')).toMatchObject({ ok: false, message: expect.stringMatching(/full address/) })
    expect(checkServerUrl('ftp://lab.alpineiq.com')).toMatchObject({ ok: false, message: expect.stringMatching(/https/) })
    expect(checkServerUrl('https://me:pw@lab.alpineiq.com')).toMatchObject({ ok: false, message: expect.stringMatching(/user name or password/) })
  })
  it('loopback means an address, not a name', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true)
    expect(isLoopbackHost('[::1]')).toBe(true)
    expect(isLoopbackHost('localhost')).toBe(false)
    expect(isLoopbackHost('127.0.0.256')).toBe(false)
  })
})

describe('the API key a person types (issue 10, item 6)', () => {
  const save = methods.saveAccount.input
  it('an all-whitespace or control-character key is refused with a message; a pasted key loses its edges', () => {
    for (const apiKey of ['   ', '\t\n', 'abc\u0000def', 'abc def', 'ab\u200bcd'])
      expect(save.safeParse({ uid: '12', apiKey }).error?.issues[0]?.message, JSON.stringify(apiKey)).toMatch(/Enter the API key|spaces or invisible characters/)
    expect(save.parse({ uid: '12', apiKey: '  k3y-abc\n' }).apiKey).toBe('k3y-abc')
  })
})

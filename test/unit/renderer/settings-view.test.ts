import { describe, expect, it } from 'vitest'
import type { DirectoryStatus } from '../../../shared/contract'
import { accountFormProblem, accountInput } from '../../../renderer/src/state/account-view'
import { directorySizeText, lastRefreshText, refreshView } from '../../../renderer/src/state/directory-view'

describe('account form', () => {
  const form = { uid: '1234', apiKey: 'k', baseUrl: '' }
  it('the account id is a number', () => {
    expect(accountFormProblem({ ...form, uid: 'abc' }, 'save', false)).toMatch(/number/)
    expect(accountFormProblem(form, 'save', false)).toBeNull()
  })
  it('saving needs the key; testing a saved account does not', () => {
    expect(accountFormProblem({ ...form, apiKey: '' }, 'save', true)).toMatch(/API key/)
    expect(accountFormProblem({ ...form, apiKey: '' }, 'test', false)).toMatch(/API key/)
    expect(accountFormProblem({ ...form, apiKey: '' }, 'test', true)).toBeNull()
  })
  it('the server URL, when given, must be a web address', () => {
    expect(accountFormProblem({ ...form, baseUrl: 'lab.alpineiq' }, 'test', false)).toMatch(/full address/)
    expect(accountFormProblem({ ...form, baseUrl: 'ftp://x.example' }, 'test', false)).toMatch(/https/)
    expect(accountFormProblem({ ...form, baseUrl: 'http://127.0.0.1:9' }, 'test', false)).toBeNull()
  })
  it('leaves empty optional fields out, so main uses AIQ by default and the saved key', () => {
    expect(accountInput({ uid: ' 12 ', apiKey: '', baseUrl: ' ' })).toEqual({ uid: '12' })
    expect(accountInput({ uid: '12', apiKey: 'k', baseUrl: 'http://127.0.0.1:9' })).toEqual({ uid: '12', apiKey: 'k', baseUrl: 'http://127.0.0.1:9' })
  })
})

const dir = (over: Partial<DirectoryStatus> = {}, refresh: Partial<DirectoryStatus['refresh']> = {}): DirectoryStatus => ({
  enabled: true,
  size: 0,
  lastFullRefreshAt: null,
  ...over,
  refresh: { state: 'idle', loaded: 0, total: null, error: null, ...refresh },
})

describe('directory section', () => {
  it('says how many customers are kept, or that nothing is', () => {
    expect(directorySizeText(dir({ size: 12_500 }))).toBe('12,500 customers kept for offline check-in')
    expect(directorySizeText(dir({ size: 1 }))).toBe('1 customer kept for offline check-in')
    expect(directorySizeText(dir({ enabled: false }))).toMatch(/^Off/)
  })
  it('last full refresh, or never', () => {
    expect(lastRefreshText(dir(), String)).toBe('Never')
    expect(lastRefreshText(dir({ lastFullRefreshAt: 5 }), (ms) => `at ${ms}`)).toBe('at 5')
  })
  it('a running refresh reads as loaded of total', () => {
    expect(refreshView(dir({}, { state: 'running', loaded: 2000, total: 6000 }))).toEqual({ kind: 'running', loaded: 2000, total: 6000, text: 'Loaded 2,000 of 6,000' })
    expect(refreshView(dir({}, { state: 'running', loaded: 0, total: null }))).toMatchObject({ total: null, text: 'Loaded 0 so far' })
    expect(refreshView(dir({}, { state: 'running', loaded: 6020, total: 6000 }))).toMatchObject({ loaded: 6020, total: 6020 })
  })
  it('a failed refresh shows its message', () => {
    expect(refreshView(dir({}, { state: 'failed', error: "Can't reach AIQ — will try again." }))).toEqual({ kind: 'failed', text: "Can't reach AIQ — will try again." })
    expect(refreshView(dir())).toEqual({ kind: 'idle' })
  })
})

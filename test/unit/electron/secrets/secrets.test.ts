// The credential store's decisions, with a stand-in keychain (the real one is in test/integration/secrets).
import { describe, expect, it } from 'vitest'
import { createCredentialStore, KEYCHAIN_SERVICE, type KeytarLike, KEYTAR_MISSING } from '../../../../electron/secrets'
import { CounterError } from '../../../../electron/errors'

function memoryKeychain() {
  const entries = new Map<string, string>()
  const calls: string[] = []
  const keytar: KeytarLike = {
    async getPassword(s, a) {
      calls.push(`get ${s}/${a}`)
      return entries.get(`${s}/${a}`) ?? null
    },
    async setPassword(s, a, p) {
      calls.push(`set ${s}/${a}`)
      entries.set(`${s}/${a}`, p)
    },
    async deletePassword(s, a) {
      calls.push(`delete ${s}/${a}`)
      return entries.delete(`${s}/${a}`)
    },
  }
  return { keytar, entries, calls }
}

const never = () => new Promise<never>(() => {})
const hangingKeychain: KeytarLike = { getPassword: never, setPassword: never, deletePassword: never }
const brokenKeychain: KeytarLike = {
  getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  setPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  deletePassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
}

async function failure(p: Promise<unknown>): Promise<CounterError> {
  const e = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(e).toBeInstanceOf(CounterError)
  return e as CounterError
}

describe('credential store', () => {
  it('keeps each key under the app service with the AIQ account id as the account', async () => {
    const { keytar, entries } = memoryKeychain()
    const store = createCredentialStore({ keytar })
    await store.set('1234', 'secret-key')
    expect([...entries]).toEqual([[`${KEYCHAIN_SERVICE}/1234`, 'secret-key']])
    expect(await store.get('1234')).toBe('secret-key')
    expect(await store.delete('1234')).toBe(true)
    expect(await store.get('1234')).toBeNull()
  })

  it('turns a keychain that never answers into "keychain unavailable" after the timeout', async () => {
    const store = createCredentialStore({ keytar: hangingKeychain, timeoutMs: 50 })
    const started = Date.now()
    const e = await failure(store.set('1234', 'secret-key'))
    expect(e.code).toBe('keychain_unavailable')
    expect(e.message).toMatch(/unlock/i)
    expect(Date.now() - started).toBeLessThan(1000)
    expect((await failure(store.get('1234'))).code).toBe('keychain_unavailable')
    expect(await store.available()).toBe(false)
  })

  it('turns a missing Secret Service into "keychain unavailable" with a message, not the raw error', async () => {
    const store = createCredentialStore({ keytar: brokenKeychain })
    const e = await failure(store.set('1234', 'secret-key'))
    expect(e.code).toBe('keychain_unavailable')
    expect(e.message).not.toMatch(/X11|D-Bus/)
    expect(e.message).toMatch(/never stored anywhere else/)
    expect(await store.available()).toBe(false)
  })

  it('rejects a blank account id or key without touching the keychain', async () => {
    const { keytar, calls } = memoryKeychain()
    const store = createCredentialStore({ keytar })
    expect((await failure(store.set('  ', 'k'))).code).toBe('invalid_input')
    expect((await failure(store.set('1234', ''))).code).toBe('invalid_input')
    expect((await failure(store.get(''))).code).toBe('invalid_input')
    expect(calls).toEqual([])
  })

  it('reports available when the keychain answers', async () => {
    expect(await createCredentialStore({ keytar: memoryKeychain().keytar }).available()).toBe(true)
  })
})

describe('without the keychain module (issue 11, item 1: keytar is optional)', () => {
  it('says the module is missing and how to install it, and tries again on a later call', async () => {
    let installed = false
    const { keytar } = memoryKeychain()
    const store = createCredentialStore({
      requireKeytar: () => {
        if (installed) return keytar
        throw Object.assign(new Error("Cannot find module 'keytar'"), { code: 'MODULE_NOT_FOUND' })
      },
    })
    await expect(store.get('1000')).rejects.toMatchObject({ code: 'keychain_unavailable', message: KEYTAR_MISSING })
    expect(KEYTAR_MISSING).toMatch(/libsecret-1-dev.*npm ci/)
    expect(await store.available()).toBe(false)
    installed = true
    await store.set('1000', 'k')
    expect(await store.get('1000')).toBe('k')
  })
})

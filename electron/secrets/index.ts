// The AIQ API key lives only in the OS keychain (keytar), one entry per AIQ account id under one service name.
// If the keychain can't be reached or doesn't answer, we say so — there is no plain-text fallback, ever.
import { createRequire } from 'node:module'
import { CounterError } from '../errors'

/** The part of keytar we use; tests may pass their own. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

export interface CredentialStore {
  /** The API key saved for this AIQ account id, or null when there is none. */
  get(uid: string): Promise<string | null>
  set(uid: string, apiKey: string): Promise<void>
  /** true when an entry was removed */
  delete(uid: string): Promise<boolean>
  /** Whether the keychain answers right now (never throws). */
  available(): Promise<boolean>
}

export type CredentialStoreOptions = {
  /** keychain service name; one for the whole app */
  service?: string
  keytar?: KeytarLike
  /** how the native module is loaded (default: require('keytar') on first use); tests pass one that fails */
  requireKeytar?: () => KeytarLike
  /** a locked keyring can wait forever for a password prompt nobody sees: give up after this long */
  timeoutMs?: number
}

export const KEYCHAIN_SERVICE = 'AIQ Counter'
const PROBE_ACCOUNT = '__aiq-counter-probe__'

const UNAVAILABLE =
  "The computer's keychain isn't available, so the AIQ API key can't be read or saved. " +
  'Sign in to the desktop session (or unlock the keyring) and try again; the key is never stored anywhere else.'
/** keytar is an optional dependency: where its native build failed (no libsecret), training mode still runs */
export const KEYTAR_MISSING =
  "This computer's copy of AIQ Counter has no keychain module (keytar), so a live AIQ key can't be kept safely. " +
  'Training mode works without it. To connect an account: on Linux install libsecret (sudo apt-get install libsecret-1-dev), then run npm ci again; elsewhere reinstall the app.'
const NO_ANSWER =
  "The computer's keychain didn't answer — it may be locked and waiting for a password. " +
  'Unlock the keyring and try again; the key is never stored anywhere else.'

export function createCredentialStore(options: CredentialStoreOptions = {}): CredentialStore {
  const service = options.service ?? KEYCHAIN_SERVICE
  const timeoutMs = options.timeoutMs ?? 5000
  let keytar: Promise<KeytarLike> | null = options.keytar ? Promise.resolve(options.keytar) : null

  // A plain require of the native module (the main bundle is CommonJS), made only when the keychain is first used.
  const requireKeytar = options.requireKeytar ?? (() => createRequire(__filename)('keytar') as KeytarLike)
  const loadKeytar = () =>
    (keytar ??= new Promise<KeytarLike>((resolve, reject) => {
      try {
        resolve(requireKeytar())
      } catch (e) {
        reject(isMissing(e) ? unavailable(KEYTAR_MISSING, e) : e)
      }
    }))

  async function call<T>(work: (k: KeytarLike) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    const giveUp = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(unavailable(NO_ANSWER, new Error(`no answer within ${timeoutMs} ms`))), timeoutMs)
    })
    try {
      const attempt = loadKeytar().then(work, (e: unknown) => {
        keytar = null // the native module failed to load; let a later call try again
        throw e
      })
      return await Promise.race([attempt, giveUp])
    } catch (e) {
      if (e instanceof CounterError) throw e
      throw unavailable(UNAVAILABLE, e)
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    async get(uid) {
      const name = account(uid)
      return call((k) => k.getPassword(service, name))
    },
    async set(uid, apiKey) {
      const name = account(uid)
      if (!apiKey) throw new CounterError('invalid_input', 'Enter the API key.')
      await call((k) => k.setPassword(service, name, apiKey))
    },
    async delete(uid) {
      const name = account(uid)
      return call((k) => k.deletePassword(service, name))
    },
    async available() {
      try {
        await call((k) => k.getPassword(service, PROBE_ACCOUNT))
        return true
      } catch {
        return false
      }
    },
  }
}

function account(uid: string): string {
  const trimmed = uid.trim()
  if (!trimmed) throw new CounterError('invalid_input', 'Enter the AIQ account id.')
  return trimmed
}

/** not installed at all, or its native part never built / cannot load */
function isMissing(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  const message = e instanceof Error ? e.message : ''
  return code === 'MODULE_NOT_FOUND' || code === 'ERR_DLOPEN_FAILED' || /keytar\.node|Cannot find module/.test(message)
}

function unavailable(message: string, cause: unknown): CounterError {
  const error = new CounterError('keychain_unavailable', message)
  Object.defineProperty(error, 'cause', { value: cause, enumerable: false })
  return error
}

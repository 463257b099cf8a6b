// Which AIQ the counter talks to: nothing yet, the training sandbox, or a real account whose key is in the keychain.
import { z } from 'zod'
import { ConnectionTest, Mode, type AppStatus, type MethodArgs } from '../../shared/contract'
import type { AiqClient } from '../aiq/types'
import { AiqError } from '../aiq/errors'
import { DEFAULT_BASE_URL } from '../aiq/client'
import { CounterError } from '../errors'
import type { Clock } from '../clock'
import type { CredentialStore } from '../secrets'
import type { Settings } from '../store/settings'
import { addSecret, forgetTestedSecret, type Logger } from '../log'
import { accountLabel } from '../../shared/queue-words'
import { checkServerUrl, isLoopbackHost, originOf } from '../../shared/server-url'
import { timeAccount } from './aiq-time'

export type TrainingSandbox = { url: string; uid: string; apiKey: string; close?: () => Promise<void> }
/** training: the loopback sandbox, which needs no rate limit */
export type MakeClient = (opts: { baseUrl: string; uid: string; apiKey: string; training?: boolean }) => AiqClient

const Saved = z.object({ mode: Mode, uid: z.string().nullable(), baseUrl: z.string().nullable() })
type Saved = z.infer<typeof Saved>
const UNCONFIGURED: Saved = { mode: 'unconfigured', uid: null, baseUrl: null }
const LastTest = ConnectionTest.nullable()

export type AccountStatus = Saved & { lastConnectionTest: ConnectionTest | null }

/** how often a key the keychain would not give is asked for again, besides on every AIQ call */
export const KEY_RETRY_MS = 15_000
/** a call waits at most this long for that read: a keychain stuck on its unlock prompt must not slow an award */
const READY_WAIT_MS = 400

const accountKey = (s: Saved): string => (s.mode === 'unconfigured' ? '' : `${s.mode}:${s.uid ?? ''}`)

/**
 * Which account is in use, as saved in the settings: the outbox and AIQ's clock ask it, so it is made before them and
 * before the account's connection (createAccount), which changes it.
 */
export function createAccountInUse(settings: Settings) {
  let saved: Saved = settings.get('account', Saved, UNCONFIGURED)
  return {
    get saved(): Saved {
      return saved
    },
    set(next: Saved) {
      saved = next
      settings.set('account', next)
    },
    /** which AIQ account awards given now belong to; see createOutbox */
    key: (): string => accountKey(saved),
    /** whose AIQ clock is in use (aiq-time.ts), or null when no account is */
    timeAccount: (): string | null =>
      saved.mode === 'unconfigured' || !saved.uid ? null : timeAccount({ training: saved.mode === 'training', baseUrl: saved.baseUrl ?? DEFAULT_BASE_URL, uid: saved.uid }),
  }
}
export type AccountInUse = ReturnType<typeof createAccountInUse>

export function createAccount(deps: {
  settings: Settings
  /** which account is in use: read here, and changed by save, signOut and useTraining */
  inUse: AccountInUse
  secrets: CredentialStore
  startTraining: () => Promise<TrainingSandbox>
  makeClient: MakeClient
  clock: Clock
  onChange: () => void
  /** awards of the connected account not yet in AIQ (pending, sending, failed) */
  waiting: () => number
  log?: Logger
  keyRetryMs?: number
}) {
  const { settings, secrets, makeClient, clock } = deps
  const { inUse } = deps
  let client: AiqClient | null = null
  let training: TrainingSandbox | null = null
  /** the key read under way: a burst of calls (or a keychain waiting on its unlock prompt) shares one */
  let asking: Promise<void> | null = null
  let keyMissingSince: number | null = null
  let retryTimer: NodeJS.Timeout | null = null
  /** the last test of the saved account's own id and origin; kept when the account is then saved */
  let testOfSaved: { uid: string; origin: string; test: ConnectionTest } | null = null

  const savedOrigin = () => (inUse.saved.mode === 'live' ? originOf(inUse.saved.baseUrl ?? DEFAULT_BASE_URL) : null)

  async function stopTraining() {
    const t = training
    training = null
    await t?.close?.()
  }

  async function connectTraining() {
    training ??= await deps.startTraining()
    if (!isLoopbackHost(new URL(training.url).hostname)) throw new CounterError('internal', 'Training mode may only use the built-in sandbox.')
    client = makeClient({ baseUrl: training.url, uid: training.uid, apiKey: training.apiKey, training: true })
  }

  /**
   * A locked or missing keychain must not stop the counter from opening: it says so on the first AIQ call, and the
   * key is asked for again on each AIQ call and on a timer until the keychain gives it; then sync resumes by itself.
   */
  function askForKey(): Promise<void> {
    if (client || inUse.saved.mode !== 'live' || !inUse.saved.uid) return Promise.resolve()
    if (asking) return asking
    const { uid } = inUse.saved
    const baseUrl = inUse.saved.baseUrl ?? DEFAULT_BASE_URL
    asking = secrets
      .get(uid)
      .then(
        (key) => ({ key, error: null as unknown }),
        (error: unknown) => ({ key: null, error }),
      )
      .then(({ key, error }) => {
        if (inUse.saved.mode !== 'live' || inUse.saved.uid !== uid || client) return
        if (key) {
          addSecret(key) // from now on no log line can carry it
          client = makeClient({ baseUrl, uid, apiKey: key })
          if (keyMissingSince !== null) deps.log?.info({ uid, waitedMs: clock.now() - keyMissingSince }, 'keychain: the AIQ key can be read again; syncing resumes')
          keyMissingSince = null
          stopRetrying()
          deps.onChange()
          return
        }
        if (keyMissingSince === null) {
          keyMissingSince = clock.now()
          deps.log?.warn(
            { uid, err: error ?? undefined },
            error ? 'keychain: the AIQ key could not be read; asking again on the next AIQ call and on a timer' : 'keychain: no AIQ key for this account (locked or removed); asking again on the next AIQ call and on a timer',
          )
        }
        startRetrying()
      })
      .finally(() => {
        asking = null
      })
    return asking
  }
  function ready(): Promise<void> {
    const asked = askForKey()
    if (!asking) return asked
    let timer: NodeJS.Timeout | undefined
    const enough = new Promise<void>((r) => (timer = setTimeout(r, READY_WAIT_MS)))
    return Promise.race([asked, enough]).finally(() => clearTimeout(timer))
  }
  function startRetrying() {
    retryTimer ??= setInterval(() => void askForKey(), deps.keyRetryMs ?? KEY_RETRY_MS)
    retryTimer.unref?.()
  }
  function stopRetrying() {
    if (retryTimer) clearInterval(retryTimer)
    retryTimer = null
  }

  /** Leaving an account with awards still waiting is said first: they stay here and sync when it is back. */
  function leaving(leaveWaiting: boolean | undefined, action: string) {
    const waiting = deps.waiting()
    if (waiting === 0 || leaveWaiting) return
    const label = accountLabel(inUse.key())
    throw new CounterError(
      'needs_confirmation',
      `${waiting} ${waiting === 1 ? 'award' : 'awards'} given in ${label} ${waiting === 1 ? "hasn't" : "haven't"} reached AIQ yet. ` +
        `${waiting === 1 ? 'It stays' : 'They stay'} on this computer and ${waiting === 1 ? 'is' : 'are'} sent when ${label} is connected again. ${action}`,
    )
  }

  function forgetKeyState() {
    stopRetrying()
    keyMissingSince = null
  }

  return {
    status(): AccountStatus {
      return { ...inUse.saved, lastConnectionTest: settings.get('lastConnectionTest', LastTest, null) }
    },
    client: () => client,
    /** which AIQ account awards given now belong to; see createOutbox */
    key: inUse.key,
    /** before an AIQ call: where the keychain would not give the key, ask it again now (the read goes on if slow) */
    ready,
    requireClient(): AiqClient {
      if (client) return client
      if (inUse.saved.mode === 'live')
        throw new CounterError(
          'keychain_unavailable',
          "The AIQ key could not be read from this computer's keychain. Unlock the keychain (sign in to the computer again) or enter the key in Settings.",
        )
      throw new CounterError('not_configured', 'No AIQ account is set up. Open Settings to connect one, or practise in training mode.')
    },

    async start() {
      if (inUse.saved.mode === 'training') await connectTraining()
      else await ready() // a keychain slow to answer must not keep the counter from opening
    },

    /**
     * The saved key goes only to the saved account's own origin: testing another account id or server needs its key
     * typed. Only a test of the saved account is kept as its connection result, and only that one may resume sync.
     */
    async testConnection(input: { uid: string; apiKey?: string; baseUrl?: string }): Promise<ConnectionTest> {
      const url = checkServerUrl(input.baseUrl ?? DEFAULT_BASE_URL)
      if (!url.ok) throw new CounterError('invalid_input', url.message)
      const ofSaved = inUse.saved.mode === 'live' && input.uid === inUse.saved.uid && url.origin === savedOrigin()
      let apiKey = input.apiKey
      // a key typed for the saved account's own server is masked in the log from now on; any other typed text is not
      // (a word typed into the key field must not vanish from every later log line), and one AIQ rejected is let go
      const typedForSavedOrigin = apiKey !== undefined && url.origin === savedOrigin()
      if (typedForSavedOrigin) addSecret(apiKey, 'tested')
      if (!apiKey) {
        if (!ofSaved)
          throw new CounterError(
            'invalid_input',
            inUse.saved.mode === 'live' ? 'Enter the API key to test a different account or server. The saved key is only ever sent to its own account.' : 'Enter the API key to test the connection.',
          )
        apiKey = (await secrets.get(input.uid)) ?? undefined
        addSecret(apiKey)
        if (!apiKey) throw new CounterError('keychain_unavailable', "The saved key could not be read from this computer's keychain. Unlock the keychain, or enter the key again.")
      }
      const probe = makeClient({ baseUrl: input.baseUrl ?? DEFAULT_BASE_URL, uid: input.uid, apiKey })
      const test = await connectionTest(probe, clock)
      if (typedForSavedOrigin && test.result === 'key_rejected') forgetTestedSecret(input.apiKey)
      if (!ofSaved) {
        testOfSaved = { uid: input.uid, origin: url.origin, test }
        return test
      }
      testOfSaved = null
      settings.set('lastConnectionTest', test)
      // a typed key that works says nothing about the saved one, which sync uses
      if (test.result === 'connected' && !input.apiKey) deps.onChange()
      return test
    },

    async save(input: { uid: string; apiKey: string; baseUrl?: string; leaveWaiting?: boolean }) {
      const baseUrl = input.baseUrl ?? DEFAULT_BASE_URL
      const url = checkServerUrl(baseUrl)
      if (!url.ok) throw new CounterError('invalid_input', url.message)
      const sameAccount = inUse.saved.mode === 'live' && inUse.saved.uid === input.uid
      if (!sameAccount) leaving(input.leaveWaiting, 'Save to connect the other account anyway.')
      await secrets.set(input.uid, input.apiKey)
      if (inUse.saved.mode === 'live' && inUse.saved.uid && inUse.saved.uid !== input.uid) await secrets.delete(inUse.saved.uid)
      await stopTraining()
      forgetKeyState()
      inUse.set({ mode: 'live', uid: input.uid, baseUrl })
      addSecret(input.apiKey)
      client = makeClient({ baseUrl, uid: input.uid, apiKey: input.apiKey })
      const kept = testOfSaved && testOfSaved.uid === input.uid && testOfSaved.origin === url.origin ? testOfSaved.test : null
      settings.set('lastConnectionTest', kept)
      testOfSaved = null
      deps.onChange()
    },

    async signOut(opts: { leaveWaiting?: boolean } = {}) {
      if (inUse.saved.mode !== 'unconfigured') leaving(opts.leaveWaiting, 'Sign out anyway?')
      if (inUse.saved.uid && inUse.saved.mode === 'live') await secrets.delete(inUse.saved.uid)
      await stopTraining()
      forgetKeyState()
      client = null
      inUse.set(UNCONFIGURED)
      settings.set('lastConnectionTest', null)
      deps.onChange()
    },

    async useTraining(opts: { leaveWaiting?: boolean } = {}) {
      if (inUse.saved.mode === 'live') leaving(opts.leaveWaiting, 'Switch to training mode anyway?')
      forgetKeyState()
      await connectTraining()
      inUse.set({ mode: 'training', uid: training!.uid, baseUrl: null })
      deps.onChange()
    },

    async close() {
      stopRetrying()
      await stopTraining()
    },
  }
}
export type Account = ReturnType<typeof createAccount>

/** The account's part of the contract's methods: each change answers with the app's status after it. */
export function accountApi(account: Account, status: () => AppStatus) {
  const withStatus = async (work: () => Promise<void>) => {
    await work()
    return status()
  }
  return {
    testConnection: (args: MethodArgs<'testConnection'>) => account.testConnection(args),
    saveAccount: async (args: MethodArgs<'saveAccount'>) => withStatus(() => account.save(args)),
    signOut: async (args: MethodArgs<'signOut'>) => withStatus(() => account.signOut(args)),
    useTrainingMode: async (args: MethodArgs<'useTrainingMode'>) => withStatus(() => account.useTraining(args)),
  }
}

/** A cheap authenticated call: one persona from the list. */
export async function connectionTest(client: AiqClient, clock: Clock): Promise<ConnectionTest> {
  const at = clock.now()
  try {
    await client.listPersonas({ limit: 1 })
    return { result: 'connected', message: 'Connected to AIQ.', at }
  } catch (e) {
    if (e instanceof AiqError && e.kind === 'unauthorized')
      return { result: 'key_rejected', message: 'AIQ rejected this account id and API key.', at }
    return { result: 'unreachable', message: "Can't reach AIQ at that address. Check the internet connection and the server URL.", at }
  }
}

// Which AIQ the counter talks to: nothing yet, the training sandbox, or a real account whose key is in the keychain.
import { z } from 'zod'
import { ConnectionTest, Mode } from '../../shared/contract'
import type { AiqClient } from '../aiq/types'
import { AiqError } from '../aiq/errors'
import { DEFAULT_BASE_URL } from '../aiq/client'
import { CounterError } from '../errors'
import type { Clock } from '../clock'
import type { CredentialStore } from '../secrets'
import type { Settings } from '../store/settings'

export type TrainingSandbox = { url: string; uid: string; apiKey: string; close?: () => Promise<void> }
/** training: the loopback sandbox, which needs no rate limit */
export type MakeClient = (opts: { baseUrl: string; uid: string; apiKey: string; training?: boolean }) => AiqClient

const Saved = z.object({ mode: Mode, uid: z.string().nullable(), baseUrl: z.string().nullable() })
type Saved = z.infer<typeof Saved>
const UNCONFIGURED: Saved = { mode: 'unconfigured', uid: null, baseUrl: null }
const LastTest = ConnectionTest.nullable()

export type AccountStatus = Saved & { lastConnectionTest: ConnectionTest | null }

export function createAccount(deps: {
  settings: Settings
  secrets: CredentialStore
  startTraining: () => Promise<TrainingSandbox>
  makeClient: MakeClient
  clock: Clock
  onChange: () => void
}) {
  const { settings, secrets, makeClient, clock } = deps
  let saved: Saved = settings.get('account', Saved, UNCONFIGURED)
  let client: AiqClient | null = null
  let training: TrainingSandbox | null = null

  const persist = (next: Saved) => {
    saved = next
    settings.set('account', next)
  }

  async function stopTraining() {
    const t = training
    training = null
    await t?.close?.()
  }

  async function connectTraining() {
    training ??= await deps.startTraining()
    if (!isLoopback(training.url)) throw new CounterError('internal', 'Training mode may only use the built-in sandbox.')
    client = makeClient({ baseUrl: training.url, uid: training.uid, apiKey: training.apiKey, training: true })
  }

  /** A locked or missing keychain must not stop the counter from opening: it says so on the first AIQ call. */
  async function connectLive(uid: string, baseUrl: string) {
    const key = await secrets.get(uid).catch(() => null)
    client = key ? makeClient({ baseUrl, uid, apiKey: key }) : null
  }

  return {
    status(): AccountStatus {
      return { ...saved, lastConnectionTest: settings.get('lastConnectionTest', LastTest, null) }
    },
    client: () => client,
    /** which AIQ account awards given now belong to; see createOutbox */
    key: (): string => (saved.mode === 'unconfigured' ? '' : `${saved.mode}:${saved.uid ?? ''}`),
    requireClient(): AiqClient {
      if (client) return client
      if (saved.mode === 'live')
        throw new CounterError(
          'keychain_unavailable',
          "The AIQ key could not be read from this computer's keychain. Unlock the keychain (sign in to the computer again) or enter the key in Settings.",
        )
      throw new CounterError('not_configured', 'No AIQ account is set up. Open Settings to connect one, or practise in training mode.')
    },

    async start() {
      if (saved.mode === 'training') await connectTraining()
      else if (saved.mode === 'live' && saved.uid) await connectLive(saved.uid, saved.baseUrl ?? DEFAULT_BASE_URL)
    },

    async testConnection(input: { uid: string; apiKey?: string; baseUrl?: string }): Promise<ConnectionTest> {
      const apiKey = input.apiKey ?? (await secrets.get(input.uid))
      if (!apiKey) throw new CounterError('invalid_input', 'Enter the API key to test the connection.')
      const probe = makeClient({ baseUrl: input.baseUrl ?? DEFAULT_BASE_URL, uid: input.uid, apiKey })
      const test = await connectionTest(probe, clock)
      settings.set('lastConnectionTest', test)
      deps.onChange()
      return test
    },

    async save(input: { uid: string; apiKey: string; baseUrl?: string }) {
      const baseUrl = input.baseUrl ?? DEFAULT_BASE_URL
      await secrets.set(input.uid, input.apiKey)
      if (saved.mode === 'live' && saved.uid && saved.uid !== input.uid) await secrets.delete(saved.uid)
      await stopTraining()
      persist({ mode: 'live', uid: input.uid, baseUrl })
      client = makeClient({ baseUrl, uid: input.uid, apiKey: input.apiKey })
      deps.onChange()
    },

    async signOut() {
      if (saved.uid && saved.mode === 'live') await secrets.delete(saved.uid)
      await stopTraining()
      client = null
      persist(UNCONFIGURED)
      settings.set('lastConnectionTest', null)
      deps.onChange()
    },

    async useTraining() {
      await connectTraining()
      persist({ mode: 'training', uid: training!.uid, baseUrl: null })
      deps.onChange()
    },

    close: stopTraining,
  }
}
export type Account = ReturnType<typeof createAccount>

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

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]'
}

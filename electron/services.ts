// The use-cases the UI can ask for, built from their parts. No Electron import: main.ts wires this to IPC,
// the test bridge wires it to loopback HTTP.
import { join } from 'node:path'
import type { AppStatus, Approval, EventName, EventPayload, MethodArgs, MethodName, MethodOutput } from '../shared/contract'
import { createAiqClient } from './aiq/client'
import type { RateLimiter } from './aiq/rate-limit'
import { systemClock, type Clock } from './clock'
import type { Logger } from './log'
import { startSandbox } from './sandbox'
import type { CredentialStore } from './secrets'
import { createAccount, type TrainingSandbox } from './services/account'
import { createCompatService } from './services/compat'
import { createCustomerService } from './services/customers'
import { createDirectoryService } from './services/directory'
import { createEventHub } from './services/events'
import { createIdCheckService } from './services/id-check'
import { createStaffService } from './services/staff'
import { createPointsService } from './services/points'
import { openDatabase } from './store/db'
import { createOutbox } from './store/outbox'
import { createSettings } from './store/settings'
import { createStaffStore } from './store/staff'
import { createSyncEngine } from './sync/engine'

export type ServiceApi = { [M in MethodName]: (args: MethodArgs<M>) => Promise<MethodOutput<M>> }

export interface ServiceEvents {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

export interface Services {
  api: ServiceApi
  events: ServiceEvents
  close(): Promise<void>
}

export type ServiceDeps = {
  dataDir: string
  secrets: CredentialStore
  log?: Logger
  clock?: Clock
  /** How training mode gets its sandbox; by default one is started in-process on loopback. */
  startTraining?: () => Promise<TrainingSandbox>
  fetch?: typeof fetch
  aiqTimeoutMs?: number
  /** One rate limiter for every AIQ client made here, training mode included (which otherwise runs unlimited). */
  aiqLimiter?: RateLimiter
  /** how long an unanswered award PUT may still land in AIQ before it is looked for (default 30 s; tests shorten it) */
  syncSettleMs?: number
  /** better-sqlite3 built for Electron's ABI, when running inside Electron */
  sqliteBinding?: string
}

/** at most this long between an outbox change and the event that tells the screens */
const OUTBOX_EVENT_MS = 30

export async function createServices(deps: ServiceDeps): Promise<Services> {
  const clock = deps.clock ?? systemClock
  const db = openDatabase(join(deps.dataDir, 'counter.db'), deps.sqliteBinding ? { nativeBinding: deps.sqliteBinding } : {})
  const settings = createSettings(db)
  const outbox = createOutbox(db, clock, () => account.key())
  const hub = createEventHub()

  const account = createAccount({
    settings,
    secrets: deps.secrets,
    clock,
    startTraining: deps.startTraining ?? defaultTraining,
    makeClient: ({ training, ...o }) =>
      createAiqClient({
        ...o,
        timeoutMs: deps.aiqTimeoutMs,
        fetch: deps.fetch,
        ...(deps.aiqLimiter ? { limiter: deps.aiqLimiter } : training ? { limiter: null } : {}),
        // say plainly, once per endpoint and problem, where AIQ answers in a shape the app does not know
        onShape: (endpoint, what) => deps.log?.warn({ endpoint, what }, 'AIQ answered in a shape the app does not know'),
      }),
    onChange: () => {
      engine.resume()
      engine.kick()
      directory.accountChanged()
      staff.accountChanged()
      publishStatus()
    },
  })

  const engine = createSyncEngine({
    outbox,
    getClient: () => account.client(),
    clock,
    onChange: publishOutbox,
    log: (message, detail) => deps.log?.warn({ err: detail }, message),
    ...(deps.syncSettleMs ? { settleMs: deps.syncSettleMs } : {}),
  })

  const directory = createDirectoryService({
    db,
    settings,
    // the directory pull is background work: it never takes the rate budget a check-in needs
    client: () => account.requireClient().derive({ priority: 'background' }),
    clock,
    log: deps.log,
    onProgress: (s) => {
      hub.emit('directoryProgress', s)
      publishStatus()
    },
  })

  const status = (): AppStatus => {
    const a = account.status()
    return {
      mode: a.mode,
      uid: a.uid,
      baseUrl: a.mode === 'live' ? a.baseUrl : null,
      lastConnectionTest: a.lastConnectionTest,
      online: engine.online,
      lastOnlineAt: engine.lastOnlineAt,
      outbox: outbox.counts(),
      syncPaused: engine.paused,
      directory: directory.status(),
    }
  }
  const publishStatus = () => hub.emit('statusChanged', status())
  /**
   * The queue screen shows what has not reached AIQ yet. Changes within a few milliseconds go out as one event: a
   * backlog of thousands syncing would otherwise re-list every waiting award several times per award.
   */
  let outboxPending: NodeJS.Timeout | null = null
  let closed = false
  function publishOutbox() {
    if (closed) return
    outboxPending ??= setTimeout(() => {
      outboxPending = null
      hub.emit('outboxChanged', { entries: outbox.list(['pending', 'sending', 'failed']) })
      publishStatus()
    }, OUTBOX_EVENT_MS)
  }

  const customers = createCustomerService({
    client: () => account.requireClient(),
    outbox,
    directory: () => directory.lookup(),
    clock,
    onUnreachable: () => engine.reportReachable(false),
    onReachable: () => engine.reportReachable(true),
  })
  // who is at the counter, and the manager's PIN for the risky actions (issue 13)
  const staffStore = createStaffStore(db)
  const staff = createStaffService({ store: staffStore, settings, clock, mode: () => account.status().mode, onChange: (s) => hub.emit('staffChanged', s) })
  const idCheck = createIdCheckService({
    guard: staff.guard,
    store: staffStore,
    client: () => account.requireClient(),
    clock,
    pendingPointsFor: (p) => outbox.pendingPointsFor({ contactID: p.contactID }),
  })
  /** Settings changes need the manager's PIN (staff-rules.ts); the approval is checked here, then dropped. */
  const settingsChange = async <A extends { approval?: Approval }>(args: A): Promise<Omit<A, 'approval'>> => {
    const { approval, ...rest } = args
    await staff.guard.approve({ kind: 'change_settings' }, approval)
    return rest
  }

  const points = createPointsService({
    staff: staff.guard,
    idChecks: staffStore,
    outbox,
    client: () => account.requireClient(),
    kick: (o) => {
      engine.kick(o)
      publishOutbox()
    },
  })

  const compat = createCompatService({
    client: () => account.requireClient(),
    training: () => account.status().mode === 'training',
    clock,
  })

  const withStatus = async (work: () => Promise<void>) => {
    await work()
    return status()
  }

  const api: ServiceApi = {
    getStatus: async () => status(),
    ...customers,
    ...points,
    testConnection: (args) => account.testConnection(args),
    saveAccount: async (args) => {
      const account_ = await settingsChange(args)
      return withStatus(() => account.save(account_))
    },
    signOut: async (args) => {
      await settingsChange(args)
      return withStatus(() => account.signOut())
    },
    useTrainingMode: async (args) => {
      await settingsChange(args)
      return withStatus(() => account.useTraining())
    },
    refreshDirectory: async () => directory.refresh(),
    clearDirectory: async (args) => {
      await settingsChange(args)
      return directory.clear()
    },
    setDirectoryEnabled: async (args) => {
      const { enabled } = await settingsChange(args)
      return directory.setEnabled(enabled)
    },
    ...compat,
    ...staff.api,
    ...idCheck,
  }

  await account.start()
  engine.start()
  directory.start()

  return {
    api,
    events: hub,
    async close() {
      staff.stop()
      await directory.stop()
      await engine.stop()
      closed = true
      if (outboxPending) clearTimeout(outboxPending)
      await account.close()
      db.close()
    },
  }
}

async function defaultTraining(): Promise<TrainingSandbox> {
  const sandbox = await startSandbox({ port: 0 })
  return { url: sandbox.url, uid: sandbox.uid, apiKey: sandbox.apiKey, close: () => sandbox.close() }
}

export type { MethodArgs }

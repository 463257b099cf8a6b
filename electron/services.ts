// The use-cases the UI can ask for, built from their parts. No Electron import: main.ts wires this to IPC,
// the test bridge wires it to loopback HTTP.
import { join } from 'node:path'
import type { AppStatus, Approval, MethodArgs, MethodName, MethodOutput } from '../shared/contract'
import { createAiqClient } from './aiq/client'
import type { RateLimiter } from './aiq/rate-limit'
import { systemClock, type Clock } from './clock'
import type { Logger } from './log'
import { startSandbox } from './sandbox'
import type { CredentialStore } from './secrets'
import { createAccount, type TrainingSandbox } from './services/account'
import { createCompatService } from './services/compat'
import { createCustomerService, customerWithUnsynced } from './services/customers'
import { createDirectoryService } from './services/directory'
import { createEventHub, type ServiceEvents } from './services/events'
import { createIdCheckService } from './services/id-check'
import { createStaffService } from './services/staff'
import { createPointsService } from './services/points'
import { createRedemptionService } from './services/redemptions'
import { openDatabase } from './store/db'
import { lockDataFolder } from './store/folder-lock'
import { makePrivateFolder } from './store/private'
import { createOutbox } from './store/outbox'
import { createRedemptionStore } from './store/redemptions'
import { createSettings } from './store/settings'
import { createStaffStore } from './store/staff'
import { createSyncEngine } from './sync/engine'

export type ServiceApi = { [M in MethodName]: (args: MethodArgs<M>) => Promise<MethodOutput<M>> }

export type { ServiceEvents }

export interface Services {
  api: ServiceApi
  events: ServiceEvents
  /** where the shells (IPC, the bridge) log what went wrong unexpectedly */
  log?: Logger
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
  /** how often a key the keychain would not give is asked for again (default KEY_RETRY_MS) */
  keyRetryMs?: number
  /** how long an unanswered redemption PUT may still land in AIQ before "not in its list" is believed (default 30 s) */
  redeemSettleMs?: number
  /** better-sqlite3 built for Electron's ABI, when running inside Electron */
  sqliteBinding?: string
}

/** at most this long between an outbox change and the event that tells the screens */
const OUTBOX_EVENT_MS = 30

/**
 * The counter on one data folder. The folder is made private (0700) and locked first: a second counter on the same
 * folder, in this process or another (browser mode started twice, the app and browser mode), is refused with
 * FolderInUseError, so only one sync engine ever drains its outbox. close() is safe to call more than once.
 */
export async function createServices(deps: ServiceDeps): Promise<Services> {
  makePrivateFolder(deps.dataDir) // 0700: the database (0600) and logs (0600) hold the store's customers
  const lock = lockDataFolder(deps.dataDir, deps.sqliteBinding ? { nativeBinding: deps.sqliteBinding } : {})
  let services: Services
  try {
    services = await openServices(deps)
  } catch (e) {
    lock.release()
    throw e
  }
  let closing: Promise<void> | null = null
  return {
    ...services,
    close: () => (closing ??= services.close().finally(() => lock.release())),
  }
}

async function openServices(deps: ServiceDeps): Promise<Services> {
  const clock = deps.clock ?? systemClock
  const db = openDatabase(join(deps.dataDir, 'counter.db'), deps.sqliteBinding ? { nativeBinding: deps.sqliteBinding } : {})
  const settings = createSettings(db)
  const outbox = createOutbox(db, clock, () => account.key())
  const hub = createEventHub()

  const account = createAccount({
    settings,
    secrets: deps.secrets,
    clock,
    log: deps.log,
    keyRetryMs: deps.keyRetryMs,
    waiting: () => {
      const c = outbox.counts()
      return c.pending + c.sending + c.failed
    },
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
    outbox,
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

  const redemptions = createRedemptionService({
    store: createRedemptionStore(db, clock, () => account.key()),
    client: () => account.requireClient(),
    clock,
    // unknown at start (no answer yet) is not "offline": the redemption itself finds out
    online: () => engine.online || engine.lastOnlineAt === null,
    customerOf: (p) => customerWithUnsynced(outbox, p),
    onUnreachable: () => engine.reportReachable(false),
    onReachable: () => engine.reportReachable(true),
    log: deps.log,
    staff: staff.guard,
    ...(deps.redeemSettleMs ? { settleMs: deps.redeemSettleMs } : {}),
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

  const methods: ServiceApi = {
    getStatus: async () => status(),
    ...customers,
    ...points,
    testConnection: (args) => account.testConnection(args),
    saveAccount: async (args) => {
      const input = await settingsChange(args)
      return withStatus(() => account.save(input))
    },
    signOut: async (args) => {
      const rest = await settingsChange(args)
      return withStatus(() => account.signOut(rest))
    },
    useTrainingMode: async (args) => {
      const rest = await settingsChange(args)
      return withStatus(() => account.useTraining(rest))
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
    redeemReward: (args) => redemptions.redeemReward(args),
    retryRedemption: (args) => redemptions.retryRedemption(args),
    redemptionReport: (args) => redemptions.redemptionReport(args),
    ...staff.api,
    ...idCheck,
  }
  // every call first asks the keychain again if it would not give the key before, so unlocking it is enough
  const api = Object.fromEntries(
    Object.entries(methods).map(([name, method]) => [name, async (args: never) => (await account.ready(), (method as (a: never) => Promise<unknown>)(args))]),
  ) as ServiceApi

  await account.start()
  engine.start()
  directory.start()
  // a redemption left 'sending' by a stop is in doubt; one AIQ already has is marked redeemed (nothing is sent)
  const recovering = redemptions.recover().catch((e: unknown) => deps.log?.warn({ err: e }, 'could not look at redemptions left in doubt'))

  return {
    api,
    events: hub,
    ...(deps.log ? { log: deps.log } : {}),
    async close() {
      await recovering
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

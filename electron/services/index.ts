// The counter's services, wired from their parts (wiring only: the method table is methods.ts, the status status.ts).
// No Electron import: main.ts serves them over IPC, browser mode (electron/browser/) over loopback HTTP.
import { join } from 'node:path'
import type { MethodArgs } from '../../shared/contract'
import { createAiqClient } from '../aiq/client'
import type { RateLimiter } from '../aiq/rate-limit'
import { systemClock, type Clock } from '../clock'
import type { Logger } from '../log'
import { startSandbox } from '../sandbox'
import type { CredentialStore } from '../secrets'
import { createAccessGate, type AccessGate } from './access'
import { createAccount, createAccountInUse, type TrainingSandbox } from './account'
import { createAiqTime, timeAccount } from './aiq-time'
import { createCompatService } from './compat'
import { createCounterService } from './counter'
import { createCustomerService, customerWithUnsynced } from './customers'
import { createDirectoryService } from './directory'
import { createEventHub, createPartsHub, type ServiceEvents } from './events'
import { createIdCheckService } from './id-check'
import { createConsentService } from './consents'
import { withCustomerScreen } from './consent-signup'
import { createCustomerScreen, type CustomerScreen } from './customer-screen'
import { createCustomerHub, type CustomerEvents } from './customer-events'
import { createConsentStore } from '../store/consents'
import { createStaffService } from './staff'
import { createPointsService } from './points'
import { createRedemptionService } from './redemptions'
import { methodTable, type ServiceApi } from './methods'
import { createStatus } from './status'
import { openCounterDatabase, recoveryNotice } from '../store/recovery'
import { lockDataFolder } from '../data-folder/lock'
import { makePrivateFolder } from '../data-folder/private'
import { createOutbox } from '../store/outbox'
import { createRedemptionStore } from '../store/redemptions'
import { createSettings } from '../store/settings'
import { createStaffStore } from '../store/staff'
import { createSyncEngine } from '../sync/engine'
import { createBackground } from '../background/client'

export type { ServiceApi, ServiceEvents }
export type CustomerApi = CustomerScreen['customerApi']

export interface Services {
  api: ServiceApi
  /** who may call each method (the contract's rule), asked by dispatch before the service runs */
  access: AccessGate
  events: ServiceEvents
  /** the customer screen's own small contract (customer-screen.ts): its calls, its events, and the shells' hooks */
  customer?: { api: CustomerApi; events: CustomerEvents; screen: Pick<CustomerScreen, 'attach' | 'setOpener'> }
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
  /** the built background worker (out/main/background-worker.js); from source, electron/background/worker.ts */
  backgroundWorker?: string
}

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
  // a damaged counter.db is set aside (kept) and what can be read is copied into a new one; the screens say so
  const dbFile = join(deps.dataDir, 'counter.db')
  const { db, recovered } = openCounterDatabase(dbFile, deps.sqliteBinding ? { nativeBinding: deps.sqliteBinding } : {}, () => clock.now())
  // the heavy background work (a directory pull's writes, the queue list during a drain) runs in a thread of its own
  const background = createBackground({
    dbFile,
    ...(deps.sqliteBinding ? { nativeBinding: deps.sqliteBinding } : {}),
    ...(deps.backgroundWorker ? { workerFile: deps.backgroundWorker } : {}),
    ...(deps.log ? { log: deps.log } : {}),
  })
  if (recovered) deps.log?.error({ recovered }, 'counter.db was damaged: set aside and salvaged into a new one')
  const settings = createSettings(db)
  // the parts tell each other what moved through this hub; the screens hear theirs through `hub`
  const parts = createPartsHub()
  const hub = createEventHub()
  // which account is in use: the outbox files awards under it and AIQ's clock is kept for it
  const inUse = createAccountInUse(settings)
  // the outbox, the sync engine, redemptions and the shift report reckon in AIQ's time, never this computer's
  const aiqTime = createAiqTime({
    settings,
    wall: clock,
    current: inUse.timeAccount,
    onChange: () => parts.emit('statusMoved'),
  })
  const outbox = createOutbox(db, aiqTime.clock, inUse.key)
  const counter = createCounterService({ settings })

  const account = createAccount({
    settings,
    inUse,
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
        time: aiqTime.of(timeAccount({ training, ...o })),
        timeoutMs: deps.aiqTimeoutMs,
        fetch: deps.fetch,
        ...(deps.aiqLimiter ? { limiter: deps.aiqLimiter } : training ? { limiter: null } : {}),
        // say plainly, once per endpoint and problem, where AIQ answers in a shape the app does not know
        onShape: (endpoint, what) => deps.log?.warn({ endpoint, what }, 'AIQ answered in a shape the app does not know'),
        onAnswer: () => parts.emit('aiqAnswered', { uid: o.uid.trim(), origin: new URL(o.baseUrl).origin }),
      }),
    onChange: () => parts.emit('accountChanged'),
  })

  const engine = createSyncEngine({
    outbox,
    getClient: () => account.client(),
    clock: aiqTime.clock,
    counterName: counter.name,
    onlyCounter: counter.onlyCounter,
    onChange: () => parts.emit('outboxMoved'),
    log: (message, detail) => deps.log?.warn({ err: detail }, message),
    ...(deps.syncSettleMs ? { settleMs: deps.syncSettleMs } : {}),
  })
  parts.on('accountChanged', () => {
    engine.resume()
    engine.kick()
  })
  // any answer of the connected account's AIQ, to any call (a profile panel, the directory pull), ends "offline" and
  // starts the drain at once (a Test connection of another address does not)
  parts.on('aiqAnswered', ({ uid, origin }) => {
    const current = account.client()
    if (current && current.uid === uid && current.origin === origin) engine.reportReachable(true)
  })

  const directory = createDirectoryService({
    db,
    writer: background.directoryWriter,
    settings,
    // the directory pull is background work: it never takes the rate budget a check-in needs
    client: () => account.requireClient().derive({ priority: 'background' }),
    clock,
    log: deps.log,
    onProgress: (s) => {
      hub.emit('directoryProgress', s)
      parts.emit('statusMoved')
    },
  })
  parts.on('accountChanged', () => directory.accountChanged())

  // who is at the counter, and the manager's PIN for the risky actions (issue 13)
  const staffStore = createStaffStore(db)
  const staff = createStaffService({
    store: staffStore,
    settings,
    clock,
    mode: () => account.status().mode,
    // the recovery of a lost manager PIN compares a typed key with this one; it is never sent anywhere
    savedKey: async () => {
      const a = account.status()
      return a.mode === 'live' && a.uid ? deps.secrets.get(a.uid) : null
    },
    onChange: (s) => hub.emit('staffChanged', s),
  })
  parts.on('accountChanged', () => staff.accountChanged())

  const status = createStatus({
    account,
    engine,
    outbox,
    directory,
    hub,
    clockOffsetMs: () => aiqTime.offsetMs(),
    databaseNotice: recoveryNotice(db),
    openAwards: () => background.openAwards(['pending', 'sending', 'failed'], account.key()),
    log: deps.log,
  })
  parts.on('accountChanged', () => status.publishStatus())
  parts.on('statusMoved', () => status.publishStatus())
  parts.on('outboxMoved', () => status.publishOutbox())

  const customers = createCustomerService({
    client: () => account.requireClient(),
    outbox,
    directory: () => directory.lookup(),
    clock,
    // asked only when a customer's details are saved
    staff: staff.guard,
    onUnreachable: () => engine.reportReachable(false),
    onReachable: () => engine.reportReachable(true),
    ...(deps.aiqTimeoutMs ? { lookupDeadlineMs: deps.aiqTimeoutMs } : {}),
  })
  const idCheck = createIdCheckService({
    guard: staff.guard,
    store: staffStore,
    client: () => account.requireClient(),
    clock: aiqTime.clock,
    outbox,
    account: () => account.key(),
  })
  const points = createPointsService({
    time: aiqTime,
    counterName: counter.name,
    staff: staff.guard,
    idChecks: staffStore,
    outbox,
    client: () => account.requireClient(),
    kick: (o) => {
      engine.kick(o)
      status.publishOutbox()
    },
  })

  const access = createAccessGate(staff.guard)
  const redemptions = createRedemptionService({
    access,
    store: createRedemptionStore(db, aiqTime.clock, () => account.key()),
    client: () => account.requireClient(),
    clock: aiqTime.clock,
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
    clock: aiqTime.clock,
  })

  const consents = createConsentService({
    store: createConsentStore(db),
    settings,
    aiqClock: aiqTime.clock,
    wall: clock,
    counterName: counter.name,
    budtender: () => staff.signedInName(),
  })
  const customerHub = createCustomerHub()
  const customerScreen = createCustomerScreen({
    consents,
    onStatus: (s) => hub.emit('customerScreenChanged', s),
    onView: (v) => customerHub.emit('customerViewChanged', v),
  })
  const shownCustomers = withCustomerScreen(customers, customerScreen, consents)

  const api = methodTable({ status, account, customers: shownCustomers, points, directory, compat, redemptions, staff, idCheck, counter, customerScreen, consents })

  await account.start()
  engine.start()
  directory.start()
  // a redemption left 'sending' by a stop is in doubt; one AIQ already has is marked redeemed (nothing is sent)
  const recovering = redemptions.recover().catch((e: unknown) => deps.log?.warn({ err: e }, 'could not look at redemptions left in doubt'))

  return {
    api,
    access,
    events: hub,
    customer: { api: customerScreen.customerApi, events: customerHub, screen: customerScreen },
    ...(deps.log ? { log: deps.log } : {}),
    async close() {
      await recovering
      customerScreen.stop()
      staff.stop()
      await directory.stop()
      await engine.stop()
      status.stop()
      await background.close()
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

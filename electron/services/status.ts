// What the header and the Queue show, and when the screens are told: the app status, and the outbox list coalesced.
import type { AppStatus, OutboxEntry } from '../../shared/contract'
import type { Outbox } from '../store/outbox'
import type { recoveryNotice } from '../store/recovery'
import type { SyncEngine } from '../sync/engine'
import type { Account } from './account'
import type { DirectoryService } from './directory'
import type { EventHub } from './events'

/** at most this long between an outbox change and the event that tells the screens */
const OUTBOX_EVENT_MS = 30

export function createStatus(parts: {
  account: Account
  engine: SyncEngine
  outbox: Outbox
  directory: DirectoryService
  hub: EventHub
  databaseNotice: ReturnType<typeof recoveryNotice>
  clockOffsetMs: () => number | null
  /** the awards the queue screen shows, read and checked off this thread (a backlog of thousands takes a while) */
  openAwards: () => Promise<OutboxEntry[]>
  log?: { warn(obj: object, msg?: string): void }
}) {
  const { account, outbox, hub } = parts
  const status = (): AppStatus => {
    const a = account.status()
    const engine = parts.engine
    return {
      mode: a.mode,
      uid: a.uid,
      baseUrl: a.mode === 'live' ? a.baseUrl : null,
      lastConnectionTest: a.lastConnectionTest,
      online: engine.online,
      lastOnlineAt: engine.lastOnlineAt,
      outbox: outbox.counts(),
      syncPaused: engine.paused,
      directory: parts.directory.status(),
      clockOffsetMs: parts.clockOffsetMs(),
      databaseRecovered: databaseRecovered(),
    }
  }
  const databaseRecovered = () => {
    const n = parts.databaseNotice.get()
    return n && { message: n.message, setAsideAs: n.setAsideAs, at: n.at }
  }
  const publishStatus = () => hub.emit('statusChanged', status())
  /**
   * The queue screen shows what has not reached AIQ yet. Changes within a few milliseconds go out as one event: a
   * backlog of thousands syncing would otherwise re-list every waiting award several times per award.
   */
  let pending: NodeJS.Timeout | null = null
  let stopped = false
  /** a list is being read: changes meanwhile are sent in one more list after it, never out of order */
  let reading = false
  let again = false
  function publishOutbox() {
    if (stopped) return
    if (reading) {
      again = true
      return
    }
    pending ??= setTimeout(() => void sendOutbox(), OUTBOX_EVENT_MS)
  }
  async function sendOutbox() {
    pending = null
    reading = true
    try {
      const entries = await parts.openAwards()
      if (!stopped) hub.emitChecked('outboxChanged', { entries })
    } catch (e) {
      parts.log?.warn({ err: e instanceof Error ? e.name : 'unknown' }, 'the queue list could not be read for the screens')
    } finally {
      reading = false
    }
    if (stopped) return
    publishStatus()
    if (again) {
      again = false
      publishOutbox()
    }
  }
  function dismissDatabaseNotice() {
    parts.databaseNotice.dismiss()
    publishStatus()
    return status()
  }
  return {
    status,
    publishStatus,
    publishOutbox,
    dismissDatabaseNotice,
    /** its part of the contract's methods */
    api: {
      getStatus: async () => status(),
      dismissDatabaseNotice: async () => dismissDatabaseNotice(),
    },
    stop() {
      stopped = true
      if (pending) clearTimeout(pending)
    },
  }
}
export type Status = ReturnType<typeof createStatus>

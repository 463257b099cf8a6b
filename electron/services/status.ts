// What the header and the Queue show, and when the screens are told: the app status, and the outbox list coalesced.
import type { AppStatus } from '../../shared/contract'
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
  engine: () => SyncEngine
  outbox: Outbox
  directory: () => DirectoryService
  hub: EventHub
  databaseNotice: ReturnType<typeof recoveryNotice>
  clockOffsetMs: () => number | null
}) {
  const { account, outbox, hub } = parts
  const status = (): AppStatus => {
    const a = account.status()
    const engine = parts.engine()
    return {
      mode: a.mode,
      uid: a.uid,
      baseUrl: a.mode === 'live' ? a.baseUrl : null,
      lastConnectionTest: a.lastConnectionTest,
      online: engine.online,
      lastOnlineAt: engine.lastOnlineAt,
      outbox: outbox.counts(),
      syncPaused: engine.paused,
      directory: parts.directory().status(),
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
  function publishOutbox() {
    if (stopped) return
    pending ??= setTimeout(() => {
      pending = null
      hub.emit('outboxChanged', { entries: outbox.list(['pending', 'sending', 'failed']) })
      publishStatus()
    }, OUTBOX_EVENT_MS)
  }
  return {
    status,
    publishStatus,
    publishOutbox,
    dismissDatabaseNotice() {
      parts.databaseNotice.dismiss()
      publishStatus()
      return status()
    },
    stop() {
      stopped = true
      if (pending) clearTimeout(pending)
    },
  }
}
export type Status = ReturnType<typeof createStatus>

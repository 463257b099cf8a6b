// The customer directory for offline check-in: filled by a background pull of AIQ's list endpoint (resumable, with
// progress) and by every online lookup; read when AIQ can't be reached (check-in, and Search by phone, email or name).
// Switched off, it keeps nothing.
import { toPhone10 } from '../../shared/phone'
import { z } from 'zod'
import type { DirectoryStatus } from '../../shared/contract'
import { AiqError } from '../aiq/errors'
import type { AiqClient } from '../aiq/types'
import type { Clock } from '../clock'
import { CounterError, toCounterError } from '../errors'
import type { Db } from '../store/db'
import { createDirectoryStore, inThreadWriter, type DirectoryWriter, type PullState } from '../store/directory'
import type { Settings } from '../store/settings'
import type { DirectoryLookup } from './customers'

/** rows per directory page: AIQ allows up to 2,000, but a smaller page keeps each step of the pull short, so a check-in
 * never waits behind one (npm run bench: contention) */
export const PAGE_SIZE = 500
/**
 * Each page starts this many rows before where the last one ended. Offsets shift left when AIQ drops a customer
 * during a pull; without the overlap the row that slid over the page boundary would be missed and then swept away.
 */
export const PAGE_OVERLAP = 20
const MAX_PAGES = 10_000
const KEY_ENABLED = 'directory.enabled'
const KEY_LAST_FULL = 'directory.lastFullRefreshAt'
/** "Clear" is on purpose: no automatic pull refills it until a day later (an online lookup still adds that one). */
const KEY_CLEARED = 'directory.clearedAt'
/** The AIQ account the rows came from: another account's customers must never show up at this counter. */
const KEY_ACCOUNT = 'directory.account'

type Log = { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void }

export type DirectoryServiceDeps = {
  db: Db
  /** where the pages of a pull are written: by default in this thread; the app's is the background worker */
  writer?: DirectoryWriter
  settings: Settings
  /** throws CounterError 'not_configured' when no account is set up */
  client: () => AiqClient
  clock: Clock
  log?: Log
  onProgress?: (s: DirectoryStatus) => void
  pageSize?: number
  /** after a failure AIQ may fix by itself (offline, 5xx, 429): first wait, cap, and how many tries before giving up */
  retry?: { firstMs: number; maxMs: number; maxAttempts: number }
  /** a full refresh is due this long after the last one */
  refreshEveryMs?: number
  /** how often to look whether one is due (also picks up an account set up after start) */
  checkEveryMs?: number
  /** an interrupted pull older than this starts over instead of resuming */
  resumeWithinMs?: number
}

export type DirectoryService = ReturnType<typeof createDirectoryService>

const ABORTED = Symbol('aborted')
const HOUR = 3_600_000

export function createDirectoryService(deps: DirectoryServiceDeps) {
  const { settings, clock } = deps
  const store = createDirectoryStore(deps.db)
  const writer = deps.writer ?? inThreadWriter(deps.db, store)
  const pageSize = Math.max(1, Math.min(PAGE_SIZE, deps.pageSize ?? PAGE_SIZE))
  const retry = deps.retry ?? { firstMs: 15_000, maxMs: 10 * 60_000, maxAttempts: 12 }
  const refreshEveryMs = deps.refreshEveryMs ?? 24 * HOUR
  const checkEveryMs = deps.checkEveryMs ?? 60_000
  const resumeWithinMs = deps.resumeWithinMs ?? 24 * HOUR

  let enabled = settings.get(KEY_ENABLED, z.boolean(), true)
  let owner = settings.get(KEY_ACCOUNT, z.string().nullable(), null)
  let progress: DirectoryStatus['refresh'] = { state: 'idle', loaded: 0, total: null, error: null }
  let size: number | null = null
  let started = false
  let generation = 0
  let current: { generation: number; abort: () => void; done: Promise<void> } | null = null
  let failures = 0
  let retryTimer: NodeJS.Timeout | null = null
  let checkTimer: NodeJS.Timeout | null = null

  const when = z.number().int().nonnegative().nullable()
  let lastFull = settings.get(KEY_LAST_FULL, when, null)
  let failedAt = 0

  function status(): DirectoryStatus {
    if (enabled && size === null) size = store.count()
    return { enabled, size: enabled ? (size ?? 0) : 0, lastFullRefreshAt: enabled ? lastFull : null, refresh: { ...progress } }
  }
  const publish = () => deps.onProgress?.(status())
  const changed = () => {
    size = null
  }

  /** Rows of another account are dropped before this account's are kept. */
  function adopt(uid: string) {
    if (owner === uid) return
    if (owner !== null) {
      cancel()
      wipe()
    }
    settings.set(KEY_ACCOUNT, uid)
    owner = uid
  }

  function currentUid(): string | null {
    try {
      return deps.client().uid
    } catch {
      return null
    }
  }

  function cancel() {
    generation++
    writer.cancel()
    current?.abort()
    current = null
    if (retryTimer) clearTimeout(retryTimer)
    retryTimer = null
  }

  function wipe() {
    store.clear()
    settings.remove(KEY_LAST_FULL)
    lastFull = null
    changed()
  }

  /** Starts (or resumes) a full pull in the background. Throws CounterError 'not_configured' when no account. */
  function begin() {
    const aiq = deps.client()
    cancel()
    adopt(aiq.uid)
    const now = clock.now()
    const saved = store.pull()
    const pull = saved && now - saved.runStartedAt < resumeWithinMs ? saved : store.beginPull(now)
    const mine = generation
    let abort = () => {}
    const aborted = new Promise<never>((_, reject) => {
      abort = () => reject(ABORTED)
    })
    aborted.catch(() => {})
    progress = { state: 'running', loaded: pull.nextStart, total: pull.total, error: null }
    const done = pullAll(aiq, pull, mine, aborted).finally(() => {
      if (current?.generation === mine) current = null
    })
    current = { generation: mine, abort, done }
    publish()
  }

  async function pullAll(aiq: AiqClient, pull: PullState, mine: number, aborted: Promise<never>) {
    let { nextStart, total } = pull
    try {
      for (let pages = 0; pages < MAX_PAGES; pages++) {
        const from = Math.max(0, nextStart - PAGE_OVERLAP)
        // search " " is how integrations in production ask AIQ for everyone; id order keeps pages stable as people join
        const request = aiq.listPersonas({ start: from, limit: pageSize, search: ' ', sort: 'id', dir: 'asc' })
        request.catch(() => {})
        const page = await Promise.race([request, aborted])
        if (mine !== generation) return
        const rows = page.results
        // a page is full by what AIQ sent, not by what could be read (unreadable rows are skipped, not the end)
        const got = page.received ?? rows.length
        const knowsTotal = page.hasTotal !== false
        total = knowsTotal ? page.total : null
        nextStart = Math.max(nextStart, from + got)
        const last = got === 0 || got < Math.min(pageSize, page.limit || pageSize) || (knowsTotal && nextStart >= page.total)
        const at = clock.now()
        const written = await writer.writePage({ rows, at, pull: { runStartedAt: pull.runStartedAt, nextStart, total }, last })
        if (mine !== generation || !written) return
        if (last) {
          settings.set(KEY_LAST_FULL, at)
          lastFull = at
          deps.log?.info({ removed: written.removed }, 'customer directory refreshed')
        }
        changed()
        failures = 0
        progress = { state: last ? 'idle' : 'running', loaded: nextStart, total, error: null }
        publish()
        if (last) return
      }
      throw new Error('The customer list never ended')
    } catch (e) {
      if (e === ABORTED || mine !== generation) return
      fail(e, nextStart, total)
    }
  }

  function fail(e: unknown, loaded: number, total: number | null) {
    const transient = e instanceof AiqError && e.transient
    failures = transient ? failures + 1 : 0
    const willRetry = transient && failures < retry.maxAttempts && started
    failedAt = clock.now()
    progress = { state: 'failed', loaded, total, error: failureMessage(e, willRetry) }
    deps.log?.warn({ kind: e instanceof AiqError ? e.kind : 'internal', failures }, 'customer directory refresh failed')
    if (willRetry) {
      const wait = Math.min(retry.maxMs, retry.firstMs * 2 ** (failures - 1))
      retryTimer = setTimeout(() => {
        retryTimer = null
        tryBegin()
      }, wait)
      retryTimer.unref()
    }
    publish()
  }

  /** Background starts: no account yet is not an error, the directory just waits. */
  function tryBegin() {
    if (!started || !enabled || current) return
    try {
      begin()
    } catch (e) {
      if (e instanceof CounterError && e.code === 'not_configured') return
      fail(e, progress.loaded, progress.total)
    }
  }

  function due(): boolean {
    if (store.pull()) return true
    const cleared = settings.get(KEY_CLEARED, when, null)
    const last = Math.max(lastFull ?? 0, cleared ?? 0)
    return last === 0 || clock.now() - last >= refreshEveryMs
  }

  /** The periodic look: a due pull, but after the automatic retries ran out, no more than once per longest wait. */
  function check() {
    if (current || retryTimer || !due()) return
    if (progress.state === 'failed' && clock.now() - failedAt < retry.maxMs) return
    tryBegin()
  }

  const lookup: DirectoryLookup = {
    async remember(p) {
      if (!enabled) return
      try {
        const uid = currentUid()
        if (uid) adopt(uid)
        // the worker writes it: the check-in never waits for the lock a pull's page holds
        await writer.remember([p], clock.now())
        changed()
      } catch (e) {
        deps.log?.warn({ err: e instanceof Error ? e.name : 'unknown' }, 'could not save a customer to the directory')
      }
    },
    find(q) {
      if (!enabled || !ownedByCurrentAccount()) return null
      if (q.contactID) return store.findByContactID(q.contactID)
      if (q.phone) return store.findByPhone(q.phone)
      if (q.srcID) return store.findBySrcID(q.srcID)
      return null
    },
    search(text, limit) {
      if (!enabled || !ownedByCurrentAccount()) return []
      const phone = toPhone10(text)
      if (phone) return [store.findByPhone(phone)].flatMap((h) => (h ? [h.persona] : []))
      if (text.includes('@')) return [store.findByEmail(text)].flatMap((h) => (h ? [h.persona] : []))
      return store.searchByName(text, limit).map((h) => h.persona)
    },
  }

  function ownedByCurrentAccount() {
    const uid = currentUid()
    return uid !== null && owner === uid
  }

  return {
    status,

    lookup: () => (enabled ? lookup : null),

    /** "Refresh now": resumes an interrupted pull, else starts a full one. Returns at once. */
    refresh(): DirectoryStatus {
      if (!enabled) {
        throw new CounterError(
          'invalid_input',
          'The customer directory is switched off. A manager can switch it on in Settings to keep customers for offline check-in.',
        )
      }
      if (!current) {
        failures = 0
        begin()
      }
      return status()
    },

    clear(): DirectoryStatus {
      cancel()
      wipe()
      settings.set(KEY_CLEARED, clock.now())
      progress = { state: 'idle', loaded: 0, total: null, error: null }
      publish()
      return status()
    },

    setEnabled(on: boolean): DirectoryStatus {
      if (on === enabled) return status()
      settings.set(KEY_ENABLED, on)
      if (!on) {
        cancel()
        wipe()
        settings.remove(KEY_ACCOUNT)
        settings.remove(KEY_CLEARED)
        owner = null
      }
      enabled = on
      progress = { state: 'idle', loaded: 0, total: null, error: null }
      if (on) tryBegin()
      publish()
      return status()
    },

    start(): void {
      if (started) return
      started = true
      if (!checkTimer) {
        checkTimer = setInterval(check, checkEveryMs)
        checkTimer.unref()
      }
      if (due()) tryBegin()
    },

    /** An account was set up or switched: pull now if a pull is due (also picked up within checkEveryMs anyway). */
    accountChanged(): void {
      if (due()) tryBegin()
    },

    async stop(): Promise<void> {
      started = false
      if (checkTimer) clearInterval(checkTimer)
      checkTimer = null
      const running = current
      cancel()
      if (progress.state === 'running') progress = { ...progress, state: 'idle' }
      await running?.done
    },
  }
}

function failureMessage(e: unknown, willRetry: boolean): string {
  const again = willRetry ? ' — will try again' : '. Press "Refresh now" to try again'
  if (e instanceof AiqError) {
    if (e.unreachable) return `Can't reach AIQ${again}.`
    if (e.kind === 'server_error' || e.kind === 'rate_limited') return `AIQ is busy or having a problem${again}.`
    if (e.kind === 'unauthorized') return e.message
  }
  return `The customer directory could not be updated: ${toCounterError(e).message}`
}

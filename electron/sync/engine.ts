// Drains the outbox into AIQ, oldest first, one award at a time, so that each award lands exactly once:
//  1. a row queued by phone is first resolved to AIQ's contact id (not found -> failed, a person fixes it);
//  2. a row already "sending" (a lost answer, or the app died mid-send) is looked for in AIQ's adjustments (by its
//     tag, or where AIQ keeps no notes by customer, value and time against a count taken before the PUT) before
//     anything is sent again;
//  3. the row is marked "sending" and committed, THEN the PUT goes out with the tag in its note.
// Errors: unreachable -> offline, probe with backoff; 5xx/429 -> the row retries with jittered backoff (Retry-After
// is a floor) and, when they keep coming, the whole queue slows; an answer AIQ sent that can't be read -> only that
// row backs off, and after maxUnreadable of them it is parked for a person; 401/403 -> the whole queue pauses until
// resume(); other 4xx -> the row is parked as failed. A row that keeps failing never holds up the rows behind it.
import type { AiqClient } from '../aiq/types'
import type { Clock } from '../clock'
import { CounterError } from '../errors'
import type { Outbox } from '../store/outbox'
import type { OutboxEntry } from '../../shared/contract'
import { STOPPED_RETRYING } from '../../shared/queue-words'
import { maxRetryAfterMs, nextDelay, probePolicy, sendPolicy, type BackoffPolicy } from './backoff'
import { createConnectivity } from './connectivity'
import { findByPhone, phoneToAsk } from '../aiq/lookup'
import { actionFor, countLike, customerNotFound, keepsNotes, matchWindow, maxUnreadable, reconcile } from './reconcile'
import { lookFrom, lookWindow } from '../aiq/look-window'
import { readTag, tagNote } from './tag'
import { writeOnce, type Seen } from './write-once'

export type SyncChange = { kind: 'outbox'; id: string } | { kind: 'status' }

export interface SyncStatus {
  online: boolean
  lastOnlineAt: number | null
  /** why syncing stopped and a person must act (AIQ rejected the key), else null */
  paused: string | null
}

export interface SyncEngine extends SyncStatus {
  status(): SyncStatus
  start(): void
  /** stops the loop; resolves once an in-flight call has finished */
  stop(): Promise<void>
  /** look at the queue now (after an award was added); `force` also skips the current backoff wait */
  kick(opts?: { force?: boolean }): void
  /** clear a pause (after the key changed) and drain */
  resume(): void
  /** other AIQ calls (check-in, lookups) tell the engine what they saw */
  reportReachable(ok: boolean): void
}

export type SetTimer = (fn: () => void, ms: number) => () => void

export interface SyncEngineOptions {
  outbox: Outbox
  /** the AIQ client for the current account; null while none is configured */
  getClient: () => AiqClient | null
  clock: Clock
  random?: () => number
  setTimer?: SetTimer
  onChange?: (change: SyncChange) => void
  sendPolicy?: BackoffPolicy
  probePolicy?: BackoffPolicy
  /**
   * How long after a PUT went out an unanswered one might still be applied by AIQ. A "sending" row is not
   * reconciled before then, so a late-arriving PUT cannot be missed and sent twice. Keep it above the client timeout.
   */
  settleMs?: number
  /** a cheap call that proves AIQ answers */
  probe?: (client: AiqClient) => Promise<unknown>
  log?: (message: string, detail?: unknown) => void
  /** this counter's name and who made the award go with the tag into AIQ's note (default: none) */
  counterName?: () => string
  /**
   * whether this is the only counter on its AIQ account: only then may a row without a note be taken for this
   * counter's award (default false: another counter may have written it)
   */
  onlyCounter?: () => boolean
}

const defaultTimer: SetTimer = (fn, ms) => {
  const t = setTimeout(fn, Math.min(Math.max(0, ms), 2 ** 31 - 1))
  return () => clearTimeout(t)
}
const defaultProbe = (c: AiqClient) => c.derive({ priority: 'background' }).lookupLoyalty('connectivity-check@example.com')
/** an award this young, sent for the first time, is "sent now" (interactive); the rest is background work */
const freshMs = 60_000
/** after an unexpected local error (e.g. the disk), wait this long before looking again */
const localErrorWaitMs = 1_000

export function createSyncEngine(opts: SyncEngineOptions): SyncEngine {
  const { outbox, getClient, clock } = opts
  const random = opts.random ?? Math.random
  const setTimer = opts.setTimer ?? defaultTimer
  const policy = opts.sendPolicy ?? sendPolicy
  const settleMs = opts.settleMs ?? 30_000
  const probe = opts.probe ?? defaultProbe
  const log = opts.log ?? (() => {})
  const counterName = opts.counterName ?? (() => '')
  const onlyCounter = opts.onlyCounter ?? (() => false)
  const conn = createConnectivity(clock, random, opts.probePolicy ?? probePolicy)

  let paused: string | null = null
  let running = false
  let loop: Promise<void> | null = null
  let kicked = false
  let wake: (() => void) | null = null
  /** consecutive transient failures across rows: an outage slows the whole queue, not each row separately */
  let failures = 0
  let gateUntil = 0
  /**
   * Whether this account's AIQ keeps the notes we send (learnt from our tags in its adjustment rows, per account);
   * until it is known to, each PUT first takes a baseline.
   */
  const notesKept = new Map<string, boolean>()
  /** accounts whose time was asked for in this run (an AIQ that sends no Date header is asked once) */
  const asked = new Set<string>()
  const accountOf = (c: AiqClient) => `${c.origin}|${c.uid}`
  const keepsOurNotes = (c: AiqClient) => notesKept.get(accountOf(c)) ?? null
  /** when this run's PUTs left (monotonic), by award: AIQ's stamp on the row then tells AIQ's time (no Date header) */
  const sentMono = new Map<string, number>()
  const learn = (c: AiqClient, rows: Parameters<typeof keepsNotes>[0]) => {
    const k = keepsNotes(rows)
    if (k !== null) notesKept.set(accountOf(c), k)
    for (const r of rows) {
      const id = readTag(r.note)
      const at = id === null ? undefined : sentMono.get(id)
      if (at !== undefined && r.ts !== null) c.time.observeRow(r.ts * 1000, at)
    }
  }

  const emit = (change: SyncChange) => {
    try {
      opts.onChange?.(change)
    } catch (e) {
      log('onChange listener threw', e)
    }
  }
  const changed = (row: OutboxEntry) => emit({ kind: 'outbox', id: row.id })
  const status = (): SyncStatus => ({ online: conn.online, lastOnlineAt: conn.lastOnlineAt, paused })

  function reachable() {
    if (conn.reachable()) emit({ kind: 'status' })
  }
  function unreachable() {
    if (conn.unreachable()) emit({ kind: 'status' })
  }
  function succeeded() {
    failures = 0
    gateUntil = 0
    reachable()
  }
  function pause(message: string) {
    if (paused === message) return
    paused = message
    emit({ kind: 'status' })
  }

  function sleep(ms: number | null): Promise<void> {
    if (kicked || !running) return Promise.resolve()
    return new Promise((resolve) => {
      const cancel = ms === null ? () => {} : setTimer(() => done(), ms)
      const done = () => {
        cancel()
        wake = null
        resolve()
      }
      wake = done
    })
  }

  /** One step of the loop: returns how long to wait before the next one (null = until kicked). */
  async function step(): Promise<number | null> {
    const client = getClient()
    if (!client || paused) return null
    const now = clock.now()
    if (!conn.online) {
      const at = conn.nextProbeAt ?? now
      if (at > now) return at - now
      await runProbe(client)
      return 0
    }
    if (gateUntil > now) return gateUntil - now
    // every window and settle time is on AIQ's clock: learn it from an answer of this run before trusting any
    if (!client.time.anchored() && !asked.has(accountOf(client))) {
      asked.add(accountOf(client))
      await runProbe(client)
      return 0
    }
    const row = outbox.nextDue(now)
    if (!row) {
      const at = outbox.nextWakeAt()
      return at === null ? null : Math.max(1, at - now)
    }
    await send(client, row)
    return 0
  }

  async function runProbe(client: AiqClient) {
    try {
      await probe(client)
      reachable()
    } catch (e) {
      const a = actionFor(e, 'lookup', false)
      if (a.kind === 'retry' && a.unreachable) return unreachable()
      reachable() // AIQ answered, even if with an error
      if (a.kind === 'pause') pause(a.message)
    }
  }

  async function send(base: AiqClient, first: OutboxEntry) {
    let row = first
    const info = outbox.syncInfo(row.id)
    const fresh = row.attempts === 0 && info.failures === 0 && clock.now() - row.createdAt < freshMs
    const client = fresh ? base : base.derive({ priority: 'background' })
    const queuedByPhone = row.contactID === null
    if (row.contactID === null) {
      const phone = row.phone
      let contactID: string | undefined
      try {
        contactID = phone === null ? undefined : ((await findByPhone(client, phoneToAsk(phone)))?.contactID ?? undefined)
      } catch (e) {
        return handle(row, e, 'lookup', queuedByPhone)
      }
      reachable()
      if (!contactID) return changed(outbox.markFailed(row.id, customerNotFound))
      row = outbox.setContact(row.id, contactID, phone)
      changed(row)
    }
    const contactID = row.contactID!
    return writeOnce(row, {
      mayBeInAiq: row.state === 'sending',
      async look(r): Promise<Seen<void>> {
        // a row sent before sent_at was recorded (an older version) counts as sent when it was made
        const sentAt = info.sentAt ?? r.createdAt
        const from = info.windowFrom ?? lookFrom(r.createdAt, sentAt)
        const w = lookWindow(from, clock.now(), client.time.anchored())
        const settleAt = sentAt + settleMs
        let decision
        try {
          const adjustments = await client.listAdjustments(w.startSec, w.endSec)
          learn(client, adjustments)
          const m = matchWindow(sentAt, settleAt)
          // with a baseline, our awards sent before this one's PUT are already in it (the engine sends one at a time)
          const neighbours = outbox.similar({ id: r.id, contactID, value: r.value }, info.baseline === null ? m.fromMs : sentAt + 1, m.toMs)
          decision = reconcile({ ...r, sentAt, settleAt, baseline: info.baseline, windowFrom: from }, adjustments, neighbours, {
            keepsNotes: keepsOurNotes(client),
            onlyCounter: onlyCounter(),
            timeKnown: client.time.anchored(),
          })
        } catch (e) {
          return { stop: handle(r, e, 'reconcile', queuedByPhone) }
        }
        reachable()
        if (decision.kind === 'already_applied') {
          succeeded()
          if (decision.how === 'match') outbox.note(r.id, 'matched_in_aiq', 'one adjustment without a note, same customer, value and time')
          if (decision.copies > 1) outbox.note(r.id, 'doubled_in_aiq', `AIQ holds this award ${decision.copies} times (by its tag); a manager may deduct the extra`)
          return { found: true }
        }
        if (decision.kind === 'conflict' || decision.kind === 'needs_check') return { stop: changed(outbox.markFailed(r.id, decision.message)) }
        return { found: false }
      },
      found: (r) => changed(outbox.markSynced(r.id, 'found_in_aiq')),
      async commit(r) {
        const from = outbox.syncInfo(r.id).windowFrom ?? lookFrom(r.createdAt, clock.now())
        const baseline = keepsOurNotes(client) === true ? null : await baselineFor(client, { ...r, contactID }, from)
        // the customer may have been fixed while the baseline was read: then markSending refuses and the loop looks again
        const sending = outbox.markSending(r.id, clock.now() + settleMs, baseline, { contactID, windowFrom: from })
        changed(sending)
        return sending
      },
      put(r) {
        // the PUT may wait for the rate limit: its send time and settle time are when it really leaves
        const onSend = () => {
          if (sentMono.size >= 1_000) sentMono.clear()
          sentMono.set(r.id, client.time.mono())
          outbox.restampSending(r.id, clock.now(), clock.now() + settleMs)
        }
        const note = tagNote(r.id, r.reason, { counter: counterName(), by: r.budtender })
        return client.adjustPoints(contactID, { value: r.value, note }, { onSend })
      },
      sent(r) {
        succeeded()
        changed(outbox.markSynced(r.id, 'sent'))
      },
      failed: (r, e) => handle(r, e, 'send', queuedByPhone),
    })
  }

  /**
   * Where AIQ may keep no notes: how many of its rows already look like this award just before the PUT, so that after
   * a lost answer only a new one can be it. Null when AIQ keeps notes (the tag decides) or the list can't be had.
   */
  async function baselineFor(client: AiqClient, row: OutboxEntry & { contactID: string }, from: number): Promise<number | null> {
    // the same window (and start) a reconcile of this award will read, so both counts see the same rows
    const w = lookWindow(from, clock.now())
    try {
      const rows = await client.listAdjustments(w.startSec, w.endSec)
      learn(client, rows)
      return keepsOurNotes(client) === true ? null : countLike(rows, row, from)
    } catch (e) {
      log('adjustments before a send could not be read; this award gets no baseline', e)
      return null
    }
  }

  function handle(row: OutboxEntry, e: unknown, during: 'lookup' | 'reconcile' | 'send', queuedByPhone: boolean) {
    const a = actionFor(e, during, queuedByPhone)
    // 'sending' stays 'sending' unless AIQ clearly refused the PUT (then the earlier check in AIQ, if any, still holds)
    const state: 'pending' | 'sending' =
      during === 'send' ? (a.kind === 'retry' && a.mayHaveApplied ? 'sending' : 'pending') : row.state === 'sending' ? 'sending' : 'pending'
    // read again: the settle time moves when the PUT really left the rate limiter (restampSending)
    const settleAt = state === 'sending' ? (outbox.get(row.id)?.nextAttemptAt ?? row.nextAttemptAt ?? 0) : 0
    const now = clock.now()
    // every failure leaves one line saying what happened and what the engine decided
    const decided = (what: string) => log(`award ${row.id}: ${during} failed (${a.message}); ${what}`, e)

    if (a.kind === 'pause') {
      decided('sync paused until a person acts')
      reachable()
      changed(outbox.reschedule(row.id, state === 'sending' ? settleAt : null, a.message, state, { counts: false }))
      outbox.note(row.id, 'sync_paused', a.message)
      return pause(a.message)
    }
    if (a.kind === 'fail') {
      decided('parked as failed, not retried')
      reachable()
      return changed(outbox.markFailed(row.id, a.message))
    }
    if (a.unreachable) {
      decided(`AIQ unreachable: waiting for the connection probe${state === 'sending' ? ', then a check in AIQ before any resend' : ''}`)
      // the connectivity probe decides when to try again; the row itself waits only for its settle time
      changed(outbox.reschedule(row.id, state === 'sending' ? settleAt : null, a.message, state, { counts: false }))
      return unreachable()
    }
    reachable()
    const info = outbox.syncInfo(row.id)
    if (a.unreadable && info.unreadable + 1 >= maxUnreadable) {
      decided(`answer unreadable ${maxUnreadable} times: stopped retrying`)
      outbox.note(row.id, 'unreadable_answer', a.message)
      return changed(outbox.markFailed(row.id, parkedMessage(row, a.message, state === 'sending')))
    }
    if (a.aiqWide) {
      // AIQ itself is struggling: once two tries in a row fail, every row waits, not just this one
      failures += 1
      if (failures >= 2) gateUntil = now + nextDelay(failures - 1, policy, random, a.floorMs)
    }
    if (a.floorMs > 0) gateUntil = Math.max(gateUntil, now + Math.min(a.floorMs, maxRetryAfterMs))
    const rowAt = Math.max(now + nextDelay(info.failures + 1, policy, random, a.floorMs), settleAt)
    decided(
      `retry ${info.failures + 1} in ${Math.round((rowAt - now) / 100) / 10} s${state === 'sending' ? ' (AIQ may have it: looked for first)' : ''}${gateUntil > now ? `; whole queue waits ${Math.round((gateUntil - now) / 100) / 10} s` : ''}`,
    )
    changed(outbox.reschedule(row.id, rowAt, a.message, state, { unreadable: a.unreadable }))
  }

  async function run() {
    while (running) {
      kicked = false
      let waitMs: number | null
      try {
        waitMs = await step()
      } catch (e) {
        // a row changed under us (discarded or fixed while we waited on AIQ): just look again
        if (e instanceof CounterError) waitMs = 0
        else {
          log('sync step failed', e)
          waitMs = localErrorWaitMs
        }
      }
      if (!running) break
      if (waitMs === 0) continue
      await sleep(waitMs)
    }
  }

  const engine: SyncEngine = {
    get online() {
      return conn.online
    },
    get lastOnlineAt() {
      return conn.lastOnlineAt
    },
    get paused() {
      return paused
    },
    status,
    start() {
      if (running) return
      running = true
      loop = run()
    },
    async stop() {
      running = false
      wake?.()
      await loop
      loop = null
    },
    kick(o) {
      if (o?.force) {
        gateUntil = 0
        conn.probeNow()
      }
      kicked = true
      wake?.()
    },
    resume() {
      if (paused !== null) {
        paused = null
        emit({ kind: 'status' })
      }
      engine.kick({ force: true })
    },
    reportReachable(ok) {
      if (ok) {
        const wasOffline = !conn.online
        reachable()
        if (wasOffline) engine.kick()
      } else unreachable()
    },
  }
  return engine
}

/** Why an award stopped retrying, and what a manager does about it. */
function parkedMessage(row: OutboxEntry, last: string, maybeInAiq: boolean): string {
  const who = row.customerName.trim() || 'this customer'
  const head = `${STOPPED_RETRYING}: AIQ's answers about this award could not be read ${maxUnreadable} times (last: ${last}). The award is kept here.`
  if (!maybeInAiq) return `${head} Press Retry once AIQ answers normally again; Settings → Check AIQ compatibility shows what AIQ sends.`
  const sign = row.value > 0 ? '+' : ''
  const at = new Date(row.createdAt).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' })
  return `${head} It may already be in AIQ: open ${who}'s points history in AIQ and look for ${sign}${row.value} points from ${at} on (its note, if AIQ shows notes, starts "[aiqc:${row.id}]"). If it is there, discard it here (reason: already in AIQ); if not, press Retry (the app looks in AIQ once more before it sends).`
}

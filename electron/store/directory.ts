// The offline copy of the customer list (all of its SQL). One row per AIQ customer, with just enough for the
// profile check-in shows, plus the state of the current full pull so an interrupted pull resumes where it
// stopped: a page of rows and the pull's next offset are committed in the same transaction.
import { toPhone10 } from '../../shared/phone'
import type { Db } from './db'

/**
 * One customer as the directory keeps it, in AIQ's field names so a persona from AIQ goes in as it is and comes
 * back as one (the store itself knows nothing of AIQ).
 */
export type DirectoryPerson = {
  contactID: string
  srcID?: string | null
  firstName?: string | null
  lastName?: string | null
  mobilePhone?: string | null
  homePhone?: string | null
  email?: string | null
  favoriteStoreID?: number | null
  optinTime?: number | null
  optoutTime?: number | null
  optreqTime?: number | null
  hasRequested?: boolean | null
  emailOptInTime?: number | null
  loyalty?: boolean | null
  loyaltyPoints?: number | null
}

export type DirectoryHit = { persona: DirectoryPerson; refreshedAt: number }

/** A full pull in progress: where it resumes and what it has seen so far. */
export type PullState = { runStartedAt: number; nextStart: number; total: number | null }

/** One page of a full pull to store: its rows, then the pull's new position, or (`last`) the end of the pull. */
export type DirectoryPage = { rows: readonly DirectoryPerson[]; at: number; pull: PullState; last: boolean }

/**
 * Stores pages of a pull: in this thread, or in the background worker on a connection of its own (electron/background/).
 * Resolves to how many stale rows the end of the pull removed (0 for other pages), or null when it was cancelled.
 */
export interface DirectoryWriter {
  writePage(page: DirectoryPage): Promise<{ removed: number } | null>
  /** pages asked for before this are not written (or not finished): synchronous, so a wipe right after is final */
  cancel(): void
  /** a customer AIQ just answered for, kept for offline check-in: written behind the page being written, never waited on */
  remember(rows: readonly DirectoryPerson[], at: number): Promise<void>
}

/** rows written per transaction while a page is stored: a check-in's own write never waits long for the lock */
export const WRITE_SLICE = 100

/**
 * Writes a page in slices of WRITE_SLICE rows, each its own IMMEDIATE transaction; the last slice also commits the
 * pull's progress (or ends the pull), so a page cut short by a crash is simply read again. `current` is asked inside
 * each transaction, with the write lock held: once it says no, nothing more of the page is written.
 */
export function writePage(db: Db, store: DirectoryStore, page: DirectoryPage, current: () => boolean): { removed: number } | null {
  const { rows, at, pull } = page
  for (let from = 0; ; from += WRITE_SLICE) {
    const slice = rows.slice(from, from + WRITE_SLICE)
    const final = from + WRITE_SLICE >= rows.length
    const done = db
      .transaction(() => {
        if (!current()) return null
        if (!final) store.upsert(slice, at)
        else if (!page.last) store.commitPage(slice, at, pull)
        else {
          store.upsert(slice, at)
          return store.endPull(pull.runStartedAt)
        }
        return 0
      })
      .immediate()
    if (done === null) return null
    if (final) return { removed: done }
  }
}

/** The writer of tests and tools that open the store in this thread: the same transactions, no worker. */
export function inThreadWriter(db: Db, store: DirectoryStore = createDirectoryStore(db)): DirectoryWriter {
  let generation = 0
  return {
    async writePage(page) {
      const mine = generation
      return writePage(db, store, page, () => mine === generation)
    },
    cancel() {
      generation++
    },
    // in this thread the write is done before anything can wipe the directory
    async remember(rows, at) {
      store.upsert(rows, at)
    },
  }
}

type Row = {
  contact_id: string
  phone: string | null
  email: string | null
  first_name: string
  last_name: string
  points: number
  member: number
  optin_time: number | null
  optout_time: number | null
  optreq_time: number | null
  has_requested: number | null
  email_optin_time: number | null
  src_id: string | null
  favorite_store_id: number | null
  refreshed_at: number
}

const COLUMNS =
  'contact_id, phone, email, first_name, last_name, points, member, optin_time, optout_time, optreq_time, ' +
  'has_requested, email_optin_time, src_id, favorite_store_id, refreshed_at'

/** AIQ sends 10 plain digits; only anything else needs the full phone parser (the hot path of a 500k import). */
const phone10 = (raw: string | null | undefined): string | null =>
  !raw ? null : /^[2-9]\d{9}$/.test(raw) ? raw : toPhone10(raw)

const int = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? Math.trunc(n) : null)

function toRow(p: DirectoryPerson, refreshedAt: number): unknown[] {
  return [
    p.contactID,
    phone10(p.mobilePhone) ?? phone10(p.homePhone),
    p.email || null,
    p.firstName ?? '',
    p.lastName ?? '',
    typeof p.loyaltyPoints === 'number' && Number.isFinite(p.loyaltyPoints) ? p.loyaltyPoints : 0,
    p.loyalty === true ? 1 : 0,
    int(p.optinTime),
    int(p.optoutTime),
    int(p.optreqTime),
    typeof p.hasRequested === 'boolean' ? Number(p.hasRequested) : null,
    int(p.emailOptInTime),
    p.srcID || null,
    int(p.favoriteStoreID),
    refreshedAt,
  ]
}

function toHit(r: Row): DirectoryHit {
  const persona: DirectoryPerson = {
    contactID: r.contact_id,
    srcID: r.src_id,
    firstName: r.first_name,
    lastName: r.last_name,
    mobilePhone: r.phone,
    email: r.email,
    favoriteStoreID: r.favorite_store_id,
    optinTime: r.optin_time,
    optoutTime: r.optout_time,
    optreqTime: r.optreq_time,
    hasRequested: r.has_requested === null ? null : r.has_requested === 1,
    emailOptInTime: r.email_optin_time,
    loyalty: r.member === 1,
    loyaltyPoints: r.points,
  }
  return { persona, refreshedAt: r.refreshed_at }
}

const byName = (a: Row, b: Row) =>
  a.last_name.toLowerCase().localeCompare(b.last_name.toLowerCase()) ||
  a.first_name.toLowerCase().localeCompare(b.first_name.toLowerCase()) ||
  (a.contact_id < b.contact_id ? -1 : a.contact_id > b.contact_id ? 1 : 0)

/** The character after every other one, so `lower(name) >= p AND lower(name) < p || MAX` is a prefix range. */
const MAX_CHAR = '\u{10FFFF}'

export interface DirectoryStore {
  /** Inserts or replaces each persona (one transaction), stamped refreshed at `at`. */
  upsert(personas: readonly DirectoryPerson[], at: number): void
  /** One page of a full pull and the pull's new position, committed together. */
  commitPage(personas: readonly DirectoryPerson[], at: number, pull: PullState): void
  findByPhone(phone10: string): DirectoryHit | null
  findByContactID(contactID: string): DirectoryHit | null
  findBySrcID(srcID: string): DirectoryHit | null
  findByEmail(email: string): DirectoryHit | null
  /** Name prefix: "smi" matches first or last names starting so; "jo smi" matches first "jo…" and last "smi…". */
  searchByName(text: string, limit: number): DirectoryHit[]
  count(): number
  pull(): PullState | null
  /** Starts a new full pull at offset 0, forgetting any unfinished one. */
  beginPull(runStartedAt: number): PullState
  /** Ends the pull: deletes rows the run did not see (they left AIQ or were blocklisted); returns how many. */
  endPull(runStartedAt: number): number
  /** Deletes every row and the pull state, overwriting the freed pages so no customer data stays in the file. */
  clear(): void
}

export function createDirectoryStore(db: Db): DirectoryStore {
  const upsertOne = db.prepare(
    `INSERT INTO customer_directory (${COLUMNS}) VALUES (${COLUMNS.split(',').map(() => '?').join(', ')})
     ON CONFLICT (contact_id) DO UPDATE SET
       phone = excluded.phone, email = excluded.email, first_name = excluded.first_name,
       last_name = excluded.last_name, points = excluded.points, member = excluded.member,
       optin_time = excluded.optin_time, optout_time = excluded.optout_time, optreq_time = excluded.optreq_time,
       has_requested = excluded.has_requested, email_optin_time = excluded.email_optin_time,
       src_id = excluded.src_id, favorite_store_id = excluded.favorite_store_id, refreshed_at = excluded.refreshed_at`,
  )
  // Several rows can share a phone or a source id (AIQ merges, but not always): the freshest wins.
  const byPhone = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM customer_directory WHERE phone = ? ORDER BY refreshed_at DESC LIMIT 1`)
  const byContact = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM customer_directory WHERE contact_id = ?`)
  const bySrc = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM customer_directory WHERE src_id = ? ORDER BY refreshed_at DESC LIMIT 1`)
  const byEmail = db.prepare<[string], Row>(
    `SELECT ${COLUMNS} FROM customer_directory WHERE lower(email) = lower(?) ORDER BY refreshed_at DESC LIMIT 1`,
  )
  // Each query walks its name index in order and stops at the limit; the two are merged below.
  const byLastName = db.prepare<{ lo: string; hi: string; limit: number }, Row>(
    `SELECT ${COLUMNS} FROM customer_directory WHERE lower(last_name) >= :lo AND lower(last_name) < :hi
     ORDER BY lower(last_name) LIMIT :limit`,
  )
  const byFirstName = db.prepare<{ lo: string; hi: string; limit: number }, Row>(
    `SELECT ${COLUMNS} FROM customer_directory WHERE lower(first_name) >= :lo AND lower(first_name) < :hi
     ORDER BY lower(first_name) LIMIT :limit`,
  )
  const byFullName = db.prepare<{ flo: string; fhi: string; llo: string; lhi: string; limit: number }, Row>(
    `SELECT ${COLUMNS} FROM customer_directory
     WHERE lower(last_name) >= :llo AND lower(last_name) < :lhi AND lower(first_name) >= :flo AND lower(first_name) < :fhi
     ORDER BY lower(last_name) LIMIT :limit`,
  )
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customer_directory')
  const readPull = db.prepare<[], { run_started_at: number; next_start: number; total: number | null }>(
    'SELECT run_started_at, next_start, total FROM customer_directory_pull WHERE id = 1',
  )
  const writePull = db.prepare<[number, number, number | null]>(
    `INSERT INTO customer_directory_pull (id, run_started_at, next_start, total) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET run_started_at = excluded.run_started_at, next_start = excluded.next_start,
       total = excluded.total`,
  )
  const deletePull = db.prepare('DELETE FROM customer_directory_pull')
  const deleteStale = db.prepare<[number]>('DELETE FROM customer_directory WHERE refreshed_at < ?')
  const deleteAll = db.prepare('DELETE FROM customer_directory')

  const upsertAll = (personas: readonly DirectoryPerson[], at: number) => {
    for (const p of personas) upsertOne.run(toRow(p, at))
  }
  const upsert = db.transaction(upsertAll)
  const commitPage = db.transaction((personas: readonly DirectoryPerson[], at: number, pull: PullState) => {
    upsertAll(personas, at)
    writePull.run(pull.runStartedAt, pull.nextStart, pull.total)
  })
  const endPull = db.transaction((runStartedAt: number) => {
    const removed = deleteStale.run(runStartedAt).changes
    deletePull.run()
    return removed
  })
  const hit = (r: Row | undefined) => (r ? toHit(r) : null)

  return {
    upsert: (personas, at) => upsert(personas, at),
    commitPage: (personas, at, pull) => commitPage(personas, at, pull),
    findByPhone(phone) {
      const digits = phone10(phone)
      return digits ? hit(byPhone.get(digits)) : null
    },
    findByContactID: (contactID) => hit(byContact.get(contactID)),
    findBySrcID: (srcID) => hit(bySrc.get(srcID)),
    findByEmail: (email) => hit(byEmail.get(email.trim())),
    searchByName(text, limit) {
      const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean)
      const n = Math.max(0, Math.floor(limit))
      if (words.length === 0 || n === 0) return []
      const range = (w: string) => ({ lo: w, hi: w + MAX_CHAR })
      const rows =
        words.length === 1
          ? [...byLastName.all({ ...range(words[0]!), limit: n }), ...byFirstName.all({ ...range(words[0]!), limit: n })]
          : byFullName.all({
              flo: words[0]!,
              fhi: words[0]! + MAX_CHAR,
              llo: words.slice(1).join(' '),
              lhi: words.slice(1).join(' ') + MAX_CHAR,
              limit: n,
            })
      const seen = new Set<string>()
      const unique = rows.filter((r) => !seen.has(r.contact_id) && seen.add(r.contact_id))
      unique.sort((a, b) => byName(a, b))
      return unique.slice(0, n).map(toHit)
    },
    count: () => countAll.get()!.n,
    pull() {
      const r = readPull.get()
      return r ? { runStartedAt: r.run_started_at, nextStart: r.next_start, total: r.total } : null
    },
    beginPull(runStartedAt) {
      writePull.run(runStartedAt, 0, null)
      return { runStartedAt, nextStart: 0, total: null }
    },
    endPull: (runStartedAt) => endPull(runStartedAt),
    clear() {
      // secure_delete zeroes the freed pages; the checkpoint then empties the WAL, which also held copies of them.
      const before = db.pragma('secure_delete', { simple: true })
      db.pragma('secure_delete = ON')
      try {
        db.transaction(() => {
          deleteAll.run()
          deletePull.run()
        })()
      } finally {
        db.pragma(`secure_delete = ${Number(before) ? 'ON' : 'OFF'}`)
      }
      db.pragma('wal_checkpoint(TRUNCATE)')
    },
  }
}

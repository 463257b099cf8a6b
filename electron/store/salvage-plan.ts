// What to do about a damaged counter.db, without touching a file: which errors mean damage, the name the file is set
// aside under, how a table is read around its bad pages, and what the manager is told. recovery.ts does the I/O.

/** SQLite's words for a file it cannot trust (better-sqlite3 puts them on `code`); anything else is not damage. */
const DAMAGE_CODES = /^SQLITE_(CORRUPT|NOTADB)/

export function isDamage(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' && DAMAGE_CODES.test(code)
}

/** `counter.db` → `counter.damaged-2026-12-06T22-05-05Z.db`: kept beside it, sorted by time, never overwritten. */
export function asideName(fileName: string, at: Date, taken: (name: string) => boolean = () => false): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-')
  const dot = fileName.lastIndexOf('.')
  const [stem, ext] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, '']
  for (let n = 1; ; n++) {
    const name = `${stem}.damaged-${stamp}${n === 1 ? '' : `-${n}`}${ext}`
    if (!taken(name)) return name
  }
}

export interface RangeRead<Row> {
  rows: Row[]
  /** rowids that could not be read (each lies on a damaged page, or under one) */
  unreadable: number
}

/**
 * Every row of [lo, hi] that can be read: a range that fails is halved until the failure is one rowid, which is
 * skipped, so one bad page costs only the rows on it. `read` returns the rows whose rowid is in [a, b] or throws.
 */
export function readAround<Row>(read: (a: number, b: number) => Row[], lo: number, hi: number): RangeRead<Row> {
  const rows: Row[] = []
  let unreadable = 0
  const stack: [number, number][] = [[lo, hi]]
  while (stack.length) {
    const [a, b] = stack.pop()!
    if (a > b) continue
    try {
      rows.push(...read(a, b))
    } catch {
      if (a === b) unreadable++
      else {
        const mid = a + Math.floor((b - a) / 2)
        stack.push([mid + 1, b], [a, mid]) // the lower half first: rows come out in rowid order
      }
    }
  }
  return { rows, unreadable }
}

/**
 * How far to look for rowids when the table's last one cannot be read: no more rows than the file has room for.
 * Rowids of the counter's tables are given in order and never reused, so they stay below this.
 */
export function rowidBound(pageCount: number, pageSize: number): number {
  return Math.max(1, Math.ceil((pageCount * pageSize) / 8))
}

/** What the counter alone knows (awards, redemptions, who did them, the account): checked in full at every start. */
export const LEDGER_TABLES = ['outbox', 'outbox_events', 'redemptions', 'redemption_events', 'settings', 'staff', 'id_checks', 'consents', 'disclosures']

/** The customer directory is a copy of AIQ's list, pulled again on its own: it is not salvaged. */
export const NOT_SALVAGED = new Set(['customer_directory', 'customer_directory_pull'])

/** Parents before the rows that point at them (foreign keys), the rest in schema order. */
export function salvageOrder(tables: readonly string[]): string[] {
  const first = ['settings', 'staff', 'outbox', 'redemptions']
  const wanted = tables.filter((t) => !t.startsWith('sqlite_') && !NOT_SALVAGED.has(t))
  return [...first.filter((t) => wanted.includes(t)), ...wanted.filter((t) => !first.includes(t))]
}

export interface RecoveryFacts {
  /** the damaged file's new name, in the same folder */
  setAsideAs: string
  /** when it was found */
  at: number
  /** waiting awards (pending, sending, failed) copied into the new database */
  waitingRecovered: number
  /** waiting awards the damaged file held, as far as it could tell (its index), else null */
  waitingBefore: number | null
  /** redemptions copied (every state) */
  redemptionsRecovered: number
  /** rows of any table that could not be read */
  rowsUnreadable: number
  /** the file could not be opened at all */
  unopenable: boolean
}

/** What the manager reads, in plain words. */
export function recoveryMessage(f: RecoveryFacts): string {
  const aside = `It was set aside as ${f.setAsideAs} (kept in the app’s data folder, never deleted)`
  if (f.unopenable)
    return `This computer's database was damaged and could not be opened. ${aside}, and a new one was started. No waiting awards could be recovered from it: check AIQ for today's awards and give any that are missing again.`
  const before = f.waitingBefore !== null && f.waitingBefore >= f.waitingRecovered ? f.waitingBefore : null
  const awards =
    before !== null ? `${f.waitingRecovered} of ${before} waiting awards were recovered` : `${f.waitingRecovered} waiting award${f.waitingRecovered === 1 ? ' was' : 's were'} recovered`
  const missing = before !== null ? before - f.waitingRecovered : null
  const lost =
    f.rowsUnreadable === 0 && (missing === null || missing === 0)
      ? 'Nothing was lost.'
      : missing !== null && missing > 0
        ? `${missing} could not be read: check AIQ for awards given before ${new Date(f.at).toLocaleString()} and give any that are missing again.`
        : 'Some of the file could not be read, so an award may be missing: check AIQ for recent awards.'
  const redemptions = f.redemptionsRecovered > 0 ? ` ${f.redemptionsRecovered} redemption${f.redemptionsRecovered === 1 ? ' was' : 's were'} kept.` : ''
  return `This computer's database was damaged. ${aside}, and ${awards} into a new one; they sync as before. ${lost}${redemptions}`
}

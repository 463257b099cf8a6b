import { describe, expect, it } from 'vitest'
import { asideName, isDamage, readAround, recoveryMessage, rowidBound, salvageOrder, type RecoveryFacts } from '../../../../electron/store/salvage-plan'

describe('what counts as a damaged database', () => {
  it('SQLite’s corrupt and not-a-database codes do; a busy file, a newer schema or a full disk do not', () => {
    expect(['SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_VTAB', 'SQLITE_NOTADB'].map((code) => isDamage({ code }))).toEqual([true, true, true, true])
    expect(['SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_CANTOPEN', undefined].map((code) => isDamage({ code }))).toEqual([false, false, false, false])
    expect(isDamage(new Error('database disk image is malformed'))).toBe(false) // only SQLite's own code decides
    expect(isDamage(null)).toBe(false)
  })
})

describe('the name a damaged file is set aside under', () => {
  const at = new Date('2026-12-06T22:05:05.123Z')
  it('keeps the extension, says when, and never takes a name already used', () => {
    expect(asideName('counter.db', at)).toBe('counter.damaged-2026-12-06T22-05-05Z.db')
    const taken = new Set(['counter.damaged-2026-12-06T22-05-05Z.db', 'counter.damaged-2026-12-06T22-05-05Z-2.db'])
    expect(asideName('counter.db', at, (n) => taken.has(n))).toBe('counter.damaged-2026-12-06T22-05-05Z-3.db')
  })
})

describe('reading a table around its bad pages', () => {
  /** rowids 1..n, where the "pages" holding `bad` cannot be read: a range touching one throws, like SQLite */
  const table = (n: number, bad: (id: number) => boolean) => {
    let queries = 0
    const read = (a: number, b: number) => {
      queries++
      const ids: number[] = []
      for (let id = a; id <= Math.min(b, n); id++) {
        if (bad(id)) throw Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' })
        ids.push(id)
      }
      return ids
    }
    return { read, queries: () => queries }
  }

  it('every readable row comes back, in order; each unreadable one is counted', () => {
    const bad = (id: number) => (id >= 31 && id <= 45) || (id >= 200 && id <= 214)
    const t = table(240, bad)
    const out = readAround(t.read, 1, 240)
    const expected = Array.from({ length: 240 }, (_, i) => i + 1).filter((id) => !bad(id))
    expect(out.rows).toEqual(expected)
    expect(out.unreadable).toBe(30)
    expect(t.queries()).toBeLessThan(200) // halving, not a query per row
  })

  it('a table that reads whole is one query; an empty range none of the rows', () => {
    const t = table(50, () => false)
    expect(readAround(t.read, 1, 50)).toEqual({ rows: Array.from({ length: 50 }, (_, i) => i + 1), unreadable: 0 })
    expect(t.queries()).toBe(1)
    expect(readAround(t.read, 1, 0)).toEqual({ rows: [], unreadable: 0 })
  })

  it('looks no further than the rows the file has room for', () => {
    expect(rowidBound(25, 4096)).toBe(12_800)
    expect(rowidBound(0, 4096)).toBe(1)
  })
})

describe('what is salvaged, in which order', () => {
  it('parents before the rows that point at them; the directory (a copy of AIQ’s list) and SQLite’s own tables not at all', () => {
    const tables = ['outbox', 'outbox_events', 'settings', 'customer_directory', 'customer_directory_pull', 'sqlite_sequence', 'redemptions', 'redemption_events', 'staff', 'id_checks']
    expect(salvageOrder(tables)).toEqual(['settings', 'staff', 'outbox', 'redemptions', 'outbox_events', 'redemption_events', 'id_checks'])
  })
})

describe('what the manager is told', () => {
  const facts: RecoveryFacts = {
    setAsideAs: 'counter.damaged-2026-12-06T22-05-05Z.db', at: Date.parse('2026-12-06T22:05:05Z'), waitingRecovered: 231, waitingBefore: 234,
    redemptionsRecovered: 2, rowsUnreadable: 3, unopenable: false,
  }
  it('says it was damaged, where the file went, and N of M waiting awards', () => {
    const m = recoveryMessage(facts)
    expect(m).toMatch(/^This computer's database was damaged\. It was set aside as counter\.damaged-2026-12-06T22-05-05Z\.db \(kept in the app’s data folder, never deleted\), and 231 of 234 waiting awards were recovered into a new one/)
    expect(m).toContain('3 could not be read: check AIQ for awards given before')
    expect(m).toContain('2 redemptions were kept.')
  })
  it('nothing lost when every row was read (a damaged index only)', () => {
    expect(recoveryMessage({ ...facts, waitingRecovered: 213, waitingBefore: null, rowsUnreadable: 0, redemptionsRecovered: 0 })).toMatch(/213 waiting awards were recovered into a new one; they sync as before\. Nothing was lost\.$/)
  })
  it('unsure when rows could not be read and the count before is unknown', () => {
    expect(recoveryMessage({ ...facts, waitingBefore: null })).toContain('so an award may be missing: check AIQ for recent awards')
  })
  it('a file that could not be opened at all', () => {
    expect(recoveryMessage({ ...facts, unopenable: true, waitingRecovered: 0, waitingBefore: null })).toMatch(/damaged and could not be opened\. It was set aside as .*No waiting awards could be recovered/)
  })
})

// What the client could not read in AIQ's answers, per endpoint: field names only (never values, never PII), so the
// log and the compatibility check can say plainly where AIQ answers in a shape the app does not know.

/** One endpoint's record since the client was made (or since `reset`). */
export interface ShapeReport {
  /** e.g. "GET /api/v1.1/adjustments/{uid}/{start}/{end}" */
  endpoint: string
  /** answers read (2xx bodies) */
  calls: number
  /** collection items read and kept */
  itemsRead: number
  /** collection items that could not be read and were skipped */
  itemsSkipped: number
  /** field names seen at the top level of `data` (or of the body when AIQ sent no `data`) */
  topFields: string[]
  /** field names seen in collection items */
  itemFields: string[]
  /** seen, but the app does not use them (top level and items) */
  unknownFields: string[]
  /** fields the app expected and did not find (an alias found counts as found) */
  missingFields: string[]
  /** the last thing that could not be read, in words (no values), or null */
  lastProblem: string | null
}

export interface ShapeRecorder {
  /** called by the reader: one answer of `endpoint` was read */
  answer(endpoint: string, seen: { top?: Iterable<string>; items?: Iterable<string>; known: Iterable<string> }): void
  item(endpoint: string, ok: boolean, problem?: string): void
  missing(endpoint: string, field: string): void
  problem(endpoint: string, problem: string): void
  reports(): ShapeReport[]
  report(endpoint: string): ShapeReport | undefined
  reset(): void
}

const MAX_FIELDS = 60

type Acc = {
  calls: number
  itemsRead: number
  itemsSkipped: number
  top: Set<string>
  items: Set<string>
  known: Set<string>
  missing: Set<string>
  lastProblem: string | null
}

/** `onNew` fires the first time an endpoint shows an unknown field, a missing one or a skipped item (for the log). */
export function createShapeRecorder(onNew?: (endpoint: string, what: string) => void): ShapeRecorder {
  const byEndpoint = new Map<string, Acc>()
  const told = new Set<string>()
  const acc = (endpoint: string): Acc => {
    let a = byEndpoint.get(endpoint)
    if (!a) {
      a = { calls: 0, itemsRead: 0, itemsSkipped: 0, top: new Set(), items: new Set(), known: new Set(), missing: new Set(), lastProblem: null }
      byEndpoint.set(endpoint, a)
    }
    return a
  }
  const tell = (endpoint: string, what: string) => {
    const key = `${endpoint}|${what}`
    if (told.has(key)) return
    told.add(key)
    onNew?.(endpoint, what)
  }
  const add = (set: Set<string>, names: Iterable<string> | undefined) => {
    for (const n of names ?? []) if (set.size < MAX_FIELDS) set.add(fieldName(n))
  }
  const toReport = (endpoint: string, a: Acc): ShapeReport => {
    const seen = new Set([...a.top, ...a.items])
    return {
      endpoint,
      calls: a.calls,
      itemsRead: a.itemsRead,
      itemsSkipped: a.itemsSkipped,
      topFields: [...a.top].sort(),
      itemFields: [...a.items].sort(),
      unknownFields: [...seen].filter((f) => !a.known.has(f)).sort(),
      missingFields: [...a.missing].sort(),
      lastProblem: a.lastProblem,
    }
  }

  return {
    answer(endpoint, seen) {
      const a = acc(endpoint)
      a.calls += 1
      add(a.top, seen.top)
      add(a.items, seen.items)
      for (const k of seen.known) a.known.add(k)
      const unknown = [...a.top, ...a.items].filter((f) => !a.known.has(f))
      if (unknown.length) tell(endpoint, `unknown fields: ${unknown.sort().join(', ')}`)
    },
    item(endpoint, ok, problem) {
      const a = acc(endpoint)
      if (ok) a.itemsRead += 1
      else {
        a.itemsSkipped += 1
        if (problem) a.lastProblem = problem
        tell(endpoint, `skipped an item: ${problem ?? 'unreadable'}`)
      }
    },
    missing(endpoint, field) {
      acc(endpoint).missing.add(fieldName(field))
      tell(endpoint, `missing field: ${field}`)
    },
    problem(endpoint, problem) {
      acc(endpoint).lastProblem = problem
      tell(endpoint, problem)
    },
    reports: () => [...byEndpoint].map(([e, a]) => toReport(e, a)),
    report: (endpoint) => {
      const a = byEndpoint.get(endpoint)
      return a ? toReport(endpoint, a) : undefined
    },
    reset() {
      byEndpoint.clear()
      told.clear()
    },
  }
}

/** A field name as reported: only plain identifier-like names survive; anything else (a phone used as a key) is masked. */
export function fieldName(name: string): string {
  // an id used as a key (a long run of hex) is masked too
  if (/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/.test(name) && !/\d{5,}/.test(name) && !/[0-9a-f]{12,}/i.test(name)) return name
  return '<masked key>'
}

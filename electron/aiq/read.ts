// Tolerant reading of AIQ's answers, one field at a time. AIQ publishes few response shapes
// (electron/aiq/README.md §envelope), so every reader accepts the known aliases, numbers sent as numeric strings, and
// epoch times in seconds or milliseconds; a collection is read item by item (an unreadable item is skipped and counted,
// never fails the list); and whatever could not be read is told to the ShapeRecorder by field name only.
import type { Endpoint } from './endpoints'
import type { ShapeRecorder } from './shapes'

export type Obj = Record<string, unknown>
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The first of `names` present (not undefined/null) in `o`. */
export function pick(o: Obj, names: readonly string[]): unknown {
  for (const n of names) if (o[n] !== undefined && o[n] !== null) return o[n]
  return undefined
}
export const has = (o: Obj, names: readonly string[]) => names.some((n) => n in o)

export function text(v: unknown): string | null {
  if (typeof v === 'string') return v
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return null
}
/** A non-empty id of at most 128 characters (the contract's limit): numbers become their decimal text. */
export function ident(v: unknown): string | null {
  const s = text(v)?.trim()
  return s && s.length <= 128 ? s : null
}
/** A decimal number as AIQ may write it in text: a sign, digits with or around the point, an exponent (Go's 'g'). */
const DECIMAL = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/
/** The number AIQ sent, as it sent it (a fraction or below zero included): never rounded, never another one. */
export function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  if (typeof v === 'string' && DECIMAL.test(v)) {
    const n = Number(v)
    return Number.isFinite(n) ? n : null
  }
  return null
}
export function int(v: unknown): number | null {
  const n = num(v)
  return n === null ? null : Math.round(n)
}
export function bool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v
  if (v === 1 || v === '1' || v === 'true' || v === 'TRUE' || v === 'True') return true
  if (v === 0 || v === '0' || v === 'false' || v === 'FALSE' || v === 'False') return false
  return null
}

/** Below this an epoch number is seconds, above it milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const MS_THRESHOLD = 1e11

/** Epoch seconds (integer, ≥ 0) from seconds, milliseconds, a numeric string or an ISO date; null otherwise. */
/** a calendar day as AIQ may write it (`yyyy-mm-dd…` or `mm/dd/yyyy`) → `yyyy-mm-dd`; anything else null */
export function isoDay(v: string | null | undefined): string | null {
  if (!v) return null
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(v)
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v.trim())
  return us ? `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}` : null
}

export function epochSec(v: unknown): number | null {
  let n = num(v)
  if (n === null && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) {
    // a date and time without a zone is read as UTC (as AIQ's epoch times are), never as this computer's local time
    const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(v.trim()) || !/\d{2}:\d{2}/.test(v) ? v : `${v.trim().replace(' ', 'T')}Z`
    const at = Date.parse(zoned)
    n = Number.isNaN(at) ? null : at
  }
  if (n === null || n < 0) return null
  const sec = Math.abs(n) >= MS_THRESHOLD ? n / 1000 : n
  return Math.floor(sec)
}

/** Where a collection may sit in `data`: the array itself, or one of these fields of an object. */
export function arrayIn(data: unknown, fields: readonly string[]): { items: unknown[] | null; top: string[] } {
  if (Array.isArray(data)) return { items: data, top: [] }
  if (!isObj(data)) return { items: null, top: [] }
  const top = Object.keys(data)
  for (const f of fields) if (Array.isArray(data[f])) return { items: data[f] as unknown[], top }
  return { items: null, top }
}

/** An item reader: the normalised item, or why it can't be used (names only, never values). */
export type ItemReader<T> = (raw: unknown) => T | { skip: string }
export const skip = (why: string) => ({ skip: why })
export const isSkip = (v: unknown): v is { skip: string } => isObj(v) && typeof v.skip === 'string' && Object.keys(v).length === 1

/** Reads a collection item by item, recording what it saw. */
export function readItems<T>(
  shapes: ShapeRecorder,
  endpoint: Endpoint,
  items: readonly unknown[],
  read: ItemReader<T>,
  known: readonly string[],
  top: readonly string[] = [],
  topKnown: readonly string[] = [],
): T[] {
  const out: T[] = []
  const keys = new Set<string>()
  for (const raw of items) {
    if (isObj(raw)) for (const k of Object.keys(raw)) keys.add(k)
    let r: T | { skip: string }
    try {
      r = read(raw)
    } catch {
      r = skip('an item could not be read')
    }
    if (isSkip(r)) shapes.item(endpoint, false, r.skip)
    else {
      shapes.item(endpoint, true)
      out.push(r)
    }
  }
  shapes.answer(endpoint, { top, items: keys, known: [...known, ...topKnown] })
  return out
}

/** Records an object answer's fields, and each expected field (any alias) that is not there. */
export function seeObject(shapes: ShapeRecorder, endpoint: Endpoint, o: Obj, known: readonly string[], expected: readonly (readonly string[])[] = []): void {
  shapes.answer(endpoint, { top: Object.keys(o), known })
  for (const names of expected) if (!has(o, names)) shapes.missing(endpoint, names[0]!)
}

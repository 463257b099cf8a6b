// Small key/value settings stored as JSON, validated on the way out (a stored value that no longer parses falls back).
import type { z } from 'zod'
import type { Db } from './db'

export interface Settings {
  get<T>(key: string, schema: z.ZodType<T>, fallback: T): T
  set(key: string, value: unknown): void
  remove(key: string): void
  has(key: string): boolean
}

export function createSettings(db: Db): Settings {
  const read = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?')
  const write = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  )
  const del = db.prepare<[string]>('DELETE FROM settings WHERE key = ?')
  return {
    get(key, schema, fallback) {
      const row = read.get(key)
      if (!row) return fallback
      let raw: unknown
      try {
        raw = JSON.parse(row.value)
      } catch {
        return fallback
      }
      const parsed = schema.safeParse(raw)
      return parsed.success ? parsed.data : fallback
    },
    set(key, value) {
      if (value === undefined) throw new TypeError(`setting "${key}": undefined cannot be stored; use remove()`)
      write.run(key, JSON.stringify(value))
    },
    remove(key) {
      del.run(key)
    },
    has(key) {
      return read.get(key) !== undefined
    },
  }
}

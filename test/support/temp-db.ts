import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { NewAward } from '../../electron/store/outbox'

/** A throwaway folder for real SQLite files; cleanup (afterEach) empties it, file() recreates it. */
export function tempDir(prefix = 'aiqc-store-'): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return {
    dir,
    file: (name) => (mkdirSync(dir, { recursive: true }), join(dir, name)),
    cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export const fakeClock = (start = 1_700_000_000_000) => {
  let t = start
  return { now: () => t, advance: (ms: number) => void (t += ms), set: (ms: number) => void (t = ms) }
}

/** An award as the counter queues it, with whatever the test cares about changed. */
export const newAward = (over: Partial<NewAward> = {}): NewAward => ({
  contactID: 'c-1',
  phone: null,
  customerName: 'Ada L',
  value: 10,
  reason: 'visit',
  budtender: 'Sam',
  ...over,
})

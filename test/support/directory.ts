// A real SQLite file in a temp folder with the app's schema, and personas shaped like AIQ's list rows.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Persona } from '../../electron/aiq/types'
import { openDatabase, type Db } from '../../electron/store/db'

export type TempDb = { db: Db; file: string; reopen(): Db; dispose(): void }

export function tempDb(): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'aiqc-directory-'))
  const file = join(dir, 'counter.db')
  const t: TempDb = {
    db: openDatabase(file),
    file,
    reopen() {
      if (t.db.open) t.db.close()
      t.db = openDatabase(file)
      return t.db
    },
    dispose() {
      if (t.db.open) t.db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return t
}

export function persona(i: number, over: Partial<Persona> = {}): Persona {
  const n = String(i).padStart(4, '0')
  return {
    contactID: `c${n}`,
    srcID: `pos-${n}`,
    firstName: `First${n}`,
    lastName: `Last${n}`,
    mobilePhone: `555201${n}`,
    email: `person${n}@example.com`,
    loyalty: i % 2 === 0,
    loyaltyPoints: i * 10,
    optinTime: i % 3 === 0 ? 1_700_000_000 : null,
    optoutTime: null,
    hasRequested: false,
    emailOptInTime: i % 4 === 0 ? 1_700_000_100 : null,
    favoriteStoreID: 7,
    ...over,
  }
}

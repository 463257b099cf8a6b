// The consent ledger is append-only in the schema itself: UPDATE and DELETE are refused by triggers, so no code path
// (nor a person with a SQLite shell and the app's schema) changes a recorded choice without it showing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../../electron/store/db'
import { createConsentStore, type NewConsent } from '../../../../electron/store/consents'
import { tempDir } from '../../../support/temp-db'

const tmp = tempDir()
let db: Db
beforeEach(() => {
  db = openDatabase(tmp.file('c.db'))
})
afterEach(() => {
  db.close()
  tmp.cleanup()
})

const row = (over: Partial<NewConsent> = {}): NewConsent => ({
  phoneMasked: '(•••) •••-0199',
  phoneHash: 'a'.repeat(64),
  channel: 'sms',
  choice: 'yes',
  disclosureVersion: 1,
  disclosureSha256: 'b'.repeat(64),
  aiqAt: 1_800_000_000_000,
  counterAt: 1_800_000_000_500,
  counterName: 'Counter 2',
  budtender: 'Sam',
  givenBy: 'customer_screen',
  ...over,
})

describe('the consent ledger', () => {
  it('keeps one row per choice and finds them by time and by keyed hash', () => {
    const store = createConsentStore(db)
    store.record(row())
    store.record(row({ choice: 'no', aiqAt: 1_800_000_100_000, phoneHash: 'c'.repeat(64) }))
    expect(store.between(1_800_000_000_000, 1_800_000_000_001)).toEqual([expect.objectContaining({ choice: 'yes', counterName: 'Counter 2', givenBy: 'customer_screen' })])
    expect(store.forPhoneHash('c'.repeat(64))).toHaveLength(1)
    expect(store.lastSmsChoice('a'.repeat(64))?.choice).toBe('yes')
  })

  it('refuses UPDATE and DELETE of a recorded choice', () => {
    const store = createConsentStore(db)
    store.record(row())
    expect(() => db.prepare("UPDATE consents SET choice = 'no'").run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM consents').run()).toThrow(/append-only/)
    expect(store.between(0, Number.MAX_SAFE_INTEGER)).toEqual([expect.objectContaining({ choice: 'yes' })])
  })

  it('keeps every disclosure version; none can be changed or deleted', () => {
    const store = createConsentStore(db)
    expect(store.currentDisclosure()).toBeNull()
    store.addDisclosure({ text: 'one', sha256: '1'.repeat(64), createdAt: 1, createdBy: 'default' })
    const two = store.addDisclosure({ text: 'two', sha256: '2'.repeat(64), createdAt: 2, createdBy: 'settings' })
    expect(two.version).toBe(2)
    expect(store.disclosures().map((d) => d.text)).toEqual(['one', 'two'])
    expect(() => db.prepare("UPDATE disclosures SET text = 'x'").run()).toThrow(/never changed/)
    expect(() => db.prepare('DELETE FROM disclosures').run()).toThrow(/never deleted/)
  })
})

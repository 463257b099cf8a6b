import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toCustomer } from '../../../../electron/aiq/customer'
import { createDirectoryStore, type DirectoryStore } from '../../../../electron/store/directory'
import { persona, tempDb, type TempDb } from '../../../support/directory'

let t: TempDb
let store: DirectoryStore
beforeEach(() => {
  t = tempDb()
  store = createDirectoryStore(t.db)
})
afterEach(() => t.dispose())

describe('directory store', () => {
  it('finds a customer by phone in any format, by contact id, source id and email, as the profile would show them', () => {
    const ann = persona(1, { firstName: 'Ann', lastName: 'Lee', mobilePhone: '(555) 201-0001', optinTime: 100, optoutTime: 200 })
    store.upsert([ann, persona(2)], 1_000)

    const hit = store.findByPhone('555.201.0001')!
    expect(hit.refreshedAt).toBe(1_000)
    expect(toCustomer(hit.persona, 5)).toEqual(toCustomer(ann, 5))
    expect(toCustomer(hit.persona, 0).sms).toBe('opted_out')
    expect(store.findByContactID('c0001')?.persona.firstName).toBe('Ann')
    expect(store.findBySrcID('pos-0001')?.persona.contactID).toBe('c0001')
    expect(store.findByEmail('PERSON0001@example.com')?.persona.contactID).toBe('c0001')
    expect(store.findByPhone('5552019999')).toBeNull()
    expect(store.findByPhone('not a phone')).toBeNull()
  })

  it('keeps every field the profile needs, including a pending SMS request and no points', () => {
    const p = persona(3, { loyalty: false, loyaltyPoints: null, optinTime: null, hasRequested: true, favoriteStoreID: null, email: null })
    store.upsert([p], 1)
    const back = store.findByContactID(p.contactID)!.persona
    expect(toCustomer(back, 0)).toEqual(toCustomer(p, 0))
    expect(toCustomer(back, 0)).toMatchObject({ sms: 'pending', member: false, points: 0, email: null, favoriteStoreID: null })
  })

  it('uses the home phone when there is no mobile phone', () => {
    store.upsert([persona(4, { mobilePhone: null, homePhone: '+1 555 777 0004' })], 1)
    expect(store.findByPhone('5557770004')?.persona.contactID).toBe('c0004')
  })

  it('an upsert replaces the old copy: new points, new phone, new refresh time', () => {
    store.upsert([persona(5)], 1)
    store.upsert([persona(5, { loyaltyPoints: 999, mobilePhone: '5559990005' })], 2)
    expect(store.count()).toBe(1)
    expect(store.findByPhone('5552010005')).toBeNull()
    const hit = store.findByPhone('5559990005')!
    expect(hit.persona.loyaltyPoints).toBe(999)
    expect(hit.refreshedAt).toBe(2)
  })

  it('when two customers share a phone, the one AIQ told us about last wins', () => {
    store.upsert([persona(6, { mobilePhone: '5550000000' })], 1)
    store.upsert([persona(7, { mobilePhone: '5550000000' })], 2)
    expect(store.findByPhone('5550000000')?.persona.contactID).toBe('c0007')
  })

  it('searches by name prefix, first or last, ignoring case; "first last" narrows to both', () => {
    store.upsert(
      [
        persona(10, { firstName: 'Maria', lastName: 'Smith' }),
        persona(11, { firstName: 'Smitty', lastName: 'Jones' }),
        persona(12, { firstName: 'Mark', lastName: 'Smithers' }),
        persona(13, { firstName: 'Ann', lastName: 'Brown' }),
      ],
      1,
    )
    expect(store.searchByName('SMI', 10).map((h) => h.persona.contactID)).toEqual(['c0011', 'c0010', 'c0012'])
    expect(store.searchByName('mar smith', 10).map((h) => h.persona.contactID)).toEqual(['c0010', 'c0012'])
    expect(store.searchByName('smi', 1)).toHaveLength(1)
    expect(store.searchByName('  ', 10)).toEqual([])
  })

  it('looks up phones, source ids and name prefixes through an index, not a scan of every customer', () => {
    const plan = (sql: string, ...args: unknown[]) =>
      (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('; ')
    expect(plan('SELECT * FROM customer_directory WHERE phone = ?', '5552010001')).toMatch(/USING INDEX customer_directory_by_phone/)
    expect(plan('SELECT * FROM customer_directory WHERE src_id = ?', 'x')).toMatch(/USING INDEX customer_directory_by_src_id/)
    expect(plan('SELECT * FROM customer_directory WHERE lower(email) = lower(?)', 'x')).toMatch(/USING INDEX customer_directory_by_email/)
    expect(plan("SELECT * FROM customer_directory WHERE lower(last_name) >= 'sm' AND lower(last_name) < 'sn'")).toMatch(
      /USING INDEX customer_directory_by_last_name/,
    )
  })

  it('a page and the position of the pull are saved together and survive a restart', () => {
    const begun = store.beginPull(100)
    expect(begun).toEqual({ runStartedAt: 100, nextStart: 0, total: null })
    store.commitPage([persona(1), persona(2)], 150, { runStartedAt: 100, nextStart: 2, total: 9 })
    store = createDirectoryStore(t.reopen())
    expect(store.pull()).toEqual({ runStartedAt: 100, nextStart: 2, total: 9 })
    expect(store.count()).toBe(2)
  })

  it('ending a pull removes the customers it did not see (they left AIQ or were blocklisted)', () => {
    store.upsert([persona(1), persona(2)], 50)
    store.beginPull(100)
    store.commitPage([persona(1)], 120, { runStartedAt: 100, nextStart: 1, total: 2 })
    store.upsert([persona(3)], 130) // an online lookup during the pull
    expect(store.endPull(100)).toBe(1)
    expect(store.findByContactID('c0002')).toBeNull()
    expect(store.findByContactID('c0001')).not.toBeNull()
    expect(store.findByContactID('c0003')).not.toBeNull()
    expect(store.pull()).toBeNull()
  })

  it('clear leaves no customer data anywhere in the database file', () => {
    const secret = Array.from({ length: 300 }, (_, i) => persona(i, { lastName: `Zyxwvut${i}`, email: `hidden${i}@nowhere.test` }))
    store.upsert(secret, 1)
    store.beginPull(1)
    t.db.pragma('wal_checkpoint(TRUNCATE)')
    expect(readFileSync(t.file).includes('Zyxwvut1')).toBe(true)

    store.clear()
    expect(store.count()).toBe(0)
    expect(store.pull()).toBeNull()
    t.db.close()
    const bytes = Buffer.concat([readFileSync(t.file), ...walIfAny(t.file)])
    expect(bytes.includes('Zyxwvut')).toBe(false)
    expect(bytes.includes('nowhere.test')).toBe(false)
    expect(bytes.includes('5552010001')).toBe(false)
  })
})

function walIfAny(file: string): Buffer[] {
  try {
    return [readFileSync(`${file}-wal`)]
  } catch {
    return []
  }
}

// The counter's staff: one roster for the live AIQ account and one of practice staff for training mode; each PIN
// kept only as a scrypt hash with its lockout count. And the ID-check log: when, by whom, passed or overridden —
// nothing from the licence itself.
import { monotonicFactory } from 'ulid'
import type { Role } from '../../shared/staff-rules'
import type { PinLock } from '../staff/lockout'
import type { Db } from './db'

export type Roster = 'live' | 'training'

export interface StaffRow {
  id: string
  roster: Roster
  name: string
  role: Role
  pinHash: string
  lock: PinLock
}

export interface IdCheckRecord {
  at: number
  staffId: string
  budtender: string
  outcome: 'passed' | 'refused' | 'overridden'
  overrideReason: string | null
  approvedBy: string | null
}

export interface StaffStore {
  list(roster: Roster): StaffRow[]
  get(id: string): StaffRow | null
  add(m: { roster: Roster; name: string; role: Role; pinHash: string }, now: number): StaffRow
  /** adds, in one transaction, those whose name is not on the roster at that moment; returns how many it added */
  addMissing(roster: Roster, members: readonly { name: string; role: Role; pinHash: string }[], now: number): number
  remove(id: string, now: number): void
  setLock(id: string, lock: PinLock): void
  setPinHash(id: string, pinHash: string): void
  recordIdCheck(r: IdCheckRecord): void
  idChecks(fromMs: number, toMs: number): IdCheckRecord[]
}

interface Row {
  id: string
  roster: Roster
  name: string
  role: Role
  pin_hash: string
  failures: number
  locked_until: number | null
}
const toStaff = (r: Row): StaffRow => ({ id: r.id, roster: r.roster, name: r.name, role: r.role, pinHash: r.pin_hash, lock: { failures: r.failures, lockedUntil: r.locked_until } })

export function createStaffStore(db: Db): StaffStore {
  const newId = monotonicFactory()
  const q = {
    list: db.prepare<[string], Row>('SELECT * FROM staff WHERE roster = ? AND removed_at IS NULL ORDER BY role DESC, name COLLATE NOCASE'),
    get: db.prepare<[string], Row>('SELECT * FROM staff WHERE id = ? AND removed_at IS NULL'),
    add: db.prepare('INSERT INTO staff (id, roster, name, role, pin_hash, created_at) VALUES (@id, @roster, @name, @role, @pin_hash, @created_at)'),
    remove: db.prepare<[number, string]>('UPDATE staff SET removed_at = ? WHERE id = ?'),
    lock: db.prepare<[number, number | null, string]>('UPDATE staff SET failures = ?, locked_until = ? WHERE id = ?'),
    pin: db.prepare<[string, string]>('UPDATE staff SET pin_hash = ?, failures = 0, locked_until = NULL WHERE id = ?'),
    check: db.prepare(
      'INSERT INTO id_checks (at, staff_id, budtender, outcome, override_reason, approved_by) VALUES (@at, @staffId, @budtender, @outcome, @overrideReason, @approvedBy)',
    ),
    checks: db.prepare<[number, number], IdCheckRecord>(
      'SELECT at, staff_id AS staffId, budtender, outcome, override_reason AS overrideReason, approved_by AS approvedBy FROM id_checks WHERE at >= ? AND at < ? ORDER BY id',
    ),
  }
  return {
    list: (roster) => q.list.all(roster).map(toStaff),
    get: (id) => {
      const r = q.get.get(id)
      return r ? toStaff(r) : null
    },
    add(m, now) {
      const id = newId(now)
      q.add.run({ id, roster: m.roster, name: m.name, role: m.role, pin_hash: m.pinHash, created_at: now })
      return toStaff(q.get.get(id)!)
    },
    addMissing: db.transaction((roster: Roster, members: readonly { name: string; role: Role; pinHash: string }[], now: number) => {
      const have = new Set(q.list.all(roster).map((r) => r.name.toLowerCase()))
      let added = 0
      for (const m of members) {
        if (have.has(m.name.toLowerCase())) continue
        q.add.run({ id: newId(now), roster, name: m.name, role: m.role, pin_hash: m.pinHash, created_at: now })
        have.add(m.name.toLowerCase())
        added++
      }
      return added
    }),
    remove: (id, now) => void q.remove.run(now, id),
    setLock: (id, lock) => void q.lock.run(lock.failures, lock.lockedUntil, id),
    setPinHash: (id, pinHash) => void q.pin.run(pinHash, id),
    recordIdCheck: (r) => void q.check.run(r),
    idChecks: (from, to) => q.checks.all(from, to),
  }
}

// The guarded state table every write that must land once keeps (awards' outbox, redemptions): a change only from
// the states it names, all or nothing, with one line in the audit trail.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OutboxState } from '../../../../shared/contract'
import { CounterError } from '../../../../electron/errors'
import { openDatabase, type Db } from '../../../../electron/store/db'
import { guardedRows } from '../../../../electron/store/guarded-rows'
import { createOutbox } from '../../../../electron/store/outbox'
import { fakeClock, newAward, tempDir } from '../../../support/temp-db'

const tmp = tempDir()
let db: Db
let clock: ReturnType<typeof fakeClock>
let id: string
type Row = { id: string; state: OutboxState; last_error: string | null }
const table = () => guardedRows<Row, OutboxState>(db, clock, { table: 'outbox', events: 'outbox_events', key: 'outbox_id', missing: 'No such award here.' })
const trail = () => db.prepare('SELECT what, detail FROM outbox_events WHERE outbox_id = ? ORDER BY id').all(id)

beforeEach(() => {
  clock = fakeClock()
  db = openDatabase(tmp.file('g.db'))
  id = createOutbox(db, clock).add(newAward()).id
})
afterEach(() => {
  db.close()
  tmp.cleanup()
})

describe('a guarded change of state', () => {
  it('from a named state: applied, one line in the audit trail, the row after returned', () => {
    const g = table()
    const after = g.transition(id, ['pending'], () => 'never', () => {
      g.set(id, `state = 'failed', last_error = @e`, { e: 'no such customer' })
      g.log(id, 'failed', 'no such customer')
    })
    expect(after).toMatchObject({ id, state: 'failed', last_error: 'no such customer' })
    expect(trail()).toEqual([expect.objectContaining({ what: 'created' }), { what: 'failed', detail: 'no such customer' }])
  })

  it('from any other state: refused in the kind’s words, nothing changed, nothing logged', () => {
    const g = table()
    let ran = false
    expect(() => g.transition(id, ['failed', 'sending'], (r) => `This award is ${r.state}.`, () => (ran = true))).toThrow(new CounterError('invalid_input', 'This award is pending.'))
    expect(ran).toBe(false)
    expect(g.must(id).state).toBe('pending')
    expect(trail()).toHaveLength(1)
  })

  it('all or nothing: a change that fails half-way leaves neither the update nor its audit line', () => {
    const g = table()
    expect(() =>
      g.transition(id, ['pending'], () => 'never', () => {
        g.set(id, `state = 'sending'`)
        g.log(id, 'sending')
        throw new Error('disk full')
      }),
    ).toThrow('disk full')
    expect(g.must(id).state).toBe('pending')
    expect(trail()).toHaveLength(1)
  })

  it('a row that is not there is said in the kind’s words', () => {
    expect(() => table().must('01JDQ8Z6T3W5R7Y9B1C3D5F7GA')).toThrow(new CounterError('not_found', 'No such award here.'))
    expect(table().get('01JDQ8Z6T3W5R7Y9B1C3D5F7GA')).toBeUndefined()
  })
})

// The discipline of every table of writes that must land once (the outbox of awards, the redemptions): a missing row
// is said in its kind's words, every change is one IMMEDIATE transaction allowed only from the states it names, and
// each change leaves a line in the row's audit trail.
import type { Clock } from '../clock'
import { CounterError } from '../../shared/errors'
import type { Db } from './db'

type Table =
  | { table: 'outbox'; events: 'outbox_events'; key: 'outbox_id' }
  | { table: 'redemptions'; events: 'redemption_events'; key: 'redemption_id' }

export function guardedRows<Row extends { state: State }, State extends string>(db: Db, clock: Clock, t: Table & { missing: string }) {
  const get = db.prepare<[string], Row>(`SELECT * FROM ${t.table} WHERE id = ?`)
  const event = db.prepare(`INSERT INTO ${t.events} (${t.key}, at, what, detail) VALUES (?, ?, ?, ?)`)

  const must = (id: string): Row => {
    const r = get.get(id)
    if (!r) throw new CounterError('not_found', t.missing)
    return r
  }
  /** a line in the row's audit trail */
  const log = (id: string, what: string, detail: string | null = null, at = clock.now()): void => {
    event.run(id, at, what, detail)
  }
  const set = (id: string, sql: string, params: Record<string, unknown> = {}) =>
    db.prepare(`UPDATE ${t.table} SET ${sql} WHERE id = @id`).run({ id, ...params })

  /** Runs `fn` on the row in one IMMEDIATE transaction when its state is one of `from`, else explains why not; the row after. */
  function transition(id: string, from: readonly State[], refuse: (r: Row) => string, fn: (r: Row) => void): Row {
    return db
      .transaction(() => {
        const r = must(id)
        if (!from.includes(r.state)) throw new CounterError('invalid_input', refuse(r))
        fn(r)
        return must(id)
      })
      .immediate()
  }

  return { get: (id: string): Row | undefined => get.get(id), must, log, set, transition }
}

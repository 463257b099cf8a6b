// The ID check at the counter: a scanned licence is read, judged on the store's day (21+, or 18+ in a medical store),
// and after a pass the customer is looked up by name and date of birth. The licence is used for this and dropped:
// only "ID checked at <time> by <budtender>, passed/overridden" is kept. A failed check is held in memory for a few
// minutes so a manager can override it.
import { randomUUID } from 'node:crypto'
import type { Approval, Customer, IdCheckOutcome } from '../../shared/contract'
import { parseAamva, type AamvaLicence } from '../../shared/aamva'
import { calendarDay, checkLicence, MINIMUM_AGE } from '../../shared/id-check'
import { AiqError } from '../aiq/errors'
import { customerWithUnsynced, type PendingPoints } from './customers'
import type { AiqClient } from '../aiq/types'
import type { Clock } from '../clock'
import { CounterError } from '../errors'
import type { StaffStore } from '../store/staff'
import type { StaffGuard } from './staff'

/** how long a failed check can still be overridden */
const HOLD_MS = 5 * 60_000

/** `account`: the account connected at the scan; only its own manager may override (never after a switch) */
type Held = { outcome: IdCheckOutcome; licence: AamvaLicence | null; until: number; account: string }

export function createIdCheckService(deps: {
  guard: StaffGuard
  store: StaffStore
  client: () => AiqClient
  clock: Clock
  /** the outbox itself: this customer's awards on their way and refused, as the card shows them */
  outbox: PendingPoints
  /** the store's time zone (IANA); the counter's own when not given */
  timeZone?: string
  /** the account connected now (account.key()) */
  account: () => string
}) {
  const { guard, clock } = deps
  const held = new Map<string, Held>()
  const forget = () => {
    const now = clock.now()
    for (const [id, h] of held) if (h.until <= now) held.delete(id)
  }

  async function lookUp(l: AamvaLicence): Promise<Pick<IdCheckOutcome, 'lookup' | 'matches'>> {
    if (!l.firstName || !l.lastName) return { lookup: 'not_looked_up', matches: [] }
    try {
      const page = await deps.client().listPersonas({ search: `"${l.firstName} ${l.lastName}"`, limit: 10, start: 0 })
      // where AIQ has a date of birth it must agree; where it has none, the name alone is a candidate
      const matches: Customer[] = page.results
        .filter((p) => {
          // the reader gives AIQ's birthday as yyyy-mm-dd, or null where it has none it can read
          return !p.birthday || p.birthday === l.dateOfBirth
        })
        .map((p) => customerWithUnsynced(deps.outbox, p))
      return { lookup: matches.length > 0 ? 'found' : 'none', matches }
    } catch (e) {
      if (e instanceof AiqError) return { lookup: 'unavailable', matches: [] }
      throw e
    }
  }

  function record(outcome: 'passed' | 'overridden', by: { id: string; name: string }, extra: { reason?: string; approvedBy?: string } = {}) {
    deps.store.recordIdCheck({ at: clock.now(), staffId: by.id, budtender: by.name, outcome, overrideReason: extra.reason ?? null, approvedBy: extra.approvedBy ?? null })
  }

  return {
    async checkId({ scan }: { scan: string }): Promise<IdCheckOutcome> {
      const by = guard.actor()
      forget()
      const parsed = parseAamva(scan)
      const licence = parsed.ok ? parsed.licence : null
      const minimumAge = guard.rules().medical ? MINIMUM_AGE.medical : MINIMUM_AGE.adult
      const check = checkLicence(licence, calendarDay(clock.now(), deps.timeZone), minimumAge)
      const base: IdCheckOutcome = {
        checkId: randomUUID(),
        verdict: check.verdict,
        overridden: false,
        problem: parsed.ok ? (check.problem ?? null) : parsed.problem,
        age: check.age,
        minimumAge,
        // dates that cannot be believed are not shown as if they were read: the problem is shown instead
        holder: licence && check.verdict !== 'unreadable'
          ? { firstName: licence.firstName, lastName: licence.lastName, dateOfBirth: licence.dateOfBirth, expiry: licence.expiry, state: licence.state, document: licence.document }
          : null,
        lookup: 'not_looked_up',
        matches: [],
      }
      if (check.verdict !== 'pass') {
        held.set(base.checkId, { outcome: base, licence, until: clock.now() + HOLD_MS, account: deps.account() })
        return base
      }
      record('passed', by)
      return { ...base, ...(await lookUp(licence!)) }
    },

    async overrideIdCheck({ checkId, reason, approval }: { checkId: string; reason: string; approval?: Approval }): Promise<IdCheckOutcome> {
      const by = guard.actor()
      forget()
      const h = held.get(checkId)
      if (!h) throw new CounterError('not_found', 'That ID check is too old to override. Scan the licence again.')
      if (h.account !== deps.account()) throw new CounterError('not_found', 'The account changed since this licence was scanned. Scan it again.')
      const manager = await guard.approve({ kind: 'override_id' }, approval)
      // another override of this check may have gone through while the PIN was checked: one row, never more
      if (held.get(checkId) !== h) throw new CounterError('not_found', 'This ID check was just overridden.')
      held.delete(checkId)
      record('overridden', by, { reason: reason.trim(), approvedBy: manager?.name ?? by.name })
      const found = h.licence ? await lookUp(h.licence) : { lookup: 'not_looked_up' as const, matches: [] }
      return { ...h.outcome, overridden: true, ...found }
    },
  }
}


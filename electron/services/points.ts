// Awarding points through the durable outbox, the queue screen's actions, and the shift report.
import type { MethodArgs, MethodOutput, OutboxEntry, OutboxState } from '../../shared/contract'
import { AiqError } from '../aiq/errors'
import type { AiqClient } from '../aiq/types'
import { customerName } from '../aiq/customer'
import { CounterError } from '../errors'
import { givenElsewhere, type Outbox } from '../store/outbox'
import type { StaffStore } from '../store/staff'
import { readTagInfo, stripTag } from '../sync/tag'
import type { AiqTime } from './aiq-time'
import type { StaffGuard } from './staff'

/** how far back the award dialog looks for points the customer already got ("+40 at Counter 2 by Sam, 3 minutes ago") */
export const RECENT_MS = 10 * 60_000

export function createPointsService(deps: {
  /** AIQ's time: the outbox's times, and the windows asked of AIQ */
  time: Pick<AiqTime, 'clock' | 'offsetMs'>
  /** this counter's name, for its own awards in the recent list */
  counterName: () => string
  outbox: Outbox
  client: () => AiqClient
  /** something changed in the outbox: wake the sync engine (force = skip its backoff wait, a person asked) */
  kick: (opts?: { force?: boolean }) => void
  /** who is signed in, and the manager's PIN where the rules ask for it (services/staff.ts) */
  staff: StaffGuard
  /** the ID checks for the shift report */
  idChecks?: Pick<StaffStore, 'idChecks'>
}) {
  const { staff } = deps
  const { outbox } = deps
  const changed = <T>(value: T, force = false): T => {
    deps.kick({ force })
    return value
  }
  const must = (id: string): OutboxEntry => {
    const entry = outbox.get(id)
    if (!entry) throw new CounterError('not_found', 'That award is no longer in the queue.')
    return entry
  }
  /** A person's action on an award: only on the connected account's, so only ever with that account's own manager. */
  const ours = (id: string): OutboxEntry => {
    const entry = must(id)
    if (entry.otherAccount) throw givenElsewhere(entry.account)
    return entry
  }

  return {
    /** Resolves only after the row is committed to disk. */
    async awardPoints(args: MethodArgs<'awardPoints'>): Promise<OutboxEntry> {
      const by = staff.actor()
      const manager = await staff.approve({ kind: 'award', value: args.value }, args.approval)
      const entry = outbox.add({
        contactID: args.customer.contactID ?? null,
        phone: args.customer.phone ?? null,
        customerName: args.customerName,
        value: args.value,
        reason: args.reason,
        budtender: by.name,
        budtenderId: by.id,
        approvedBy: manager?.name ?? null,
      })
      return changed(entry)
    },

    async listOutbox({ states }: MethodArgs<'listOutbox'>) {
      return { entries: outbox.list(states as OutboxState[] | undefined) }
    },

    async retryOutboxEntry({ id }: MethodArgs<'retryOutboxEntry'>) {
      ours(id)
      return changed(outbox.retryNow(id), true)
    },

    async fixOutboxCustomer({ id, customer, customerName, approval }: MethodArgs<'fixOutboxCustomer'>) {
      ours(id)
      const by = staff.actor()
      const manager = await staff.approve({ kind: 'repoint' }, approval)
      const entry = outbox.fixCustomer(id, customer, customerName)
      outbox.note(id, 'customer_fixed_by', manager ? `${by.name}, approved by ${manager.name}` : by.name)
      return changed(entry)
    },

    async discardOutboxEntry({ id, reason, approval }: MethodArgs<'discardOutboxEntry'>) {
      const entry = ours(id)
      const by = staff.actor()
      if (entry.state === 'synced' || entry.state === 'sending')
        throw new CounterError('invalid_input', entry.state === 'synced' ? 'This award already reached AIQ; it cannot be discarded. Deduct the points instead.' : 'This award is being sent right now. Wait a moment and try again.')
      const manager = await staff.approve({ kind: 'discard' }, approval)
      const discarded = outbox.discard(id, reason, by.name)
      if (manager) outbox.note(id, 'discard_approved_by', manager.name)
      return changed(discarded)
    },

    async recentAwards({ customer }: MethodArgs<'recentAwards'>): Promise<MethodOutput<'recentAwards'>> {
      const now = deps.time.clock.now()
      const from = now - RECENT_MS
      const same = (e: { contactID: string | null; phone?: string | null }) =>
        (customer.contactID !== undefined && e.contactID === customer.contactID) || (customer.phone !== undefined && e.phone === customer.phone)
      const mine = outbox.inWindow(from, now + 60_000).filter((e) => same(e) && !e.otherAccount && e.state !== 'discarded')
      const awards: MethodOutput<'recentAwards'>['awards'] = mine.map((e) => ({ value: e.value, counter: deps.counterName(), by: e.budtender, at: e.createdAt, thisCounter: true }))
      if (customer.contactID === undefined) return { awards, now, aiqChecked: false }
      try {
        const rows = await deps.client().listAdjustments(Math.floor(from / 1000), Math.ceil((now + 60_000) / 1000))
        const ours = new Set(mine.map((e) => e.id))
        for (const r of rows) {
          const tag = readTagInfo(r.note)
          if (r.contactID !== customer.contactID || (tag && ours.has(tag.id))) continue
          awards.push({ value: r.value, counter: tag?.counter ?? null, by: tag?.by ?? null, at: r.ts === null ? now : r.ts * 1000, thisCounter: false })
        }
        return { awards: awards.sort((a, b) => b.at - a.at), now, aiqChecked: true }
      } catch (e) {
        if (!(e instanceof AiqError || e instanceof CounterError)) throw e
        return { awards, now, aiqChecked: false }
      }
    },

    async shiftReport({ from, to }: MethodArgs<'shiftReport'>): Promise<MethodOutput<'shiftReport'>> {
      if (to <= from) throw new CounterError('invalid_input', 'The report must end after it starts.')
      // the range is this computer's day; AIQ's rows and the outbox's times are in AIQ's time
      const shift = deps.time.offsetMs() ?? 0
      const [aFrom, aTo] = [from + shift, to + shift]
      const local = outbox.inWindow(aFrom, aTo)
      const idChecks = deps.idChecks?.idChecks(aFrom, aTo).map(({ staffId: _, ...r }) => r) ?? []
      try {
        const rows = await deps.client().listAdjustments(Math.floor(aFrom / 1000), Math.ceil(aTo / 1000))
        const adjustments = rows
          .map((r) => {
            const tag = readTagInfo(r.note)
            return {
              contactID: r.contactID,
              customerName: customerName({ firstName: r.firstName ?? '', lastName: r.lastName ?? '' }),
              phone: r.mobilePhone,
              value: r.value,
              note: stripTag(r.note ?? ''),
              // a row without a readable time is still shown, at the report's start
              at: r.ts === null ? aFrom : r.ts * 1000,
              outboxId: tag?.id ?? null,
              counter: tag?.counter ?? null,
            }
          })
          .sort((a, b) => b.at - a.at)
        return { from, to, aiq: { available: true, error: null, adjustments }, local, idChecks }
      } catch (e) {
        const message = e instanceof AiqError || e instanceof CounterError ? e.message : 'AIQ could not be asked.'
        return { from, to, aiq: { available: false, error: message, adjustments: [] }, local, idChecks }
      }
    },
  }
}

// Redeeming a wallet reward after checkout, at most once. Online only: nothing is queued. Each attempt is a row
// committed before its PUT (store/redemptions.ts); a double press finds the live row and sends nothing; a lost answer
// or a restart leaves the row in doubt, and before anything is sent again AIQ's redemptions list is read. A refusal is
// kept in AIQ's words and never retried.
import type { Customer, MethodArgs, MethodOutput, RedemptionEntry } from '../../shared/contract'
import { toPhone10 } from '../../shared/phone'
import { NO_PHONE_FOR_WALLET } from '../../shared/points'
import { AiqError, ForeignUrlError } from '../aiq/errors'
import { customerName } from '../aiq/customer'
import type { AiqClient, Persona } from '../aiq/types'
import type { Clock } from '../clock'
import { CounterError } from '../errors'
import type { Logger } from '../log'
import type { RedemptionStore } from '../store/redemptions'
import type { StaffGuard } from './staff'
import type { AccessGate } from './access'
import { access } from '../../shared/contract/access'
import { failedPut, foundInAiq, matchFrom, refusalMayPassLater } from './redemption-rules'
import { lookFrom, lookWindow } from '../aiq/look-window'
import { sameContact } from '../../shared/contact-id'
import { writeOnce, type Seen, type WriteOnceSteps } from '../sync/write-once'

/** how long an unanswered redemption PUT may still land in AIQ before "not in the list" is believed */
export const REDEEM_SETTLE_MS = 30_000

type Outcome = MethodOutput<'redeemReward'>

export function createRedemptionService(deps: {
  store: RedemptionStore
  client: () => AiqClient
  clock: Clock
  /** false when the counter knows AIQ cannot be reached: redemption is then refused, never queued */
  online: () => boolean
  customerOf: (p: Persona) => Customer
  onUnreachable?: () => void
  onReachable?: () => void
  log?: Logger
  settleMs?: number
  /** who is signed in (recorded on each redemption), and a manager's PIN if the rules ask for one */
  staff: StaffGuard
  /** the contract's rule for redeemReward, asked once the reward's cost is read from AIQ */
  access: AccessGate
}) {
  const { store, clock } = deps
  const settleMs = deps.settleMs ?? REDEEM_SETTLE_MS
  /** one PUT at a time per row, whatever presses and retries arrive meanwhile */
  const inFlight = new Map<string, Promise<Outcome>>()

  const once = (id: string, work: () => Promise<Outcome>): Promise<Outcome> => {
    const running = inFlight.get(id)
    if (running) return running
    const p = work().finally(() => inFlight.delete(id))
    inFlight.set(id, p)
    return p
  }

  /** Reads before any row exists: AIQ out of reach means nothing was redeemed, and the counter learns it is offline. */
  async function reachAiq<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (e) {
      if (e instanceof AiqError && e.unreachable) {
        deps.onUnreachable?.()
        throw offline()
      }
      throw e
    }
  }

  async function freshCustomer(aiq: AiqClient, contactID: string): Promise<Customer | null> {
    try {
      return deps.customerOf(await aiq.getPersona(contactID))
    } catch {
      return null // the card keeps what it had; the next check-in shows the new balance
    }
  }

  async function outcome(aiq: AiqClient, entry: RedemptionEntry): Promise<Outcome> {
    return { redemption: entry, customer: entry.state === 'redeemed' ? await freshCustomer(aiq, entry.contactID) : null }
  }

  /** Looks for the row in AIQ's redemptions: true/false, or null when the list could not be read. */
  async function lookInAiq(aiq: AiqClient, entry: RedemptionEntry): Promise<boolean | null> {
    const now = clock.now()
    // AIQ's time not learnt yet (no Date header): this computer's clock may be hours off, so the look widens, as an award's does
    const timeKnown = aiq.time.anchored()
    try {
      // the row is committed before its first PUT: it was made when it was first sent
      const w = lookWindow(lookFrom(entry.createdAt, entry.createdAt), now, timeKnown)
      const rows = await aiq.listRedemptions(w.startSec, w.endSec)
      // this counter's other redemptions of the reward counted over the very window AIQ's rows are counted in
      const attempt = { ...entry, firstSentAt: entry.createdAt, timeKnown }
      const others = store.similarSent(entry, matchFrom(attempt), now)
      const found = foundInAiq(rows, attempt, others)
      if (!found && rows.complete === false) {
        store.note(entry.id, 'looked_in_aiq', 'could not read the whole list')
        return null
      }
      store.note(entry.id, 'looked_in_aiq', found ? 'found' : 'not there')
      return found
    } catch (e) {
      deps.log?.warn({ err: e, redemption: entry.id }, 'could not read AIQ’s redemptions to check an unanswered redemption')
      store.note(entry.id, 'looked_in_aiq', 'could not read the list')
      return null
    }
  }

  /**
   * The row to AIQ once (sync/write-once): an in-doubt row is looked for in AIQ's list first, and sent again only once
   * it surely is not there; the row is committed sending before its PUT. A first press's row is committed by begin.
   */
  function redeemOnce(aiq: AiqClient, entry: RedemptionEntry, how: Pick<WriteOnceSteps<RedemptionEntry, Outcome, unknown>, 'mayBeInAiq' | 'hold' | 'commit'>): Promise<Outcome> {
    return writeOnce(entry, {
      ...how,
      look: (e) => lookBeforeResend(aiq, e),
      found: (e) => markFound(aiq, e),
      put: (e) => aiq.redeem(store.urlOf(e.id), e.posTransactionId),
      async sent(e, answer) {
        try {
          deps.onReachable?.()
          const customer = await freshCustomer(aiq, e.contactID)
          const balanceAfter = customer?.points ?? answer.loyaltyPoints ?? null
          return { redemption: store.markRedeemed(e.id, { balanceAfter, how: 'answered' }), customer }
        } catch (err) {
          // AIQ answered, but the answer could not be recorded (the disk): it is read as in doubt, never left 'sending'
          return putFailed(aiq, e, err)
        }
      },
      failed: (e, err) => putFailed(aiq, e, err),
    })
  }

  /** In doubt: found, or surely not there after the settle time; else nothing is sent and the budtender is told why. */
  async function lookBeforeResend(aiq: AiqClient, entry: RedemptionEntry): Promise<Seen<Outcome>> {
    const found = await lookInAiq(aiq, entry)
    if (found === true) return { found: true }
    if (found === null) throw new CounterError('server_error', 'AIQ’s redemptions could not be read, so it is not known yet whether this went through. Nothing was sent again; check again in a moment.')
    const now = clock.now()
    if (entry.checkAfter !== null && now < entry.checkAfter) {
      const secs = Math.ceil((entry.checkAfter - now) / 1000)
      store.note(entry.id, 'wait', `${secs} s`)
      throw new CounterError('invalid_input', `Not in AIQ’s redemptions yet, but AIQ may still be working on it. Check again in ${secs} s; nothing was sent again.`)
    }
    return { found: false }
  }

  /** A PUT that did not succeed, read through aiq/write-outcome: not sent, refused in AIQ's words, or in doubt. */
  async function putFailed(aiq: AiqClient, entry: RedemptionEntry, e: unknown): Promise<Outcome> {
    const f = failedPut(e)
    if (e instanceof ForeignUrlError) {
      // only the host: the link's token is a one-time secret
      deps.log?.warn({ host: e.host, aiqOrigin: aiq.origin, redemption: entry.id }, 'a reward’s redemption link points away from AIQ; not followed, the key was not sent')
    } else {
      deps.log?.warn({ err: e, redemption: entry.id, decision: f.kind }, 'a redemption did not go through')
    }
    if (e instanceof AiqError && e.kind === 'offline' && e.details.notSent) deps.onUnreachable?.()
    if (f.kind === 'not_sent') return { redemption: store.markNotSent(entry.id, f.why), customer: null }
    if (f.kind === 'refused') {
      // a resend refused ("already used") may be our own first PUT that landed after all
      if (entry.attempts > 1 && (await lookInAiq(aiq, entry)) === true) return markFound(aiq, entry)
      return { redemption: store.markRefused(entry.id, f.words), customer: null }
    }
    // unknown: AIQ may have it. Look at once; if it is not there yet, it stays in doubt (never sent again unasked)
    if ((await lookInAiq(aiq, entry)) === true) return markFound(aiq, entry)
    const sentAt = store.get(entry.id)?.sentAt ?? clock.now()
    return { redemption: store.markInDoubt(entry.id, `${f.why} It is never sent twice: check again to look for it in AIQ.`, sentAt + settleMs), customer: null }
  }

  async function markFound(aiq: AiqClient, entry: RedemptionEntry): Promise<Outcome> {
    const customer = await freshCustomer(aiq, entry.contactID)
    return { redemption: store.markRedeemed(entry.id, { balanceAfter: customer?.points ?? null, how: 'found_in_aiq' }), customer }
  }

  async function retry(aiq: AiqClient, id: string): Promise<Outcome> {
    const entry = store.get(id)
    if (!entry) throw new CounterError('not_found', 'That redemption is not on this counter.')
    if (!store.isOurs(id)) throw new CounterError('invalid_input', 'This redemption was made in another account. Check it again when that account is connected.')
    if (entry.state === 'redeemed' || entry.state === 'refused' || entry.state === 'sending') return outcome(aiq, entry)
    // not sent, or in doubt and surely not in AIQ after the settle time: the same link again, committed before the PUT
    return redeemOnce(aiq, entry, {
      mayBeInAiq: entry.state === 'in_doubt',
      hold(e) {
        if (!deps.online()) throw offline()
        // another press of the same sale's reward is already on its way
        const other = store.live(e)
        return other && other.id !== e.id ? outcome(aiq, other) : null
      },
      commit: (e) => store.resend(e.id),
    })
  }

  const api = {
    async redeemReward(args: MethodArgs<'redeemReward'>): Promise<Outcome> {
      const by = deps.staff.actor()
      const aiq = deps.client()
      const key = { contactID: args.contactID, rewardId: args.rewardId, posTransactionId: args.posTransactionId }
      // a second press (or a second counter window) for the same sale's reward: never a second PUT
      const live = store.live(key)
      if (live) return inFlight.get(live.id) ?? outcome(aiq, live)
      // an earlier redemption of this reward whose answer never came (a voided sale rung again, say): settle it first
      const earlier = store.unsettled(key)
      if (earlier)
        throw new CounterError(
          'invalid_input',
          `This reward was already sent to AIQ for this customer on POS transaction ${earlier.posTransactionId}, and AIQ has not confirmed it yet. Open that redemption and press "Check AIQ again" before redeeming it again.`,
        )
      if (!deps.online()) throw offline()
      const { persona, wallet } = await reachAiq(async () => {
        const persona = await aiq.getPersona(args.contactID)
        const phone = toPhone10(persona.mobilePhone ?? '') ?? toPhone10(persona.homePhone ?? '')
        if (!phone) throw new CounterError('not_found', NO_PHONE_FOR_WALLET)
        return { persona, wallet: await aiq.getWallet({ phone }) }
      })
      if (wallet.contactID && !sameContact(wallet.contactID, args.contactID)) {
        throw new CounterError('bad_response', 'AIQ opened the wallet of someone else for this phone number. Nothing was redeemed; tell a manager.')
      }
      const reward = (wallet.discountTemplates ?? []).find((d) => d.id === args.rewardId)
      if (!reward) throw new CounterError('not_found', 'AIQ no longer offers this reward to this customer. Nothing was redeemed.')
      if (!reward.redemptionURL) throw new CounterError('bad_response', 'AIQ gave this reward no redemption link, so it cannot be redeemed from the counter.')
      // what it costs is AIQ's word, read just now: above the store's threshold it is the manager's to approve
      await deps.access.checkRead(access.redeemReward, { points: Math.round(reward.pointsDeduction ?? 0) }, args.approval)
      const begun = store.begin(
        {
        ...key,
        customerName: args.customerName || customerName({ firstName: persona.firstName ?? '', lastName: persona.lastName ?? '' }),
        rewardName: reward.name,
        posDiscountID: reward.posDiscountID ?? null,
        points: reward.pointsDeduction ?? 0,
        redemptionURL: reward.redemptionURL,
        budtender: by.name,
        },
        { mayRetryRefusal: refusalMayPassLater },
      )
      if (!begun.created) return inFlight.get(begun.entry.id) ?? outcome(aiq, begun.entry)
      return once(begun.entry.id, () => redeemOnce(aiq, begun.entry, { mayBeInAiq: false, commit: (e) => e }))
    },

    async retryRedemption({ id }: MethodArgs<'retryRedemption'>): Promise<Outcome> {
      deps.staff.actor() // a resend is somebody's act: signed in, like the first press
      const aiq = deps.client()
      return once(id, () => retry(aiq, id))
    },

    async redemptionReport({ from, to }: MethodArgs<'redemptionReport'>): Promise<MethodOutput<'redemptionReport'>> {
      if (to <= from) throw new CounterError('invalid_input', 'The report must end after it starts.')
      const local = store.inWindow(from, to)
      try {
        const rows = await deps.client().listRedemptions(Math.floor(from / 1000), Math.ceil(to / 1000))
        const redemptions = rows.map((r) => {
          const mine = local.find(
            (l) => l.state === 'redeemed' && sameContact(l.contactID, r.contactID) && (r.discountID === null || r.discountID === l.rewardId) && r.transactionID === l.posTransactionId,
          )
          return { contactID: r.contactID, rewardId: r.discountID, name: r.name, points: r.points, posTransactionId: r.transactionID, at: r.ts === null ? null : r.ts * 1000, redemptionId: mine?.id ?? null }
        })
        return { local, aiq: { available: true, error: null, redemptions } }
      } catch (e) {
        const message = e instanceof AiqError || e instanceof CounterError ? e.message : 'AIQ could not be asked.'
        return { local, aiq: { available: false, error: message, redemptions: [] } }
      }
    },
  }

  return {
    /** its part of the contract's methods */
    api,
    /** After a start: rows left 'sending' are in doubt; each in-doubt row AIQ already has becomes redeemed. Never sends. */
    async recover(): Promise<void> {
      const n = store.strandedToInDoubt(settleMs)
      if (n) deps.log?.warn({ count: n }, 'redemptions were being sent when the app stopped; they are in doubt until AIQ is looked at')
      let aiq: AiqClient
      try {
        aiq = deps.client()
      } catch {
        return
      }
      for (const entry of store.inDoubt()) {
        if ((await lookInAiq(aiq, entry)) === true) await markFound(aiq, entry).catch(() => undefined)
      }
    },
  }
}

const offline = () => new CounterError('offline', 'Redeeming needs AIQ, and it cannot be reached right now. Nothing was redeemed; the reward stays for next time.')

export type RedemptionService = ReturnType<typeof createRedemptionService>

// Reward redemption as AIQ documents it (electron/aiq/README.md §redemption): each wallet reward carries a one-time
// `redemptionURL`; a PUT of it (POS transaction id appended) redeems once and deducts the points at once; the same URL
// a second time is refused; every redemption is listed by GET /api/v1.1/redemptions/{uid}/{start}/{end}.
import { hash32 } from './prng'

export type Redemption = {
  /** AIQ's own id of the redemption */
  id: string
  contactID: string
  discountID: string
  posDiscountID: string
  name: string
  pointsDeduction: number
  /** the POS transaction id appended to the URL, null for an e-commerce redemption (nothing appended) */
  transactionID: string | null
  /** epoch seconds */
  ts: number
  /** the one-time token of the URL that was used */
  token: string
}

/** One account's redemption links and history. */
export class RedemptionBook {
  /** every redemption, in order (tests read it: `sb.data.redemptions.list`) */
  readonly list: Redemption[] = []
  /** contact:reward -> the token of its current (unused) link */
  private readonly current = new Map<string, string>()
  /** token -> what it redeems, and whether it was used */
  private readonly tokens = new Map<string, { contactID: string; discountID: string; used: boolean }>()
  private issued = 0

  constructor(private readonly uid: string) {}

  /** The token of the reward's current link for this contact: the same until it is used, then a new one. */
  tokenFor(contactID: string, discountID: string): string {
    const key = `${contactID}:${discountID}`
    const known = this.current.get(key)
    if (known) return known
    const n = ++this.issued
    const token = `${hash32(`${this.uid}:${key}:${n}`, 7).toString(16).padStart(8, '0')}${n.toString(16).padStart(6, '0')}`
    this.current.set(key, token)
    this.tokens.set(token, { contactID, discountID, used: false })
    return token
  }

  /** What a token redeems: undefined = no such link; `used` = already redeemed once. */
  lookup(token: string): { contactID: string; discountID: string; used: boolean } | undefined {
    return this.tokens.get(token)
  }

  /** Marks the token used and records the redemption; the reward's next wallet gets a new link. */
  use(token: string, r: Omit<Redemption, 'id' | 'token'>): Redemption {
    const t = this.tokens.get(token)
    if (!t || t.used) throw new Error('redemption link not usable')
    t.used = true
    this.current.delete(`${t.contactID}:${t.discountID}`)
    const redemption: Redemption = { ...r, token, id: `rd-${this.list.length + 1}-${token.slice(0, 6)}` }
    this.list.push(redemption)
    return redemption
  }

  inWindow(start: number, end: number): Redemption[] {
    return this.list.filter((r) => r.ts >= start && r.ts <= end)
  }
}

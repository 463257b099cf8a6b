// Order history, points timeline, traits and recommendations, generated on demand from the contactID and the seed,
// so 500k personas cost nothing until someone looks at one.
import type { CustomAttribute, LineItem, Persona, Recommendation } from '../aiq/types'
import { PRODUCTS, REWARDS, STORES, type Product } from './catalog'
import { hash32, rng, type Rng } from './prng'

export type TimelineEvent = { ts: number; type: string; value: number; note: string; balance: number }

export type History = {
  orders: LineItem[]
  /** seeded events, balances included, ending at the seeded points */
  events: TimelineEvent[]
  traits: CustomAttribute[]
  recommendations: Recommendation[]
}

const CATEGORIES = ['Flower', 'Pre-Rolls', 'Vapes', 'Edibles', 'Concentrates'] as const
const DAY = 86_400
const cents = (n: number): number => Math.round(n * 100) / 100

export function generateHistory(p: Persona, seedPoints: number, seed: number, anchorSec: number): History {
  const r = rng(hash32(p.contactID, seed))
  const favourite = r.pick(CATEGORIES)
  const orders = generateOrders(r, p, favourite, anchorSec)
  const events = p.loyalty && p.loyaltySignupTS ? generateEvents(r, orders, seedPoints, p.loyaltySignupTS) : []
  const traits: CustomAttribute[] = [
    { key: 'favoriteCategory', value: favourite },
    { key: 'birthMonth', value: String(r.int(1, 12)) },
    { key: 'medicalPatient', value: r.chance(0.2) ? 'true' : 'false' },
  ]
  return { orders, events, traits, recommendations: recommend(r, orders, favourite) }
}

function generateOrders(r: Rng, p: Persona, favourite: string, anchorSec: number): LineItem[] {
  const from = Math.max(p.inserted ?? anchorSec - 365 * DAY, anchorSec - 2 * 365 * DAY)
  const visits = p.loyalty ? r.int(2, 8) : r.int(1, 4)
  const home = STORES.find((s) => s.id === p.favoriteStoreID) ?? STORES[0]!
  const times: number[] = []
  for (let i = 0; i < visits; i++) times.push(from + Math.floor(r.next() * Math.max(DAY, anchorSec - DAY - from)))
  times.sort((a, b) => a - b)
  const items: LineItem[] = []
  for (const timestamp of times) {
    const store = r.chance(0.75) ? home : r.pick(STORES)
    const count = r.int(1, 4)
    const basket = new Set<string>()
    for (let i = 0; i < count; i++) {
      const product = pickProduct(r, favourite)
      if (basket.has(product.sku)) continue
      basket.add(product.sku)
      const quantity = product.category === 'Pre-Rolls' || product.category === 'Edibles' ? r.int(1, 3) : r.int(1, 2)
      const discount = r.chance(0.15) ? 0.9 : 1
      items.push({
        name: product.name, brand: product.brand, quantity, totalPrice: cents(product.price * quantity * discount),
        timestamp, storeName: store.name, sku: product.sku, category: product.category,
      })
    }
  }
  return items
}

function pickProduct(r: Rng, favourite: string): Product {
  const pool = r.chance(0.6) ? PRODUCTS.filter((x) => x.category === favourite) : PRODUCTS
  return r.pick(pool.length ? pool : PRODUCTS)
}

/** Earn 1 point per dollar after signup, redeem now and then, then reconcile to the seeded balance. */
function generateEvents(r: Rng, orders: LineItem[], seedPoints: number, signupTs: number): TimelineEvent[] {
  const visits = new Map<number, { total: number; store: string }>()
  for (const o of orders) {
    const v = visits.get(o.timestamp) ?? { total: 0, store: o.storeName ?? '' }
    v.total += o.totalPrice
    visits.set(o.timestamp, v)
  }
  const raw: Omit<TimelineEvent, 'balance'>[] = []
  let balance = 0
  for (const [ts, v] of visits) {
    if (ts < signupTs) continue
    const earn = Math.floor(v.total)
    balance += earn
    raw.push({ ts, type: 'earn', value: earn, note: `Purchase at ${v.store}` })
    const affordable = REWARDS.filter((w) => w.pointsDeduction <= balance)
    if (affordable.length && balance >= 200 && r.chance(0.35)) {
      const reward = r.pick(affordable)
      balance -= reward.pointsDeduction
      raw.push({ ts, type: 'redeem', value: -reward.pointsDeduction, note: `Redeemed: ${reward.name}` })
    }
  }
  const diff = seedPoints - balance
  if (diff > 0) {
    raw.unshift({ ts: signupTs, type: 'bonus', value: diff, note: diff <= 100 ? 'Welcome bonus' : 'Points carried over from previous program' })
  } else if (diff < 0) {
    const last = raw.at(-1)?.ts ?? signupTs
    raw.push({ ts: last + 1, type: 'expire', value: diff, note: 'Points expired' })
  }
  let running = 0
  return raw.map((e) => ({ ...e, balance: (running += e.value) }))
}

function recommend(r: Rng, orders: LineItem[], favourite: string): Recommendation[] {
  const byCategory = new Map<string, number>()
  const byBrand = new Map<string, number>()
  for (const o of orders) {
    byCategory.set(o.category ?? '', (byCategory.get(o.category ?? '') ?? 0) + 1)
    byBrand.set(o.brand ?? '', (byBrand.get(o.brand ?? '') ?? 0) + 1)
  }
  const n = Math.max(1, orders.length)
  const scored = PRODUCTS.map((x) => ({
    name: x.name, brand: x.brand, category: x.category, sku: x.sku,
    score: 0.45 * ((byCategory.get(x.category) ?? 0) / n) + 0.25 * ((byBrand.get(x.brand) ?? 0) / n) +
      (x.category === favourite ? 0.15 : 0) + 0.15 * r.next(),
  }))
  scored.sort((a, b) => b.score - a.score)
  return scored.slice(0, 8).map((x) => ({ ...x, score: Math.round(x.score * 1000) / 1000 }))
}

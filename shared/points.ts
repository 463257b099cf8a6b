// Points as AIQ keeps them: a balance may be fractional (AIQ's "round points" off) or below zero (after an expiry or
// a block adjustment). Every screen writes points with these, so the number shown is always the one AIQ has — never
// rounded into another — and a balance below zero says so in words.

const MINUS = '−' // a real minus sign: it reads as one at a glance
export const BELOW_ZERO = '(below zero)'

/** The decimal digits of |n| exactly as JavaScript keeps the number (its shortest round-trip form), no exponent. */
function plainDigits(n: number): string {
  const s = Math.abs(n).toString()
  const m = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s)
  if (!m) return s
  const digits = m[1]! + (m[2] ?? '')
  const point = m[1]!.length + Number(m[3])
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length)
  return `${digits.slice(0, point)}.${digits.slice(point)}`
}

/** "1,234.75", "−12.5", "0.125": every digit AIQ sent, thousands grouped, a real minus sign. */
export function formatPoints(n: number): string {
  if (!Number.isFinite(n)) return '—'
  const [whole, fraction] = plainDigits(n).split('.') as [string, string | undefined]
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const text = fraction ? `${grouped}.${fraction}` : grouped
  return n < 0 ? `${MINUS}${text}` : text
}

/** A change of points: "+40", "−12.5", "0". */
export function formatSignedPoints(n: number): string {
  return n > 0 ? `+${formatPoints(n)}` : formatPoints(n)
}

/** A balance as a figure, said plainly when it is below zero: "1,234.75", "−12.5 (below zero)". */
export function formatBalanceFigure(n: number): string {
  return n < 0 ? `${formatPoints(n)} ${BELOW_ZERO}` : formatPoints(n)
}

/** A balance in words: "1 point", "1,234.75 points", "−12.5 points (below zero)". */
export function formatBalance(n: number): string {
  const unit = n === 1 ? 'point' : 'points'
  return n < 0 ? `${formatPoints(n)} ${unit} ${BELOW_ZERO}` : `${formatPoints(n)} ${unit}`
}

const decimals = (n: number): number => plainDigits(n).split('.')[1]?.length ?? 0

/**
 * The sum of point amounts as decimals add up (0.1 + 0.2 is 0.3, not 0.30000000000000004), so a balance plus what is
 * pending shows no digits that neither AIQ nor the counter ever had.
 */
export function addPoints(...amounts: number[]): number {
  const places = Math.min(15, Math.max(0, ...amounts.map(decimals)))
  const sum = amounts.reduce((a, b) => a + b, 0)
  return places === 0 ? sum : Number(sum.toFixed(places))
}

/** A customer's rewards wallet is opened by phone: without one, what main and the profile both say. */
export const NO_PHONE_FOR_WALLET = 'This customer has no phone number in AIQ, so their rewards wallet cannot be opened.'

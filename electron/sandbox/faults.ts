// Fault knobs: per test, make the sandbox slow, failing, rate-limited, silent, rude or lossy.
import { rng, type Rng } from './prng'

export type FaultMatch = { method?: string; path?: RegExp }
type Common = {
  /** only requests whose method (case-insensitive) and pathname match */
  match?: FaultMatch
  /** fire this many times, then remove itself */
  times?: number
  /** chance 0..1 that a matching request is hit (seeded draw); default 1 */
  rate?: number
}
export type FaultRule = Common &
  (
    | { kind: 'latency'; ms: number }
    | { kind: 'status'; status: number }
    | { kind: 'rateLimit'; retryAfterSec: number }
    | { kind: 'hang' }
    | { kind: 'reset' }
    | { kind: 'malformed' }
    | { kind: 'applyThenDrop' }
  )
export type FaultKind = FaultRule['kind']
export type TerminalFault = Exclude<FaultRule, { kind: 'latency' }>

export type FaultDecision = { delayMs: number; terminal?: TerminalFault }
/** One fault the sandbox served: which rule, on which request. */
export type ServedFault = { kind: FaultKind; rule: FaultRule; method: string; path: string }

export class Faults {
  private list: Array<{ rule: FaultRule; left: number }> = []
  private draws: Rng
  /** every fault served, in order, whatever rules came and went since (`served.length = 0` to reset) */
  readonly served: ServedFault[] = []

  constructor(seed: number) {
    this.draws = rng(seed ^ 0x5eed)
  }

  /** Replace every rule with these. */
  set(...rules: FaultRule[]): this {
    this.list = []
    return this.add(...rules)
  }
  /** Add rules after the existing ones. */
  add(...rules: FaultRule[]): this {
    for (const rule of rules) this.list.push({ rule, left: rule.times ?? Number.POSITIVE_INFINITY })
    return this
  }
  clear(): this {
    this.list = []
    return this
  }
  /** The rules still active (a rule with `times` disappears once spent). */
  get rules(): readonly FaultRule[] {
    return this.list.map((x) => x.rule)
  }

  /** How many faults were served: all, of one kind, or of one rule (the object passed to set/add). */
  count(of?: FaultKind | FaultRule): number {
    return this.served.reduce((n, f) => (of === undefined || f.kind === of || f.rule === of ? n + 1 : n), 0)
  }

  /** Which faults this request meets: latency rules add up; the first other rule that fires decides. */
  decide(method: string, path: string): FaultDecision {
    let delayMs = 0
    let terminal: TerminalFault | undefined
    for (const entry of [...this.list]) {
      const { rule } = entry
      if (!matches(rule.match, method, path)) continue
      if (rule.kind !== 'latency' && terminal) continue
      if (rule.rate !== undefined && rule.rate < 1 && this.draws.next() >= rule.rate) continue
      if (rule.kind === 'latency') delayMs += rule.ms
      else terminal = rule
      this.served.push({ kind: rule.kind, rule, method, path })
      if (--entry.left <= 0) this.list = this.list.filter((x) => x !== entry)
    }
    return { delayMs, terminal }
  }
}

function matches(m: FaultMatch | undefined, method: string, path: string): boolean {
  if (!m) return true
  if (m.method && m.method.toUpperCase() !== method.toUpperCase()) return false
  if (m.path) {
    m.path.lastIndex = 0
    if (!m.path.test(path)) return false
  }
  return true
}

// Masking one log line, 1 MB long, of the shapes that once took time growing with the square of the length
// (20 KB: 2 s). Baseline: one plain regex pass over the same line that finds nothing.
import { maskText } from '../../electron/log'
import type { Row } from './table'

const MB = 1024 * 1024
const LINES: Record<string, (n: number) => string> = {
  'emails, phones, keys': (n) => 'sent to maria.lopez@example.com, phone (303) 555-0100, apiKey=abc123secret; '.repeat(Math.ceil(n / 78)),
  'one long word': (n) => 'a'.repeat(n),
  'hyphenated words': (n) => 'a-'.repeat(n / 2),
  'encoded "@"s': (n) => 'x%40'.repeat(n / 4),
  'name=value pairs': (n) => 'a=b&'.repeat(n / 4),
}

const best = (work: () => void) => {
  let ms = Infinity
  for (let i = 0; i < 5; i++) {
    const t = performance.now()
    work()
    ms = Math.min(ms, performance.now() - t)
  }
  return ms
}

export function benchLog(): Row[] {
  return Object.entries(LINES).map(([name, make]) => {
    const line = make(MB)
    const ms = best(() => maskText(line))
    const baseline = best(() => /[\u0000\u0001]\u0002/.test(line))
    return { name: `log: mask a 1 MB line (${name})`, value: ms, unit: 'ms', baseline, ratio: ms / baseline, note: 'target: well under 100 ms' }
  })
}

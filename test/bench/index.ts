// `npm run bench`: speed and memory figures, each beside a baseline measured in the same run.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { benchCheckin } from './checkin'
import { benchContention } from './contention'
import { benchDirectory } from './directory'
import { benchLog } from './log'
import { benchOutbox } from './outbox'
import { benchSlowAiq } from './slow-aiq'
import { printTable, type Row } from './table'
import { RENDERER_DIR } from '../e2e/fixtures'

function bundleSize(): Row[] {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f)
      if (statSync(p).isDirectory()) walk(p)
      else if (/\.(js|css|html)$/.test(f)) files.push(p)
    }
  }
  walk(RENDERER_DIR)
  const raw = files.reduce((n, f) => n + statSync(f).size, 0)
  const gz = files.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0)
  return [{ name: 'renderer bundle (js+css+html) gzipped', value: gz / 1024, unit: 'KiB', baseline: raw / 1024, ratio: gz / raw, note: 'baseline: uncompressed' }]
}

async function main() {
  const only = process.argv[2]
  const sections: Array<[string, () => Promise<Row[]> | Row[]]> = [
    ['bundle', bundleSize],
    ['outbox', benchOutbox],
    ['checkin', () => benchCheckin({ count: 200 })],
    ['offline-checkin', () => benchCheckin({ count: 200, offline: true })],
    ['slow-aiq', () => benchSlowAiq()],
    ['directory', benchDirectory],
    ['contention', () => benchContention()],
    ['log', benchLog],
  ]
  const rows: Row[] = []
  for (const [name, run] of sections) {
    if (only && only !== name) continue
    process.stderr.write(`bench: ${name}…\n`)
    rows.push(...(await run()))
  }
  printTable(rows)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})

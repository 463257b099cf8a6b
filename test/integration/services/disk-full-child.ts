// The counter the disk-full test runs under `ulimit -f` (no file may grow past a few MB, as on a full disk):
// awards through dispatch, exactly as the window's IPC calls it, until one fails; prints that answer and the data dir.
// Run: bash -c 'ulimit -f 3072; exec node --import tsx test/integration/services/disk-full-child.ts'
import { writeSync } from 'node:fs'
import { dispatch } from '../../../electron/dispatch'
import { PERSONAS } from '../../../electron/sandbox'
import { startHarness } from '../../support/counter'

void (async () => {
  const h = await startHarness({ logs: true })
  let answer: unknown = null
  let awards = 0
  for (; awards < 50_000; awards++) {
    const r = await dispatch(h.services, 'awardPoints', {
      customer: { contactID: PERSONAS.member.contactID },
      customerName: `Maya ${'L'.repeat(190)}`,
      value: 5,
      reason: `Purchase ${'r'.repeat(190)}`,
      budtender: 'Sam',
    })
    if (!r.ok) {
      answer = r
      break
    }
  }
  writeSync(1, `${JSON.stringify({ answer, awards, dataDir: h.dataDir })}\n`)
  process.exit(0)
})()

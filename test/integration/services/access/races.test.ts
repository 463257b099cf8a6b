// Issue 18, item 5: sent at once, through dispatch as the screens send them, each of these happens once.
import { afterEach, expect, it } from 'vitest'
import { call, PRACTICE_MANAGER_PIN, startHarness, type Harness } from '../../../support/counter'
import { card } from '../../../support/aamva-samples'

let h: Harness
afterEach(async () => {
  await h.services.api.signOut({ leaveWaiting: true, approval: { pin: '4821' } }).catch(() => {})
  await h.close()
})

it('two first-manager set-ups at once make one manager; the other is refused', async () => {
  h = await startHarness({ training: false })
  await call(h.services, 'saveAccount', { uid: h.sandbox.uid, apiKey: h.sandbox.apiKey, baseUrl: h.sandbox.url })
  const tries = await Promise.allSettled([call(h.services, 'setUpManager', { name: 'Rosa', pin: '4821' }), call(h.services, 'setUpManager', { name: 'Eve', pin: '1234' })])
  expect(tries.map((t) => t.status).sort()).toEqual(['fulfilled', 'rejected'])
  expect((await call(h.services, 'getStaff', {})).staff.filter((m) => m.role === 'manager')).toHaveLength(1)
})

const scan = () => {
  const under = new Date()
  under.setFullYear(under.getFullYear() - 19)
  const next = new Date()
  next.setFullYear(next.getFullYear() + 1)
  const day = (d: Date) => d.toISOString().slice(0, 10)
  return card(9, 'DL', day(under), day(next), { last: 'ZEPHYRINE', first: 'QUILLON', middle: '' })
}

// through dispatch (as the screens send them) and straight into the services (the PIN checked there alone)
it.each(['dispatch', 'services'] as const)('three overrides of one failed ID check at once write one row (through %s)', async (via) => {
  h = await startHarness()
  const check = await call(h.services, 'checkId', { scan: scan() })
  expect(check.verdict).toBe('under_age')
  const args = { checkId: check.checkId, reason: 'Checked by eye', approval: PRACTICE_MANAGER_PIN }
  const override = () => (via === 'dispatch' ? call(h.services, 'overrideIdCheck', args) : h.services.api.overrideIdCheck({ ...args, approval: { ...PRACTICE_MANAGER_PIN } }))
  const tries = await Promise.allSettled([override(), override(), override()])
  expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(1)
  const report = await call(h.services, 'shiftReport', { from: Date.now() - 60_000, to: Date.now() + 1000 })
  // the refusal is on record once, and the override once
  expect(report.idChecks?.map((r) => r.outcome).sort()).toEqual(['overridden', 'refused'])
})

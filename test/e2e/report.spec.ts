// Shift report (issue 5, item 5): today's adjustments from AIQ beside this counter's outbox, each local award marked
// Synced, Pending or Failed with its reason.
import { PERSONAS } from '../../electron/sandbox'
import { expect, test, type CounterFixture } from './fixtures'
import { PRACTICE_MANAGER_PIN } from '../support/counter'
import { shoot } from './screenshots'

const ADJUST = { method: 'PUT', path: /\/adjust\/loyaltyPoints\//i }
const award = (counter: CounterFixture, value: number, reason: string) =>
  counter.services.api.awardPoints({ customer: { contactID: PERSONAS.member.contactID }, customerName: 'Maya Lopez', value, reason, approval: PRACTICE_MANAGER_PIN })
const stateOf = async (counter: CounterFixture, id: string) => (await counter.services.api.listOutbox({})).entries.find((e) => e.id === id)?.state

test('synced, failed (with AIQ’s reason) and pending awards, beside AIQ’s own list', async ({ page, counter }) => {
  const synced = await award(counter, 25, 'Purchase')
  await expect.poll(() => stateOf(counter, synced.id)).toBe('synced')

  counter.sandbox.faults.set({ kind: 'status', status: 400, match: ADJUST })
  const failed = await award(counter, 10, 'Birthday')
  await expect.poll(() => stateOf(counter, failed.id)).toBe('failed')

  counter.sandbox.faults.set({ kind: 'status', status: 503, match: ADJUST })
  await award(counter, 5, 'Referral')

  await counter.open(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Shift report' }).click()
  await expect(page.getByRole('heading', { name: 'Shift report — today' })).toBeVisible()

  const local = page.getByRole('table', { name: 'This counter’s awards' })
  await expect(local.getByRole('row', { name: /Purchase/ })).toContainText('Synced')
  await expect(local.getByRole('row', { name: /Birthday/ })).toContainText('Failed —')
  await expect(local.getByRole('row', { name: /Referral/ })).toContainText('Pending')

  const aiq = page.getByRole('table', { name: 'AIQ’s adjustments' })
  await expect(aiq.getByRole('row', { name: /Maya Lopez/ }).filter({ hasText: '+25' })).toContainText('This counter')
  await expect(aiq.getByRole('row').filter({ hasText: '+10' })).toHaveCount(0)
  // nothing clipped: each table fits inside its card (a failed award's reason once pushed Status out of view)
  const overflowing = await page.locator('.report .card').evaluateAll((cards) => cards.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent?.slice(0, 40)))
  expect(overflowing).toEqual([])
  await shoot(page, 'shift-report')
})

test('with AIQ unreachable the report still lists this counter’s awards and says why AIQ’s side is missing', async ({ page, counter }) => {
  counter.sandbox.faults.set({ kind: 'status', status: 503, match: ADJUST })
  await award(counter, 5, 'Referral')
  await counter.open(page)
  await counter.sandbox.stop()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Shift report' }).click()
  await expect(page.getByRole('table', { name: 'This counter’s awards' }).getByRole('row', { name: /Referral/ })).toContainText('Pending')
  await expect(page.getByRole('alert').filter({ hasText: 'AIQ’s side can’t be loaded right now' })).toBeVisible()
})

// Award and deduct (issue 5, item 3; issue 4's "on screen at once"): amount, reason, confirm (who: the signed-in
// budtender, issue 13); below zero asks
// again; "Saved — will sync" with the pending count and the profile's pending points updated at once.
import type { Page } from '@playwright/test'
import { PERSONAS } from '../../electron/sandbox'
import { PRACTICE_MANAGER_PIN } from '../support/counter'
import { CHECK_IN_LABEL, expect, test, type CounterFixture } from './fixtures'
import { shoot } from './screenshots'

const ADJUST = { method: 'PUT', path: /\/adjust\/loyaltyPoints\//i }

async function checkIn(page: Page, counter: CounterFixture, phone: string, name: string) {
  await counter.open(page)
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(phone)
  await field.press('Enter')
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible()
}

test('award 50 for a purchase: confirm, saved, pending count and pending points at once; name remembered', async ({ page, counter }) => {
  counter.sandbox.faults.set({ kind: 'status', status: 503, match: ADJUST }) // keep it pending, so we can see it
  await checkIn(page, counter, PERSONAS.member.phone, 'Maya Lopez')
  await expect(page.getByTestId('pending-count')).toHaveText('0')

  await page.getByRole('button', { name: 'Award points' }).click()
  const dialog = page.getByRole('dialog', { name: 'Award points — Maya Lopez' })
  await dialog.getByLabel('Points').fill('50')
  await expect(dialog.getByLabel('Reason', { exact: true })).toHaveValue('Purchase')
  await shoot(page, 'award-dialog')
  await dialog.getByRole('button', { name: 'Review' }).click()
  await expect(dialog).toContainText('Award 50 points to Maya Lopez for “Purchase”. Balance after: 1,300.')
  await dialog.getByRole('button', { name: 'Confirm award' }).click()

  await expect(dialog).toHaveCount(0)
  await expect(page.getByRole('status').filter({ hasText: 'Saved — will sync' })).toBeVisible()
  await expect(page.getByTestId('pending-count')).toHaveText('1')
  await expect(page.getByLabel('Points balance')).toContainText('1,300 points (+50 pending)')
  await expect(page.getByLabel(CHECK_IN_LABEL)).toBeFocused()
  const [row] = (await counter.services.api.listOutbox({})).entries
  expect(row).toMatchObject({ contactID: PERSONAS.member.contactID, value: 50, reason: 'Purchase', budtender: 'Alex' })

  // who awards is the signed-in budtender: no name to type, and the next award is theirs too
  await page.getByRole('button', { name: 'Award points' }).click()
  await page.getByRole('dialog').getByLabel('Points').fill('5')
  await page.getByRole('dialog').getByRole('button', { name: 'Review' }).click()
  await expect(page.getByRole('dialog')).toContainText('By Alex.')
})

test('a reason from the presets with free text, or Other with its own words', async ({ page, counter }) => {
  await checkIn(page, counter, PERSONAS.member.phone, 'Maya Lopez')
  await page.getByRole('button', { name: 'Award points' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Points').fill('20')
  await dialog.getByLabel('Reason', { exact: true }).selectOption('Other')
  await dialog.getByRole('button', { name: 'Review' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('Type the reason.')
  await dialog.getByLabel('Reason details').fill('Staff contest winner')
  await dialog.getByRole('button', { name: 'Review' }).click()
  await dialog.getByRole('button', { name: 'Confirm award' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved — will sync' })).toBeVisible()
  const [row] = (await counter.services.api.listOutbox({})).entries
  expect(row?.reason).toBe('Staff contest winner')
})

test('a deduction below zero asks again before it is saved', async ({ page, counter }) => {
  counter.sandbox.faults.set({ kind: 'status', status: 503, match: ADJUST })
  await checkIn(page, counter, PERSONAS.pending.phone!, 'Priya Shah') // 80 points
  await page.getByRole('button', { name: 'Deduct points' }).click()
  const dialog = page.getByRole('dialog', { name: 'Deduct points — Priya Shah' })
  await dialog.getByLabel('Points').fill('100')
  await dialog.getByLabel('Reason', { exact: true }).selectOption('Correction')
  await dialog.getByRole('button', { name: 'Review' }).click()
  await dialog.getByLabel('Manager PIN').fill(PRACTICE_MANAGER_PIN.pin) // a deduction needs the manager (issue 13)
  await dialog.getByRole('button', { name: 'Confirm deduct' }).click()

  const again = page.getByRole('alertdialog')
  await expect(again).toContainText('below zero, to −20 points. Deduct anyway?')
  expect((await counter.services.api.listOutbox({})).entries).toHaveLength(0)
  await shoot(page, 'deduct-below-zero')
  await again.getByRole('button', { name: 'Yes, deduct below zero' }).click()

  await expect(page.getByRole('status').filter({ hasText: 'Saved — will sync' })).toBeVisible()
  await expect(page.getByLabel('Points balance')).toContainText('−20 points (below zero) (−100 pending)')
  await expect(page.getByTestId('pending-count')).toHaveText('1')
})

test('an award reaches AIQ: the pending count goes back to zero once synced', async ({ page, counter }) => {
  await checkIn(page, counter, PERSONAS.member.phone, 'Maya Lopez')
  await page.getByRole('button', { name: 'Award points' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Points').fill('15')
  await dialog.getByRole('button', { name: 'Review' }).click()
  await dialog.getByRole('button', { name: 'Confirm award' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved — will sync' })).toBeVisible()
  await expect(page.getByTestId('pending-count')).toHaveText('0', { timeout: 10_000 })
  await expect.poll(() => counter.sandbox.ledger.filter((e) => e.value === 15).length).toBe(1)
  // the card now shows AIQ's new balance, with nothing pending, and the award in the points timeline
  await expect(page.getByLabel('Points balance')).toHaveText(/^1,265 points$/)
  await expect(page.getByRole('region', { name: 'Points timeline' })).toContainText('+15')
})

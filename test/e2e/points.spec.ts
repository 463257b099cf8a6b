// Points as AIQ keeps them (issue 17, item 5): a fractional balance and one below zero, on the profile card, in the
// timeline and in the award dialog, exactly as AIQ has them — and below zero said in words.
import type { Page } from '@playwright/test'
import { addOddBalances, ODD_BALANCES } from '../../electron/sandbox'
import { CHECK_IN_LABEL, expect, test } from './fixtures'

const ADJUST = { method: 'PUT', path: /\/adjust\/loyaltyPoints\//i }

async function checkIn(page: Page, phone: string, name: string) {
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(phone)
  await field.press('Enter')
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible()
}
const row = (page: Page, note: string) => page.getByRole('region', { name: 'Points timeline' }).getByRole('row').filter({ hasText: note })

test('a fractional balance and one below zero are shown as AIQ has them; an award keeps the sums exact', async ({ page, counter }) => {
  addOddBalances(counter.sandbox.data)
  await counter.open(page)

  await checkIn(page, ODD_BALANCES.fractional.phone, 'Casey Nguyen')
  await expect(page.getByRole('group', { name: 'Points balance' })).toHaveText('1,234.75 points')
  await expect(row(page, 'Audience multiplier')).toContainText('+0.125')
  await expect(row(page, 'Audience multiplier')).toContainText('1,234.75')
  await expect(row(page, 'Purchase at Boulder')).toContainText('+441.875')

  await checkIn(page, ODD_BALANCES.belowZero.phone, 'Jesse Park')
  const balance = page.getByRole('group', { name: 'Points balance' })
  await expect(balance).toHaveText('−12.5 points (below zero)')
  await expect(row(page, 'Block adjustment')).toContainText('−12.5')
  await expect(row(page, 'Block adjustment')).toContainText('−12.5 (below zero)')
  await expect(row(page, 'Points expired')).toContainText('−20.5')

  // an award that leaves them below zero: the dialog and the card say so, the pending sum is exact
  counter.sandbox.faults.set({ kind: 'status', status: 503, match: ADJUST }) // keep it pending, so we can see it
  await page.getByRole('button', { name: 'Award points' }).click()
  const dialog = page.getByRole('dialog', { name: 'Award points — Jesse Park' })
  await dialog.getByLabel('Points').fill('10')
  await dialog.getByRole('button', { name: 'Review' }).click()
  await expect(dialog).toContainText('Award 10 points to Jesse Park for “Purchase”. Balance after: −2.5 (below zero).')
  await dialog.getByRole('button', { name: 'Confirm award' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(balance).toHaveText('−2.5 points (below zero) (+10 pending)')
})

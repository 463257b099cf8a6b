// Search (issue 5, item 5): by name, email or phone, for a customer who can't remember their number.
import { PERSONAS } from '../../electron/sandbox'
import { CHECK_IN_LABEL, expect, test } from './fixtures'
import { shoot } from './screenshots'

test('search by name, open the result: the profile shows and focus is back in the check-in field', async ({ page, counter }) => {
  await counter.open(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Search' }).click()
  const query = page.getByLabel('Name, email or phone')
  await query.fill('Lopez')
  await query.press('Enter')
  const results = page.getByRole('list', { name: 'Search results' })
  await expect(results.getByRole('button', { name: 'Open Maya Lopez' })).toBeVisible()
  await shoot(page, 'search')
  await results.getByRole('button', { name: 'Open Maya Lopez' }).click()
  await expect(page.getByRole('heading', { name: 'Maya Lopez', level: 2 })).toBeVisible()
  await expect(page.getByLabel(CHECK_IN_LABEL)).toBeFocused()
})

test('search by email and by phone find the same customer; nothing found says so', async ({ page, counter }) => {
  await counter.open(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Search' }).click()
  const query = page.getByLabel('Name, email or phone')
  for (const q of [PERSONAS.pending.email, '(303) 555-0102']) {
    await query.fill(q)
    await page.getByRole('button', { name: 'Search', exact: true }).last().click()
    await expect(page.getByRole('list', { name: 'Search results' }).getByRole('button', { name: 'Open Priya Shah' })).toBeVisible()
  }
  await query.fill('zzzz-nobody')
  await query.press('Enter')
  await expect(page.getByRole('status').filter({ hasText: 'No customers match “zzzz-nobody”.' })).toBeVisible()
})

test('with AIQ down, Search still finds a customer from this counter\'s copy, and says so', async ({ page, counter }) => {
  await counter.services.api.checkIn({ input: PERSONAS.pending.phone! }) // kept for offline use
  await counter.sandbox.stop()
  await counter.open(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Search' }).click()
  const query = page.getByLabel('Name, email or phone')
  await query.fill('Shah')
  await query.press('Enter')
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('button', { name: 'Open Priya Shah' })).toBeVisible()
  await expect(page.getByRole('note').filter({ hasText: 'copy of the customer list' })).toBeVisible()
})

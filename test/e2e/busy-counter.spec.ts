// Issue 19 (items 3–8): what tripped a budtender on a busy day — a blocklisted customer shown as new, a typed award
// lost to the idle sign-out, a scan typed into a text box, Enter ignored in PIN boxes, a wrong balance after a
// redemption, and internal words on screen.
import type { Page } from '@playwright/test'
import { PERSONAS } from '../../electron/sandbox'
import { formatPhone } from '../../shared/phone'
import { PRACTICE_STAFF } from '../../shared/staff-rules'
import { CHECK_IN_LABEL, expect, test } from './fixtures'

async function checkIn(page: Page, input: string) {
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(input)
  await field.press('Enter')
}

async function switchTo(page: Page, name: string) {
  await page.getByRole('button', { name: 'Switch budtender' }).click()
  const who = PRACTICE_STAFF.find((p) => p.name === name)!
  await page.getByRole('list', { name: 'Staff' }).getByRole('button', { name: new RegExp(`^${name}`) }).click()
  await page.getByLabel(`PIN for ${name}`).fill(who.pin)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByLabel(CHECK_IN_LABEL)).toBeVisible()
}

test.describe('a blocklisted customer (item 3)', () => {
  const jordan = PERSONAS.blocklisted

  test('is shown as blocklisted, never as new: no award, no signup, a manager sees why', async ({ page, counter }) => {
    await counter.open(page)
    await checkIn(page, jordan.phone)
    const card = page.getByRole('region', { name: 'Blocklisted customer' })
    await expect(card.getByRole('heading', { name: `${formatPhone(jordan.phone)} — on the blocklist` })).toBeVisible()
    await expect(card.getByRole('alert')).toHaveText('This customer is on your AIQ account’s blocklist: no points, rewards or signup at the counter.')
    await expect(page.getByRole('form', { name: /New customer/ })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Award points' })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Sign up' })).toHaveCount(0)
    await expect(card).not.toContainText('Why')

    await switchTo(page, 'Morgan')
    await checkIn(page, jordan.phone)
    await expect(card.getByRole('heading', { name: 'Why (managers only)' })).toBeVisible()
    await expect(card).toContainText('marked blocklisted at AIQ')

    // main refuses too: a renderer that skips the card cannot sign them up on the existing contact
    await expect(
      counter.services.api.signUp({ phone: jordan.phone, firstName: 'J', lastName: 'B', email: '', loyalty: true, emailOptIn: false, sms: 'none', favoriteStoreID: null }),
    ).rejects.toThrow('blocklist')
  })
})

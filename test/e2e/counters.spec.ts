// Several counters, one AIQ account, and a counter whose clock is wrong (issue 17): the award dialog says what the
// customer got in the last minutes here or at another counter; the header says when this computer's clock is off;
// Settings names the counter, and that name goes with each award into AIQ's note.
import type { Page } from '@playwright/test'
import { ulid } from 'ulid'
import { createAiqClient } from '../../electron/aiq/client'
import { PERSONAS } from '../../electron/sandbox'
import { readTagInfo } from '../../electron/sync/tag'
import { CHECK_IN_LABEL, expect, openSettings, test, type CounterFixture } from './fixtures'

async function checkIn(page: Page, counter: CounterFixture, phone: string, name: string) {
  await counter.open(page)
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(phone)
  await field.press('Enter')
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible()
}

test('points given at another counter a few minutes ago are named before Confirm, with this counter’s own', async ({ page, counter }) => {
  // counter 2 (another computer on the same account) gave Maya +40 a moment ago
  const other = createAiqClient({ baseUrl: counter.sandbox.url, uid: counter.sandbox.uid, apiKey: counter.sandbox.apiKey, limiter: null })
  await other.adjustPoints(PERSONAS.member.contactID, { value: 40, note: `[aiqc:${ulid()};Counter 2;Sam] Purchase` })
  await checkIn(page, counter, PERSONAS.member.phone, 'Maya Lopez')

  await page.getByRole('button', { name: 'Award points' }).click()
  const dialog = page.getByRole('dialog', { name: 'Award points — Maya Lopez' })
  const warning = dialog.getByRole('note', { name: 'Recently awarded' })
  await expect(warning).toContainText('+40 at Counter 2 by Sam, just now')
  await dialog.getByLabel('Points').fill('25')
  await dialog.getByRole('button', { name: 'Review' }).click()
  // still said on the confirm step, where the double would be made
  await expect(warning).toBeVisible()
  await dialog.getByRole('button', { name: 'Confirm award' }).click()
  await expect(dialog).toHaveCount(0)

  await page.getByRole('button', { name: 'Award points' }).click()
  await expect(page.getByRole('dialog').getByRole('note', { name: 'Recently awarded' })).toContainText('+25 at this counter by Alex, just now')
  await expect(page.getByRole('dialog').getByRole('note', { name: 'Recently awarded' })).toContainText('+40 at Counter 2 by Sam')
})

test('a customer with no points lately: no warning in the award dialog', async ({ page, counter }) => {
  await checkIn(page, counter, PERSONAS.member.phone, 'Maya Lopez')
  await page.getByRole('button', { name: 'Award points' }).click()
  await expect(page.getByRole('dialog').getByLabel('Points')).toBeVisible()
  await expect(page.getByRole('note', { name: 'Recently awarded' })).toHaveCount(0)
})

test('the counter’s name is set in Settings and goes with each award into AIQ’s note', async ({ page, counter }) => {
  await counter.open(page)
  await openSettings(page)
  const section = page.getByRole('region', { name: 'This counter' })
  await section.getByLabel('Counter name').fill('Front counter')
  await section.getByRole('button', { name: 'Update counter' }).click()
  await expect(section.getByRole('status')).toHaveText('Saved.')
  await expect(section.getByLabel('This is the only counter using this AIQ account')).not.toBeChecked()

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Check-in' }).click()
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(PERSONAS.member.phone)
  await field.press('Enter')
  await page.getByRole('button', { name: 'Award points' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Points').fill('7')
  await dialog.getByRole('button', { name: 'Review' }).click()
  await dialog.getByRole('button', { name: 'Confirm award' }).click()
  await expect.poll(() => counter.sandbox.ledger.map((e) => readTagInfo(e.note)).find((t) => t !== null) ?? null).toMatchObject({ counter: 'Front counter', by: 'Alex' })
})

test.describe('this computer’s clock is 17 minutes slow', () => {
  test.use({ aiqAheadMs: 17 * 60_000 })
  test('the header says so in plain words once AIQ has answered', async ({ page, counter }) => {
    await checkIn(page, counter, PERSONAS.member.phone, 'Maya Lopez')
    await expect(page.getByRole('note', { name: "This computer's clock" })).toHaveText(
      "This computer's clock is 17 minutes slow. Awards are safe; please fix the clock.",
    )
  })
})

test('a right clock: nothing is said about it', async ({ page, counter }) => {
  await checkIn(page, counter, PERSONAS.member.phone, 'Maya Lopez')
  await expect(page.getByRole('note', { name: "This computer's clock" })).toHaveCount(0)
})

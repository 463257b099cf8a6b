// Issue 19, item 9: forms that fit a 1366×768 counter screen and do not fight the budtender.
import type { Page } from '@playwright/test'
import { PERSONAS, UNKNOWN_PHONE } from '../../electron/sandbox'
import { formatPhone } from '../../shared/phone'
import { PRACTICE_MANAGER_PIN } from '../support/counter'
import { CHECK_IN_LABEL, expect, openSettings, test } from './fixtures'
import { shoot } from './screenshots'

test.use({ viewport: { width: 1366, height: 768 } })
const maya = PERSONAS.member
const ADJUST = { method: 'PUT', path: /\/adjust\/loyaltyPoints\// }

async function checkIn(page: Page, input: string) {
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(input)
  await field.press('Enter')
}
const pageHeight = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight)

test('signup: the first name has focus, Sign up is on screen without scrolling, and the date of birth reaches AIQ', async ({ page, counter }) => {
  await counter.open(page)
  await checkIn(page, UNKNOWN_PHONE)
  const form = page.getByRole('form', { name: `New customer — ${formatPhone(UNKNOWN_PHONE)}` })
  await expect(form.getByLabel('First name')).toBeFocused()
  await expect(form.getByRole('button', { name: 'Sign up' })).toBeInViewport({ ratio: 1 })
  expect(await pageHeight(page)).toBeLessThanOrEqual(768)

  await page.keyboard.type('Ana')
  await form.getByLabel('Date of birth').fill('1990-04-12')
  await form.getByRole('radio', { name: 'Yes, join loyalty' }).check()
  await form.getByRole('radio', { name: 'No texts' }).check()
  await form.getByRole('button', { name: 'Sign up' }).click()
  await expect(page.getByRole('heading', { name: 'Ana', level: 2 })).toBeVisible()
  const ana = counter.sandbox.data.byPhone(UNKNOWN_PHONE)!
  expect(counter.sandbox.data.traits(ana.contactID)).toContainEqual(expect.objectContaining({ key: 'birthday', value: '1990-04-12' }))
})

test('a date of birth in the future or under 18 years ago is refused before anything is sent', async ({ page, counter }) => {
  await counter.open(page)
  await checkIn(page, UNKNOWN_PHONE)
  const form = page.getByRole('form', { name: /New customer/ })
  await form.getByLabel('First name').fill('Bo')
  await form.getByLabel('Date of birth').fill(`${new Date().getFullYear() - 5}-01-01`)
  await form.getByRole('radio', { name: 'No loyalty' }).check()
  await form.getByRole('button', { name: 'Sign up' }).click()
  await expect(form.getByRole('alert')).toContainText('date of birth')
  expect(counter.sandbox.data.byPhone(UNKNOWN_PHONE)).toBeUndefined()
})

test('a deduction has no reason until the budtender chooses one', async ({ page, counter }) => {
  await counter.open(page)
  await checkIn(page, maya.phone!)
  await page.getByRole('button', { name: 'Deduct points' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByLabel('Reason', { exact: true })).toHaveValue('')
  await dialog.getByLabel('Points').fill('20')
  await dialog.getByRole('button', { name: 'Review' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('Choose the reason for this deduction.')
  await dialog.getByLabel('Reason', { exact: true }).selectOption('Correction')
  await dialog.getByRole('button', { name: 'Review' }).click()
  await expect(dialog).toContainText('for “Correction”')
  // an award still starts at Purchase
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Award points' }).click()
  await expect(page.getByRole('dialog').getByLabel('Reason', { exact: true })).toHaveValue('Purchase')
})

test('Fix customer fits on screen and finds the customer by name', async ({ page, counter }) => {
  counter.sandbox.faults.set({ kind: 'status', status: 400, match: ADJUST })
  await counter.services.api.awardPoints({ customer: { phone: UNKNOWN_PHONE }, customerName: '', value: 40, reason: 'Purchase', approval: PRACTICE_MANAGER_PIN })
  await counter.open(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click()
  const row = page.getByRole('row', { name: /\+40 points/ })
  await expect(row).toContainText('Failed')
  await row.getByRole('button', { name: /Fix customer/ }).click()
  const dialog = page.getByRole('dialog', { name: 'Fix customer' })
  await expect(dialog.getByRole('button', { name: 'Save and retry' })).toBeInViewport({ ratio: 1 })
  expect(await dialog.evaluate((d) => d.scrollHeight - d.clientHeight)).toBeLessThanOrEqual(1)

  await dialog.getByRole('searchbox', { name: 'Find by name' }).fill('Maya Lopez')
  await dialog.getByRole('searchbox', { name: 'Find by name' }).press('Enter')
  await dialog.getByRole('button', { name: `Maya Lopez, ${formatPhone(maya.phone!)}` }).click()
  await expect(dialog.getByLabel('Phone or AIQ contact ID')).toHaveValue(maya.contactID)
  await expect(dialog.getByLabel('Customer name (optional)')).toHaveValue('Maya Lopez')
  await expect(dialog.getByRole('button', { name: 'Save and retry' })).toBeInViewport({ ratio: 1 })
})

test('Settings: two columns at 1366 wide, each checkbox beside its label, the compatibility table without sideways scrolling', async ({ page, counter }) => {
  await counter.open(page)
  await openSettings(page)
  // two columns: the page is well short of the sections stacked one above the other (one column was 3,525 px)
  const stacked = await page.locator('.settings section').evaluateAll((all) => all.reduce((sum, s) => sum + s.getBoundingClientRect().height, 0))
  expect(await pageHeight(page)).toBeLessThan(stacked * 0.75)
  const compat = page.getByRole('region', { name: 'Check AIQ compatibility' })
  const [c, s] = [await page.getByRole('region', { name: 'AIQ account' }).boundingBox(), await page.getByRole('region', { name: 'Counter rules' }).boundingBox()]
  expect(Math.abs(c!.x - s!.x)).toBeGreaterThan(300) // side by side, not one column

  for (const box of await page.locator('.settings input[type=checkbox]').all()) {
    const label = box.locator('xpath=ancestor::label[1]')
    const [b, l] = [await box.boundingBox(), await label.boundingBox()]
    if (!b || !l) continue
    expect(l.height).toBeLessThan(b.height * 2.5) // the box and its words on one line
  }

  await compat.getByLabel('Customer phone for the check').fill(maya.phone!)
  await compat.getByRole('button', { name: 'Run check' }).click()
  const table = compat.getByRole('table', { name: 'AIQ compatibility by endpoint' })
  await expect(table).toBeVisible({ timeout: 15_000 })
  expect(await table.locator('xpath=..').evaluate((w) => w.scrollWidth - w.clientWidth)).toBeLessThanOrEqual(1)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366)
  await shoot(page, 'settings')
})

test('a PIN someone else uses is refused with the reason beside the form', async ({ page, counter }) => {
  await counter.open(page)
  await openSettings(page)
  const form = page.getByRole('form', { name: 'Add staff' })
  await form.getByLabel('Name', { exact: true }).fill('Jordan')
  await form.getByLabel(/PIN/).first().fill(PRACTICE_MANAGER_PIN.pin)
  await form.getByRole('button', { name: 'Add', exact: true }).click()
  const alert = form.getByRole('alert')
  await expect(alert).toHaveText('Someone else on the staff already uses this PIN. Choose another one.')
  await expect(alert).toBeInViewport({ ratio: 1 })
})

test('offline, the profile says "can’t reach AIQ" once, not in every panel', async ({ page, counter }) => {
  await counter.open(page)
  await checkIn(page, maya.phone!)
  await expect(page.getByRole('heading', { name: 'Maya Lopez' })).toBeVisible()
  await counter.sandbox.stop()
  await checkIn(page, maya.phone!)
  await expect(page.getByRole('note').filter({ hasText: /^Offline — as of / })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Visits' })).toBeVisible()
  await page.waitForTimeout(2500)
  await expect(page.getByRole('alert').filter({ hasText: /reach AIQ|AIQ can/i })).toHaveCount(1)
})

test('the Queue forgets "Trying … again now" once the award is in, and does not say every award reached AIQ after a discard', async ({ page, counter }) => {
  counter.sandbox.faults.set({ kind: 'status', status: 400, match: ADJUST })
  await counter.services.api.awardPoints({ customer: { contactID: maya.contactID }, customerName: 'Maya Lopez', value: 40, reason: 'Purchase', approval: PRACTICE_MANAGER_PIN })
  await counter.services.api.awardPoints({ customer: { contactID: maya.contactID }, customerName: 'Maya Lopez', value: -15, reason: 'Correction', approval: PRACTICE_MANAGER_PIN })
  await counter.open(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click()
  const plus = page.getByRole('row', { name: /Maya Lopez, \+40 points/ })
  await expect(plus).toContainText('Failed')
  counter.sandbox.faults.clear()
  await plus.getByRole('button', { name: /Retry now/ }).click()
  await expect(plus).toHaveCount(0)
  await expect(page.getByText(/again now/)).toHaveCount(0)

  const minus = page.getByRole('row', { name: /Maya Lopez, −15 points/ })
  await expect(minus).toBeVisible()
  await minus.getByRole('button', { name: /Discard/ }).click()
  const dialog = page.getByRole('dialog', { name: 'Discard this award?' })
  await dialog.getByLabel('Reason for discarding').fill('entered twice')
  const pin = dialog.getByLabel(/Manager PIN/)
  if (await pin.count()) await pin.fill(PRACTICE_MANAGER_PIN.pin)
  await dialog.getByRole('button', { name: 'Discard award' }).click()
  await expect(minus).toHaveCount(0)
  await expect(page.getByText('Nothing is waiting for AIQ.')).toBeVisible()
  await expect(page.getByText(/Every award has reached AIQ/)).toHaveCount(0)
})

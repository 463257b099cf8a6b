// Signup for an unknown phone (issue 5, item 4): first/last name, email, favourite store, loyalty and SMS as two
// separate explicit choices, nothing preselected (issue 20: not even double opt-in). Offline: award anyway, queued by phone, with a warning.
import { UNKNOWN_PHONE } from '../../electron/sandbox'
import { formatPhone } from '../../shared/phone'
import { CHECK_IN_LABEL, expect, test } from './fixtures'
import { shoot } from './screenshots'

test('an unknown phone opens signup: loyalty and SMS must both be chosen, neither preselected', async ({ page, counter }) => {
  await counter.open(page)
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(UNKNOWN_PHONE)
  await field.press('Enter')
  const form = page.getByRole('form', { name: `New customer — ${formatPhone(UNKNOWN_PHONE)}` })
  await expect(form).toBeVisible()

  const loyalty = form.getByRole('group', { name: 'Loyalty program (ask them)' })
  await expect(loyalty.getByRole('radio', { name: 'Yes, join loyalty' })).not.toBeChecked()
  await expect(loyalty.getByRole('radio', { name: 'No loyalty' })).not.toBeChecked()
  const sms = form.getByRole('group', { name: 'Text messages (SMS)' })
  await expect(sms.getByRole('radio', { name: 'Text to confirm (double opt-in)' })).not.toBeChecked()
  await expect(sms.getByRole('radio', { name: 'No texts' })).not.toBeChecked()
  await expect(form.getByLabel('Favourite store').locator('option')).not.toHaveCount(1)
  await shoot(page, 'signup')

  await form.getByLabel('First name').fill('Ana')
  await form.getByLabel('Last name').fill('Flores')
  await form.getByLabel('Email', { exact: true }).fill('ana.flores@example.com')
  await form.getByRole('button', { name: 'Sign up' }).click()
  await expect(form.getByRole('alert')).toContainText('choose Yes or No')

  await loyalty.getByRole('radio', { name: 'Yes, join loyalty' }).check()
  await form.getByLabel('Favourite store').selectOption({ index: 1 })
  await form.getByRole('button', { name: 'Sign up' }).click()
  await expect(form.getByRole('alert')).toContainText('offers by text')
  await sms.getByRole('radio', { name: 'Text to confirm (double opt-in)' }).check()
  await form.getByRole('button', { name: 'Sign up' }).click()

  await expect(page.getByRole('heading', { name: 'Ana Flores', level: 2 })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'a text was sent to confirm SMS (double opt-in)' })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Status' })).toContainText('Member')
  await expect(page.getByRole('list', { name: 'Status' })).toContainText('SMS: Pending double opt-in')
  await expect(page.getByLabel(CHECK_IN_LABEL)).toBeFocused()
  const back = await counter.services.api.checkIn({ input: UNKNOWN_PHONE })
  expect(back).toMatchObject({ kind: 'customer', customer: { firstName: 'Ana', member: true, sms: 'pending' } })
})

test('"No texts" signs up without texting, loyalty "No" keeps them out of loyalty', async ({ page, counter }) => {
  await counter.open(page)
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(UNKNOWN_PHONE)
  await field.press('Enter')
  const form = page.getByRole('form', { name: /New customer/ })
  await form.getByLabel('First name').fill('Bo')
  await form.getByRole('radio', { name: 'No loyalty' }).check()
  await form.getByRole('radio', { name: 'No texts' }).check()
  await form.getByRole('button', { name: 'Sign up' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Signed up Bo — no texts.' })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Status' })).toContainText('No SMS consent')
})

test('offline, an unknown phone can still be awarded, queued by phone with a clear warning', async ({ page, counter }) => {
  await counter.open(page)
  await counter.sandbox.stop()
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(UNKNOWN_PHONE)
  await field.press('Enter')
  await expect(page.getByRole('heading', { name: `${formatPhone(UNKNOWN_PHONE)} — not found offline` })).toBeVisible()
  await page.getByRole('button', { name: 'Award points anyway (queued by phone, resolved on sync)' }).click()
  const dialog = page.getByRole('dialog', { name: 'Award points anyway' })
  await expect(dialog.getByRole('note')).toContainText('queued by phone')
  await dialog.getByLabel('Points').fill('30')
  await dialog.getByRole('button', { name: 'Review' }).click()
  await dialog.getByRole('button', { name: 'Confirm award' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved — will sync' })).toBeVisible()
  await expect(page.getByTestId('pending-count')).toHaveText('1')
  const [row] = (await counter.services.api.listOutbox({})).entries
  expect(row).toMatchObject({ contactID: null, phone: UNKNOWN_PHONE, value: 30 })
})

// Join loyalty from the profile: someone AIQ has who is not a member (Sam Reed) joins with the signup form, prefilled;
// AIQ upserts by phone, so the same contact becomes a member. An opted-out number stays opted out.
import { PERSONAS } from '../../electron/sandbox'
import { CHECK_IN_LABEL, expect, test, type CounterFixture } from './fixtures'
import type { Page } from '@playwright/test'

const sam = PERSONAS.nonMember
const nowSec = () => Math.floor(Date.now() / 1000)

async function checkInSam(page: Page, counter: CounterFixture) {
  await counter.open(page)
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(sam.phone)
  await field.press('Enter')
  await expect(page.getByRole('heading', { name: 'Sam Reed', level: 2 })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Status' }).getByRole('listitem').first()).toHaveText('Not a member')
}

test('a non-member joins loyalty from their profile, by keyboard, and the profile shows Member', async ({ page, counter }) => {
  await checkInSam(page, counter)
  const join = page.getByRole('button', { name: 'Join loyalty' })
  await join.focus()
  await page.keyboard.press('Enter')

  const form = page.getByRole('form', { name: 'Join loyalty — Sam Reed' })
  await expect(form.getByLabel('First name')).toBeFocused()
  await expect(form.getByLabel('First name')).toHaveValue('Sam')
  await expect(form.getByLabel('Last name')).toHaveValue('Reed')
  await expect(form.getByLabel('Email', { exact: true })).toHaveValue(sam.email)
  await expect(form.getByLabel('Favourite store')).toHaveValue(String(sam.favoriteStoreID))
  await expect(form.getByRole('radio', { name: 'Text to confirm (double opt-in)' })).not.toBeChecked()

  await form.getByRole('button', { name: 'Sign up' }).click()
  await expect(form.getByRole('alert')).toContainText('choose Yes or No')
  await form.getByRole('radio', { name: 'Yes, join loyalty' }).check()
  await form.getByRole('radio', { name: 'Text to confirm (double opt-in)' }).check()
  await form.getByRole('button', { name: 'Sign up' }).click()

  const chips = page.getByRole('list', { name: 'Status' }).getByRole('listitem')
  await expect(chips.first()).toHaveText('Member')
  await expect(form).toBeHidden()
  await expect(join).toBeHidden()
  await expect(page.getByRole('status').filter({ hasText: 'Signed up Sam — a text was sent to confirm SMS (double opt-in).' })).toBeVisible()
  const back = await counter.services.api.checkIn({ input: sam.phone })
  expect(back).toMatchObject({ kind: 'customer', customer: { contactID: sam.contactID, member: true, sms: 'pending' } })
})

test('an opted-out non-member: the form says so, the SMS choice is locked to No texts, and they stay opted out', async ({ page, counter }) => {
  counter.sandbox.data.update(sam.contactID, { optoutTime: nowSec(), optinTime: null })
  await checkInSam(page, counter)
  await page.getByRole('button', { name: 'Join loyalty' }).click()

  const form = page.getByRole('form', { name: 'Join loyalty — Sam Reed' })
  const sms = form.getByRole('group', { name: 'Text messages (SMS)' })
  await expect(sms.getByRole('note')).toHaveText('This number opted out of texts — it will not be re-opted in')
  await expect(sms.getByRole('radio', { name: 'No texts' })).toBeChecked()
  await expect(sms.getByRole('radio', { name: 'No texts' })).toBeDisabled()
  await expect(sms.getByRole('radio', { name: 'Text to confirm (double opt-in)' })).toBeDisabled()

  await form.getByRole('radio', { name: 'Yes, join loyalty' }).check()
  await form.getByRole('button', { name: 'Sign up' }).click()
  await expect(page.getByRole('list', { name: 'Status' }).getByRole('listitem')).toHaveText(['Member', 'SMS: Opted out', 'No email opt-in'])
  await expect(page.getByRole('status').filter({ hasText: 'this number opted out of texts and was not re-opted in' })).toBeVisible()
  expect(counter.sandbox.requests.filter((r) => r.path.toLowerCase().includes('/optin/'))).toHaveLength(0)
})

test('an opted-in non-member: nothing to ask about texts; Cancel closes the form without changing anything', async ({ page, counter }) => {
  counter.sandbox.data.update(sam.contactID, { optinTime: nowSec(), optoutTime: null })
  await checkInSam(page, counter)
  const join = page.getByRole('button', { name: 'Join loyalty' })
  await join.click()
  const form = page.getByRole('form', { name: 'Join loyalty — Sam Reed' })
  const sms = form.getByRole('group', { name: 'Text messages (SMS)' })
  await expect(sms.getByRole('note')).toHaveText('Already opted in to texts — nothing will be sent')
  await expect(sms.getByRole('radio')).toHaveCount(0)

  await form.getByRole('button', { name: 'Cancel' }).click()
  await expect(form).toBeHidden()
  expect(counter.sandbox.data.byPhone(sam.phone)!.loyalty).toBeFalsy()

  await join.click()
  await form.getByRole('radio', { name: 'Yes, join loyalty' }).check()
  await form.getByRole('button', { name: 'Sign up' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Signed up Sam — already opted in to texts.' })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Status' }).getByRole('listitem').first()).toHaveText('Member')
  expect(counter.sandbox.requests.filter((r) => r.path.toLowerCase().includes('/optin/'))).toHaveLength(0)
})

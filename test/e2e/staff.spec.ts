// Issue 13: budtenders sign in with a PIN and switch quickly; the manager's PIN guards deductions, and main refuses a
// deduction from a renderer that skips the dialog; awarding to a non-member says AIQ may not credit them.
import type { Page } from '@playwright/test'
import { PERSONAS } from '../../electron/sandbox'
import type { CounterApi } from '../../shared/contract'
import { PRACTICE_MANAGER_PIN } from '../support/counter'
import { CHECK_IN_LABEL, expect, test } from './fixtures'
import { shoot } from './screenshots'

async function checkIn(page: Page, phone: string, name: string) {
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(phone)
  await field.press('Enter')
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible()
}

test('switch budtender: pick a name, a wrong PIN is refused, the right one signs in and the next award is theirs', async ({ page, counter }) => {
  await counter.open(page)
  await expect(page.getByLabel('Signed in')).toHaveText('Alex')
  await page.getByRole('button', { name: 'Switch budtender' }).click()
  const signIn = page.getByRole('region', { name: 'Who’s at the counter?' })
  await expect(signIn.getByRole('note', { name: 'Practice PINs' })).toContainText('Alex 1111 · Jordan 2222 · Morgan (manager) 9999')
  await expect(page.getByLabel(CHECK_IN_LABEL)).toHaveCount(0)
  await signIn.getByRole('button', { name: 'Jordan' }).click()
  await signIn.getByLabel('PIN for Jordan').fill('1111')
  await signIn.getByRole('button', { name: 'Sign in' }).click()
  await expect(signIn.getByRole('alert')).toHaveText('Wrong PIN. 4 tries left before it locks for 5 min.')
  await signIn.getByLabel('PIN for Jordan').fill('2222')
  await shoot(page, 'sign-in')
  await signIn.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByLabel('Signed in')).toHaveText('Jordan')

  await checkIn(page, PERSONAS.member.phone, 'Maya Lopez')
  await page.getByRole('button', { name: 'Award points' }).click()
  const dialog = page.getByRole('dialog', { name: 'Award points — Maya Lopez' })
  await dialog.getByLabel('Points').fill('15')
  await dialog.getByRole('button', { name: 'Review' }).click()
  await expect(dialog).toContainText('By Jordan.')
  await dialog.getByRole('button', { name: 'Confirm award' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved — will sync' })).toBeVisible()
  expect((await counter.services.api.listOutbox({})).entries[0]).toMatchObject({ budtender: 'Jordan', value: 15 })
})

test('a deduction needs the manager’s PIN: refused without it on screen and in main, saved with it', async ({ page, counter }) => {
  await counter.open(page)
  await checkIn(page, PERSONAS.member.phone, 'Maya Lopez')
  await page.getByRole('button', { name: 'Deduct points' }).click()
  const dialog = page.getByRole('dialog', { name: 'Deduct points — Maya Lopez' })
  await dialog.getByLabel('Points').fill('30')
  await dialog.getByLabel('Reason', { exact: true }).selectOption('Correction')
  await dialog.getByRole('button', { name: 'Review' }).click()
  await expect(dialog.getByRole('group', { name: 'Manager approval' })).toContainText('A deduction needs the manager’s PIN. Training: practice manager PIN 9999 (Morgan).')
  await dialog.getByRole('button', { name: 'Confirm deduct' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('Ask a manager to type their 4-digit PIN.')

  // a renderer that skips the dialog altogether is refused by main
  const skipped = await page.evaluate(() =>
    (window as unknown as { counter: CounterApi }).counter.awardPoints({ customer: { phone: '3035550100' }, customerName: 'Maya Lopez', value: -30, reason: 'Correction' }),
  )
  expect(skipped).toEqual({ ok: false, error: { code: 'needs_manager', message: 'A deduction needs the manager’s PIN.' } })
  expect((await counter.services.api.listOutbox({})).entries).toHaveLength(0)

  await dialog.getByLabel('Manager PIN').fill(PRACTICE_MANAGER_PIN.pin)
  await shoot(page, 'deduct-manager-pin')
  await dialog.getByRole('button', { name: 'Confirm deduct' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved — will sync' })).toBeVisible()
  expect((await counter.services.api.listOutbox({})).entries[0]).toMatchObject({ value: -30, budtender: 'Alex', approvedBy: 'Morgan' })
})

test('awarding to someone who is not a loyalty member warns and offers Join loyalty first', async ({ page, counter }) => {
  await counter.open(page)
  await checkIn(page, PERSONAS.nonMember.phone, 'Sam Reed')
  await page.getByRole('button', { name: 'Award points' }).click()
  const warning = page.getByRole('dialog').getByRole('note', { name: 'Not a loyalty member' })
  await expect(warning).toContainText('Sam Reed isn’t a loyalty member: AIQ may not credit these points.')
  await shoot(page, 'award-non-member')
  await warning.getByRole('button', { name: 'Join loyalty first' }).click()
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Join loyalty' })).toHaveAttribute('aria-expanded', 'true')
})

test('Settings open only with the manager’s PIN, and a manager adds a budtender who can then sign in', async ({ page, counter }) => {
  await counter.open(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click()
  const lock = page.getByRole('form', { name: 'Settings are locked' })
  await lock.getByLabel('Manager PIN').fill('2222')
  await lock.getByRole('button', { name: 'Unlock Settings' }).click()
  await expect(lock.getByRole('alert')).toContainText('Wrong PIN')
  await lock.getByLabel('Manager PIN').fill(PRACTICE_MANAGER_PIN.pin)
  await lock.getByRole('button', { name: 'Unlock Settings' }).click()
  const add = page.getByRole('form', { name: 'Add staff' })
  await add.getByLabel('Name').fill('Casey')
  await add.getByLabel('Their 4-digit PIN (they type it)').fill('5830')
  await add.getByRole('button', { name: 'Add' }).click()
  await expect(add.getByRole('status')).toHaveText('Casey can sign in now.')
  await shoot(page, 'settings-staff')
  await page.getByRole('button', { name: 'Switch budtender' }).click()
  await page.getByRole('button', { name: 'Casey', exact: true }).click() // exact: Settings' 'Remove Casey' may still be on screen for a moment
  await page.getByLabel('PIN for Casey').fill('5830')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByLabel('Signed in')).toHaveText('Casey')
})

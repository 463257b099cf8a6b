// Settings › Check AIQ compatibility, in training mode: a manager types a customer's phone, runs the check with the
// keyboard, reads the table, and copies the report (masked) for support.
import { expect, test, openSettings } from './fixtures'
import { shoot } from './screenshots'

const PHONE = '3035550100' // the sandbox's regular member

test('runs the check from Settings, shows one row per endpoint, and copies a masked report', async ({ page, counter, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(counter.url).origin })
  await counter.open(page)
  await openSettings(page)
  const section = page.getByRole('region', { name: 'Check AIQ compatibility' })
  await expect(section).toBeVisible()
  await expect(section.getByRole('button', { name: 'Copy report' })).toHaveCount(0)

  // a phone that is not one says so in words, and nothing is sent
  const phone = section.getByLabel('Customer phone for the check')
  await phone.fill('12')
  await phone.press('Enter')
  await expect(section.getByRole('alert')).toContainText('not a US phone number')
  await expect(phone).toBeFocused()

  // slow AIQ: the check shows it is running and can't be started twice
  counter.sandbox.faults.set({ kind: 'latency', ms: 120 })
  await phone.fill('(303) 555-0100')
  await phone.press('Enter')
  await expect(section.getByRole('button', { name: 'Checking…' })).toBeDisabled()
  await expect(section.getByRole('progressbar', { name: 'Compatibility check' })).toBeVisible()
  await expect(section.getByRole('button', { name: 'Run check' })).toBeEnabled({ timeout: 15_000 })
  counter.sandbox.faults.clear()

  const table = section.getByRole('table', { name: 'AIQ compatibility by endpoint' })
  await expect(table).toBeVisible()
  const headers = table.getByRole('columnheader')
  await expect(headers).toHaveText(['Endpoint', 'Reached', 'Understood', 'Items skipped', 'Unknown fields', 'Missing fields', 'Note'])
  const rows = table.getByRole('row')
  await expect(rows).toHaveCount(14) // header + 13 endpoints
  for (const label of ['Check loyalty by phone', 'Search customers', 'Open customer', 'Find customer by POS id', 'Rewards wallet', 'Stores']) {
    const row = table.getByRole('row', { name: new RegExp(`^${label}`) })
    await expect(row.getByRole('cell').nth(0)).toHaveText('Yes')
    await expect(row.getByRole('cell').nth(1)).toHaveText('Yes')
  }
  await expect(section.getByText(/^Compatible/)).toBeVisible()
  await expect(section).toContainText('Phone ending 0100, found')
  await expect(section).toContainText('Practice sandbox')
  // no PII in the result: the phone only as its last 4 digits, no names or emails (the hint above the field names a
  // practice number, and the field keeps what the manager typed)
  const shown = (await section.getByRole('group', { name: 'Check result' }).innerText()).replace(/\s+/g, ' ')
  expect(shown).toContain('Answered, and the app read all of it.')
  const maya = counter.sandbox.data.byPhone(PHONE)!
  for (const secret of ['303-555-0100', '555-0100', maya.firstName!, maya.lastName!, maya.email!]) expect(shown).not.toContain(secret)
  await shoot(page, 'settings-compat')

  // Copy report, by keyboard
  const copy = section.getByRole('button', { name: 'Copy report' })
  await copy.focus()
  await page.keyboard.press('Enter')
  await expect(section.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible()
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  expect(copied).toMatch(/^AIQ compatibility check — OK\n/)
  expect(copied).toContain('Customer:  phone ***-***-0100, found')
  expect(copied).toContain('GET /api/v1.1/piis/{uid}/bysrcid/{srcID}')
  for (const secret of [PHONE, maya.firstName!, maya.lastName!, maya.email!]) expect(copied).not.toContain(secret)

  // the same text is there to select by hand, should copying ever be refused
  await section.getByText('Report as text').click()
  await expect(section.getByLabel('Report text')).toHaveValue(copied)
})

test('a customer AIQ does not have: the table says so in words', async ({ page, counter }) => {
  await counter.open(page)
  await openSettings(page)
  const section = page.getByRole('region', { name: 'Check AIQ compatibility' })
  await section.getByLabel('Customer phone for the check').fill('3035550199')
  await section.getByRole('button', { name: 'Run check' }).click()
  await expect(section.getByText(/^Needs attention/)).toBeVisible({ timeout: 15_000 })
  await expect(section).toContainText('Customer not found')
  const open = section.getByRole('table', { name: 'AIQ compatibility by endpoint' }).getByRole('row', { name: /^Open customer/ })
  await expect(open.getByRole('cell').nth(0)).toHaveText('Skipped')
  await expect(open).toContainText('no customer with this phone')
})

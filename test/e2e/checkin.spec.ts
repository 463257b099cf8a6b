// Check-in (issue 5, items 1 and 6): a typed phone or a scanner burst shows the customer; Esc always comes back to
// the field; focus returns after every flow.
import type { Page } from '@playwright/test'
import { PERSONAS } from '../../electron/sandbox'
import { CHECK_IN_LABEL, expect, test, trustedBurst } from './fixtures'
import { shoot } from './screenshots'

const maya = PERSONAS.member

/** Keys as a keyboard-wedge scanner sends them: back to back, a few ms apart, to whatever has focus. */
async function scannerBurst(page: Page, keys: string[]) {
  await page.evaluate(async (keys) => {
    for (const key of keys) {
      const target = document.activeElement ?? document.body
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
      await new Promise((r) => setTimeout(r, 2))
    }
  }, keys)
}

test('a typed phone shows the name, status chips and points', async ({ page, counter }) => {
  await counter.open(page)
  await expect(page.getByRole('note', { name: 'Training mode' })).toHaveText('TRAINING MODE — practice data, nothing is sent to AIQ')
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill('(303) 555-0100')
  await expect(page.getByText('Looks like a phone: (303) 555-0100')).toBeVisible()
  await field.press('Enter')

  await expect(page.getByRole('heading', { name: 'Maya Lopez', level: 2 })).toBeVisible()
  const chips = page.getByRole('list', { name: 'Status' })
  await expect(chips.getByRole('listitem')).toHaveText(['Member', 'SMS: Opted in', 'Email opt-in'])
  await expect(page.getByLabel('Points balance')).toContainText(`${maya.loyaltyPoints.toLocaleString('en-US')} points`)
  await expect(field).toBeFocused()
  await expect(field).toHaveValue('')
  await expect(page.getByRole('region', { name: 'Recommended for them' }).getByRole('listitem').first()).toBeVisible()
  await shoot(page, 'check-in-profile')
})

test('a scanner burst checks the customer in wherever focus is, and leaves nothing in the field it landed in', async ({ page, counter }) => {
  await counter.open(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Search' }).click()
  const search = page.getByLabel('Name, email or phone')
  await expect(search).toBeFocused()

  // a keyboard-wedge scanner: real (trusted) keys back to back, so they land in the focused field, then Enter
  await trustedBurst(page, maya.srcID)

  await expect(page.getByRole('heading', { name: 'Maya Lopez', level: 2 })).toBeVisible()
  await expect(page.getByLabel(CHECK_IN_LABEL)).toBeFocused()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Search' }).click()
  await expect(page.getByLabel('Name, email or phone')).toHaveValue('')
})

test('an Enter inside a scan (as in a licence barcode) does not cut it short: the whole code checks in once', async ({ page, counter }) => {
  await counter.open(page)
  const half = Math.floor(maya.srcID.length / 2)
  // One burst at a scanner's pace, Enter in the middle. Sent from inside the page: Playwright's own typing waits a
  // round trip per key, and on a loaded machine that gap alone can outlast the grace a scanner's Enter gets.
  await scannerBurst(page, [...maya.srcID.slice(0, half), 'Enter', ...maya.srcID.slice(half), 'Enter'])
  await expect(page.getByRole('heading', { name: 'Maya Lopez', level: 2 })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'No customer found' })).toHaveCount(0)
  await expect(page.getByLabel(CHECK_IN_LABEL)).toHaveValue('')
})

test('a scanned AIQ wallet QR (a URL with the contact id) or a typed contact id finds the customer', async ({ page, counter }) => {
  await counter.open(page)
  await scannerBurst(page, [...`https://lab.alpineiq.com/wallet/1000?c=${maya.contactID}`, 'Enter'])
  await expect(page.getByRole('heading', { name: 'Maya Lopez', level: 2 })).toBeVisible()

  await page.keyboard.press('Escape')
  await expect(page.getByRole('heading', { name: 'Maya Lopez', level: 2 })).toHaveCount(0)
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(PERSONAS.pending.contactID)
  await field.press('Enter')
  await expect(page.getByRole('heading', { name: 'Priya Shah', level: 2 })).toBeVisible()
})

test('with a scanner prefix set, a scan is recognised however slowly it arrives, and types nothing into fields', async ({ page, counter }) => {
  await page.addInitScript({ content: "localStorage.setItem('counter.scannerPrefix', '~')" })
  await counter.open(page)
  await page.keyboard.type(`~${maya.phone}`, { delay: 80 })
  await expect(page.getByLabel(CHECK_IN_LABEL)).toHaveValue('')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Maya Lopez', level: 2 })).toBeVisible()
})

test('a person typing slowly is not mistaken for a scanner: their Enter submits what they typed', async ({ page, counter }) => {
  await counter.open(page)
  await page.keyboard.type(maya.phone, { delay: 90 })
  await expect(page.getByLabel(CHECK_IN_LABEL)).toHaveValue(maya.phone)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Maya Lopez', level: 2 })).toBeVisible()
})

test('Esc from any screen or dialog returns to the check-in field; Esc in the empty field clears the customer', async ({ page, counter }) => {
  await counter.open(page)
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(maya.phone)
  await field.press('Enter')
  await expect(page.getByRole('heading', { name: 'Maya Lopez', level: 2 })).toBeVisible()

  await page.getByRole('button', { name: 'Award points' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByLabel('Points')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(field).toBeFocused()

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Shift report' }).click()
  await expect(page.getByRole('heading', { name: 'Shift report — today' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(field).toBeFocused()
  await expect(page.getByRole('heading', { name: 'Maya Lopez', level: 2 })).toBeVisible()

  await page.keyboard.press('Escape')
  await expect(page.getByRole('heading', { name: 'Maya Lopez', level: 2 })).toHaveCount(0)
  await expect(page.getByText('Ready for the next customer.')).toBeVisible()
})

test('the whole flow works from the keyboard: Tab reaches the nav, the dialog traps focus', async ({ page, counter }) => {
  await counter.open(page)
  await page.keyboard.type(maya.phone, { delay: 60 })
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Maya Lopez', level: 2 })).toBeVisible()
  // Tab from the field to "Check in", then on to the profile's first action
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Award points' })).toBeFocused()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: /Award points — Maya Lopez/ })
  await expect(dialog).toBeVisible()
  for (let i = 0; i < 12; i++) await page.keyboard.press('Tab')
  expect(await dialog.evaluate((d) => d.contains(d.ownerDocument.activeElement))).toBe(true)
})

test('a code nobody has says so and offers search', async ({ page, counter }) => {
  await counter.open(page)
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill('NO-SUCH-CARD-123')
  await field.press('Enter')
  await expect(page.getByRole('heading', { name: 'No customer found' })).toBeVisible()
  await page.getByRole('button', { name: 'Search customers' }).click()
  await expect(page.getByLabel('Name, email or phone')).toBeFocused()
})

test('offline: the banner says awards are saved and will sync, and goes away when AIQ answers again', async ({ page, counter }) => {
  await counter.open(page)
  await counter.sandbox.stop()
  // the sync engine finds AIQ gone when it next tries to send
  await counter.services.api.awardPoints({ customer: { contactID: maya.contactID }, customerName: 'Maya Lopez', value: 5, reason: 'Purchase' })
  const banner = page.getByRole('status').filter({ hasText: 'Offline — awards are saved and will sync when AIQ is back' })
  await expect(banner).toBeVisible({ timeout: 10_000 })
  await expect(page.getByTestId('pending-count')).toHaveText('1')
  await shoot(page, 'offline')
  await counter.sandbox.restart()
  await expect(banner).toHaveCount(0, { timeout: 20_000 })
})

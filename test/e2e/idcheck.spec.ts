// Issue 13: a licence scanned by a keyboard-wedge scanner into the one check-in field is an ID check, by its content:
// a clear pass or fail (under 21, expired), a manager override with a reason and the manager's PIN, and after a pass
// the customer AIQ has by that name, or signup prefilled from the licence.
import type { Page } from '@playwright/test'
import { PERSONAS } from '../../electron/sandbox'
import { PRACTICE_MANAGER_PIN } from '../support/counter'
import { card } from '../support/aamva-samples'
import { CHECK_IN_LABEL, expect, test } from './fixtures'
import { shoot } from './screenshots'

/**
 * The licence as a wedge scanner types it, to whatever has focus, a few ms per key: every LF and CR an Enter, RS a
 * Ctrl+^ (as in checkin.spec.ts: sent from inside the page, so a loaded machine cannot spread the burst into typing).
 */
async function scanLicence(page: Page, text: string) {
  await page.evaluate(async (text) => {
    for (const ch of text) {
      const init: KeyboardEventInit =
        ch === '\n' || ch === '\r' ? { key: 'Enter' } : ch === '\u001e' ? { key: '^', ctrlKey: true } : { key: ch }
      const target = document.activeElement ?? document.body
      target.dispatchEvent(new KeyboardEvent('keydown', { ...init, bubbles: true, cancelable: true }))
      await new Promise((r) => setTimeout(r, 2))
    }
  }, text)
}

const day = (yearsFromNow: number, days = 0) => {
  const d = new Date()
  d.setFullYear(d.getFullYear() + yearsFromNow)
  d.setDate(d.getDate() + days)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}
const STRANGER = { last: 'QUILLFEATHER', first: 'ROWAN', middle: '' }

test('over 21 and AIQ has them by name: ID OK, and their profile opens', async ({ page, counter }) => {
  await counter.open(page)
  await scanLicence(page, card(10, 'DL', day(-34), day(2), { last: 'LOPEZ', first: 'MAYA', middle: '' }))
  await expect(page.getByRole('heading', { name: 'Maya Lopez', level: 2 })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'ID checked — passed.' })).toBeVisible()
  await expect(page.getByLabel(CHECK_IN_LABEL)).toHaveValue('')
  const report = await counter.services.api.shiftReport({ from: Date.now() - 60_000, to: Date.now() + 1000 })
  expect(report.idChecks).toMatchObject([{ budtender: 'Alex', outcome: 'passed' }])
})

test('over 21 and new to AIQ: a pass, then signup with the name from the licence', async ({ page, counter }) => {
  await counter.open(page)
  await scanLicence(page, card(8, 'ID', day(-45), day(3), STRANGER))
  const result = page.getByRole('region', { name: /ID OK/ })
  await expect(result.getByRole('heading', { name: /^ID OK — 45 years old$/ })).toBeVisible()
  await expect(result.getByLabel('Read from the licence')).toContainText('Rowan Quillfeather')
  await shoot(page, 'id-check-pass')
  await result.getByLabel('Their phone number').fill(PERSONAS.member.phone.replace('0100', '0177'))
  await result.getByRole('button', { name: 'Sign up' }).click()
  await expect(page.getByLabel('First name')).toHaveValue('Rowan')
  await expect(page.getByLabel('Last name')).toHaveValue('Quillfeather')
})

test('under 21: do not serve, nothing looked up; a manager overrides with a reason and their PIN', async ({ page, counter }) => {
  await counter.open(page)
  await scanLicence(page, card(9, 'DL', day(-20), day(2), STRANGER))
  const result = page.getByRole('region', { name: /Under 21/ })
  await expect(result.getByRole('heading', { name: 'Under 21 — do not serve (20 years old)' })).toBeVisible()
  await shoot(page, 'id-check-under-21')

  await result.getByRole('button', { name: 'Manager override…' }).click()
  await result.getByLabel('Reason for the override').fill('Turns 21 today per state record')
  await result.getByLabel('Manager PIN').fill('1111')
  await result.getByRole('button', { name: 'Override and continue' }).click()
  await expect(result.getByRole('alert').filter({ hasText: 'Wrong PIN' })).toBeVisible()
  await result.getByLabel('Manager PIN').fill(PRACTICE_MANAGER_PIN.pin)
  await shoot(page, 'id-check-override')
  await result.getByRole('button', { name: 'Override and continue' }).click()
  await expect(page.getByRole('heading', { name: /^Overridden by a manager/ })).toBeVisible()
  const report = await counter.services.api.shiftReport({ from: Date.now() - 60_000, to: Date.now() + 1000 })
  expect(report.idChecks).toMatchObject([{ budtender: 'Alex', outcome: 'refused' }, { budtender: 'Alex', outcome: 'overridden', overrideReason: 'Turns 21 today per state record', approvedBy: 'Morgan' }])
})

test('expired yesterday: do not serve; Esc goes back to the field', async ({ page, counter }) => {
  await counter.open(page)
  await scanLicence(page, card(10, 'DL', day(-40), day(0, -1), STRANGER))
  await expect(page.getByRole('heading', { name: 'ID expired — do not serve' })).toBeVisible()
  await shoot(page, 'id-check-expired')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('heading', { name: 'ID expired — do not serve' })).toHaveCount(0)
  await expect(page.getByLabel(CHECK_IN_LABEL)).toBeFocused()
})

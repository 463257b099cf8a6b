// Issue 19, item 10: a manager's shift end — any range of days, ID checks passed, refused and overridden, the report
// as a CSV file and on paper; and the last customers checked in at this counter, one key away.
import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { PERSONAS } from '../../electron/sandbox'
import { PRACTICE_MANAGER_PIN } from '../support/counter'
import { card } from '../support/aamva-samples'
import { CHECK_IN_LABEL, expect, test } from './fixtures'
import { shoot } from './screenshots'

test.use({ viewport: { width: 1366, height: 768 } })
const maya = PERSONAS.member

const day = (yearsFromNow: number, days = 0) => {
  const d = new Date()
  d.setFullYear(d.getFullYear() + yearsFromNow)
  d.setDate(d.getDate() + days)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}
const openReport = async (page: Page) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Shift report' }).click()
  await expect(page.getByRole('heading', { name: /^Shift report — / })).toBeVisible()
}

test('the shift report: a range of days, ID checks passed, refused and overridden, CSV and print', async ({ page, counter }) => {
  await counter.open(page)
  const api = counter.services.api
  await api.awardPoints({ customer: { contactID: maya.contactID }, customerName: 'Maya Lopez', value: 25, reason: 'Purchase', approval: PRACTICE_MANAGER_PIN })
  await api.checkId({ scan: card(10, 'DL', day(-34), day(2), { last: 'LOPEZ', first: 'MAYA', middle: '' }) })
  const young = await api.checkId({ scan: card(10, 'DL', day(-19), day(2), { last: 'REED', first: 'SAM', middle: '' }) })
  await api.checkId({ scan: card(10, 'DL', day(-18), day(2), { last: 'REED', first: 'SAM', middle: '' }) })
  await api.overrideIdCheck({ checkId: young.checkId, reason: 'Turns 21 today per state record', approval: PRACTICE_MANAGER_PIN })

  await openReport(page)
  const ids = page.getByRole('list', { name: 'ID checks' })
  await expect(ids).toContainText('1 IDs passed')
  await expect(ids).toContainText('2 refused')
  await expect(ids).toContainText('1 overridden')
  const local = page.getByRole('table', { name: 'This counter’s awards' })
  await expect(local.getByRole('row', { name: /Purchase/ })).toBeVisible()

  // yesterday alone: today's award is not in it; yesterday to today: it is
  const range = page.getByRole('form', { name: 'Report dates' })
  await range.getByLabel('From').fill(day(0, -1))
  await range.getByLabel('To').fill(day(0, -1))
  await range.getByRole('button', { name: 'Show' }).click()
  await expect(page.getByText('No awards from this counter today.').or(page.getByText(/No awards from this counter/))).toBeVisible()
  await expect(ids).toContainText('0 IDs passed')
  await range.getByLabel('To').fill(day(0))
  await range.getByRole('button', { name: 'Show' }).click()
  await expect(page.getByRole('heading', { name: /^Shift report — .+ – today$/ })).toBeVisible()
  await expect(local.getByRole('row', { name: /Purchase/ })).toBeVisible()

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()])
  expect(download.suggestedFilename()).toBe(`shift-report-${day(0, -1)}-to-${day(0)}.csv`)
  const csv = await readFile((await download.path())!, 'utf8')
  expect(csv.split('\r\n')[0]).toBe('section,time,customer,points,reason or note,by or source,status')
  expect(csv).toMatch(/this counter,[^,]+,Maya Lopez,25,Purchase,Alex,/)
  expect(csv).toContain(',2,refused,,')

  await page.evaluate(() => {
    ;(window as unknown as { printed: number }).printed = 0
    window.print = () => void (window as unknown as { printed: number }).printed++
  })
  await page.getByRole('button', { name: 'Print' }).click()
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden()
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeHidden()
  await expect(local).toBeVisible()
  await page.emulateMedia({ media: 'screen' })
})

test('recently checked in: the last 10 customers at this counter, each one key away', async ({ page, counter }) => {
  await counter.open(page)
  const field = page.getByLabel(CHECK_IN_LABEL)
  const people = [PERSONAS.member, PERSONAS.pending, PERSONAS.noConsent]
  for (const p of people) {
    await field.fill(p.phone!)
    await field.press('Enter')
    await expect(page.getByRole('heading', { name: `${p.firstName} ${p.lastName}`.trim(), level: 2 })).toBeVisible()
  }
  await page.getByRole('button', { name: 'Next customer' }).click()
  const recent = page.getByRole('list', { name: 'Recently checked in' })
  await expect(recent.getByRole('listitem')).toHaveCount(people.length)
  // newest first: Alt+1 reopens the last one, Alt+2 the one before
  await expect(recent.getByRole('listitem').first()).toContainText(`${people.at(-1)!.firstName}`)
  await expect(field).toBeFocused()
  await page.keyboard.press(`Alt+${people.length}`)
  await expect(page.getByRole('heading', { name: `${people[0]!.firstName} ${people[0]!.lastName}`.trim(), level: 2 })).toBeVisible()

  await page.getByRole('button', { name: 'Next customer' }).click()
  await expect(recent.getByRole('listitem')).toHaveCount(people.length) // the same person once, now at the top
  await expect(recent.getByRole('listitem').first()).toContainText(people[0]!.firstName!)
})

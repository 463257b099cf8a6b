// Issue 12, item 6: at 1366×768 (the common POS monitor) the profile shows what matters at the counter without
// scrolling, nothing is clipped, every scrollable region is reachable by keyboard, each screen has one h1.
import type { Page } from '@playwright/test'
import { PERSONAS } from '../../electron/sandbox'
import { CHECK_IN_LABEL, expect, test, type CounterFixture } from './fixtures'
import { shoot } from './screenshots'
import { PRACTICE_MANAGER_PIN } from '../support/counter'

const VIEW = { width: 1366, height: 768 }
const maya = PERSONAS.member
const ADJUST = { method: 'PUT', path: /\/adjust\/loyaltyPoints\//i }

async function openMaya(page: Page, counter: CounterFixture) {
  await page.setViewportSize(VIEW)
  await counter.open(page)
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(maya.phone)
  await field.press('Enter')
  await expect(page.getByRole('heading', { name: 'Maya Lopez' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Rewards' }).getByRole('button', { name: /^Redeem/ }).first()).toBeVisible()
  await expect(page.getByRole('region', { name: 'Last visit' }).getByRole('listitem').first()).toBeVisible()
}

/** Fully inside the viewport, with the page not scrolled. */
async function expectInView(page: Page, what: string, locator: ReturnType<Page['locator']>) {
  const box = await locator.boundingBox()
  expect(box, what).not.toBeNull()
  expect(await page.evaluate(() => [window.scrollX, window.scrollY]), 'the page is not scrolled').toEqual([0, 0])
  expect(box!.x, `${what}: left`).toBeGreaterThanOrEqual(0)
  expect(box!.y, `${what}: top`).toBeGreaterThanOrEqual(0)
  expect(box!.x + box!.width, `${what}: right`).toBeLessThanOrEqual(VIEW.width)
  expect(box!.y + box!.height, `${what}: bottom`).toBeLessThanOrEqual(VIEW.height)
}

test('the profile at 1366×768: name, chips, points with pending and failed apart, unlocked rewards with Redeem, top 3 recommendations and the last visit, without scrolling', async ({ page, counter }) => {
  const api = counter.services.api
  // one deduction AIQ refuses (failed) and one award still on its way (pending)
  counter.sandbox.faults.set({ kind: 'status', status: 400, match: ADJUST, times: 1 })
  await api.awardPoints({ customer: { contactID: maya.contactID }, customerName: 'Maya Lopez', value: -200, reason: 'Correction', budtender: 'Alex', approval: PRACTICE_MANAGER_PIN })
  await expect.poll(async () => (await api.getStatus({})).outbox.failed).toBe(1)
  counter.sandbox.faults.set({ kind: 'status', status: 503, match: ADJUST })
  await api.awardPoints({ customer: { contactID: maya.contactID }, customerName: 'Maya Lopez', value: 30, reason: 'Purchase', budtender: 'Alex' })

  await openMaya(page, counter)
  const points = page.getByLabel('Points balance')
  await expect(points).toContainText('1,280 points (+30 pending)')
  await expect(points).toContainText('−200 failed — not in AIQ, see the queue')
  const chips = page.getByRole('list', { name: 'Status' })
  await expectInView(page, 'name', page.getByRole('heading', { name: 'Maya Lopez' }))
  await expectInView(page, 'member chip', chips.getByText('Member', { exact: true }))
  await expectInView(page, 'SMS chip', chips.getByText('SMS: Opted in'))
  await expectInView(page, 'points, pending and failed', points)
  const redeem = page.getByRole('region', { name: 'Rewards' }).getByRole('button', { name: /^Redeem/ })
  await expect(redeem).toHaveCount(4)
  for (let i = 0; i < 4; i++) await expectInView(page, `Redeem ${i + 1}`, redeem.nth(i))
  const recs = page.getByRole('list', { name: 'Top 3 recommended products, best first' }).getByRole('listitem')
  await expect(recs).toHaveCount(3)
  for (let i = 0; i < 3; i++) await expectInView(page, `recommendation ${i + 1}`, recs.nth(i))
  await expectInView(page, 'last visit', page.getByRole('region', { name: 'Last visit' }))
  await shoot(page, 'profile-1366x768', { fullPage: false })
  await shoot(page, 'profile-1366x768-full')
})

test('nothing is clipped: the timeline’s balance column is inside its panel and no region overflows sideways', async ({ page, counter }) => {
  await openMaya(page, counter)
  const timeline = page.getByRole('region', { name: 'Points timeline' })
  await expect(timeline.getByRole('row').nth(1)).toBeVisible()
  const panel = await timeline.boundingBox()
  const balance = await timeline.getByRole('columnheader', { name: 'Balance' }).boundingBox()
  expect(balance!.x + balance!.width).toBeLessThanOrEqual(panel!.x + panel!.width)
  const sideways = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.panel, .card, main')].filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.getAttribute('aria-labelledby') ?? el.className),
  )
  expect(sideways).toEqual([])
})

/** Every element that scrolls must be reachable by keyboard and named. */
async function scrollablesWithoutKeyboard(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const cs = getComputedStyle(el)
      const scrolls = (/(auto|scroll)/.test(cs.overflowY) && el.scrollHeight > el.clientHeight + 1) || (/(auto|scroll)/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1)
      if (!scrolls) continue
      const named = el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby')
      if (el.tabIndex < 0 || !named) out.push(`${el.tagName}.${el.className} tabIndex=${el.tabIndex} named=${named}`)
    }
    return out
  })
}

test('every scrollable region can be reached by keyboard and is named; each screen has exactly one h1', async ({ page, counter }) => {
  await openMaya(page, counter)
  expect(await scrollablesWithoutKeyboard(page)).toEqual([])
  expect(await page.locator('h1').count()).toBe(1)
  const nav = page.getByRole('navigation', { name: 'Main' })
  for (const screen of ['Search', 'Queue', 'Shift report', 'Settings', 'Check-in']) {
    await nav.getByRole('button', { name: screen }).click()
    await expect(page.getByRole('main', { name: screen })).toBeVisible()
    await expect(page.locator('h1'), screen).toHaveCount(1)
    expect(await scrollablesWithoutKeyboard(page), screen).toEqual([])
  }
})

test.describe('first run', () => {
  test.use({ mode: 'unconfigured' })
  test('the welcome screen has exactly one h1', async ({ page, counter }) => {
    await page.setViewportSize(VIEW)
    await counter.open(page)
    await expect(page.getByRole('heading', { name: 'Welcome to AIQ Counter' })).toBeVisible()
    await expect(page.locator('h1')).toHaveCount(1)
  })
})

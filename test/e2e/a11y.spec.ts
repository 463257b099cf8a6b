// Issue 12, item 6: an axe-core scan of every main screen (and the profile's dialogs) reports no serious or critical
// violation, in light and dark.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { PERSONAS } from '../../electron/sandbox'
import { CHECK_IN_LABEL, expect, test } from './fixtures'

async function seriousViolations(page: Page): Promise<string[]> {
  const out: string[] = []
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    const { violations } = await new AxeBuilder({ page }).analyze()
    for (const v of violations) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue
      out.push(`${scheme}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')}`)
    }
  }
  await page.emulateMedia({ colorScheme: 'light' })
  return out
}

test('check-in, the profile, the redeem and award dialogs, search, queue, shift report and settings', async ({ page, counter }) => {
  test.setTimeout(180_000) // nine axe scans: a loaded CI machine took 108 s
  await page.setViewportSize({ width: 1366, height: 768 })
  await counter.open(page)
  const found: string[] = []
  const scan = async (where: string) => found.push(...(await seriousViolations(page)).map((v) => `${where} — ${v}`))
  await scan('check-in (idle)')

  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(PERSONAS.member.phone)
  await field.press('Enter')
  await expect(page.getByRole('region', { name: 'Rewards' }).getByRole('button', { name: /^Redeem/ }).first()).toBeVisible()
  await expect(page.getByRole('region', { name: 'Points timeline' }).getByRole('row').nth(1)).toBeVisible()
  await scan('profile')

  await page.getByRole('button', { name: 'Redeem $5 off' }).click()
  await expect(page.getByRole('dialog')).toBeVisible()
  await scan('redeem dialog')
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Award points' }).click()
  await expect(page.getByRole('dialog')).toBeVisible()
  await scan('award dialog')
  await page.keyboard.press('Escape')

  await field.fill(PERSONAS.nonMember.phone)
  await field.press('Enter')
  await expect(page.getByRole('button', { name: 'Join loyalty' })).toBeVisible()
  await scan('profile of a non-member')

  const nav = page.getByRole('navigation', { name: 'Main' })
  for (const screen of ['Search', 'Queue', 'Shift report', 'Settings']) {
    await nav.getByRole('button', { name: screen }).click()
    await expect(page.getByRole('main', { name: screen })).toBeVisible()
    await page.waitForLoadState('networkidle')
    await scan(screen)
  }
  expect(found).toEqual([])
})

test.describe('first run', () => {
  test.use({ mode: 'unconfigured' })
  test('the welcome screen', async ({ page, counter }) => {
    await counter.open(page)
    await expect(page.getByRole('heading', { name: 'Welcome to AIQ Counter' })).toBeVisible()
    expect(await seriousViolations(page)).toEqual([])
  })
})

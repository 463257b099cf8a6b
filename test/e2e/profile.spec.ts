// The profile's panels (issue 5, item 2): rewards locked/unlocked, visits, points timeline, recommendations in rank
// order, custom attributes (add, edit), saved customer details (add, edit; the manager's PIN by default); each panel fails and retries on its own.
import type { Page } from '@playwright/test'
import { PERSONAS } from '../../electron/sandbox'
import { CHECK_IN_LABEL, expect, test, type CounterFixture } from './fixtures'
import { PRACTICE_MANAGER_PIN } from '../support/counter'
import { shoot } from './screenshots'

async function checkIn(page: Page, counter: CounterFixture, phone: string, name: string) {
  await counter.open(page)
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(phone)
  await field.press('Enter')
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible()
}
const panel = (page: Page, name: string) => page.getByRole('region', { name })

test('rewards: unlocked by points for a rich member, locked with how many more for a poor one', async ({ page, counter }) => {
  await checkIn(page, counter, PERSONAS.member.phone, 'Maya Lopez')
  const rewards = panel(page, 'Rewards')
  await expect(rewards.getByRole('listitem', { name: '$25 off: Unlocked' })).toBeVisible()
  await expect(rewards.getByRole('listitem', { name: /: Locked/ })).toHaveCount(0)

  await page.keyboard.press('Escape')
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(PERSONAS.pending.phone!)
  await field.press('Enter')
  await expect(page.getByRole('heading', { name: 'Priya Shah', level: 2 })).toBeVisible()
  await expect(rewards.getByRole('listitem', { name: '$5 off: Locked' })).toContainText('needs 20 more')
  await expect(rewards.getByRole('listitem', { name: /: Unlocked/ })).toHaveCount(0)
})

test('visits, points timeline and recommendations show what AIQ has, recommendations in rank order', async ({ page, counter }) => {
  const maya = PERSONAS.member
  const services = counter.services.api
  const [visits, timeline, recs] = await Promise.all([
    services.getVisits({ contactID: maya.contactID }),
    services.getTimeline({ contactID: maya.contactID }),
    services.getRecommendations({ contactID: maya.contactID }),
  ])
  expect(visits.visits.length).toBeGreaterThan(0)
  await checkIn(page, counter, maya.phone, 'Maya Lopez')

  const newest = [...visits.visits].sort((a, b) => b.at - a.at)[0]!
  await expect(panel(page, 'Visits').getByRole('listitem').first()).toContainText(newest.items[0]!.name)
  if (timeline.events.length > 0) await expect(panel(page, 'Points timeline').getByRole('row')).toHaveCount(Math.min(timeline.events.length, 20) + 1)
  // the top 3 at a glance
  const ranked = [...recs.products].sort((a, b) => a.rank - b.rank).slice(0, 3).map((p) => p.name)
  await expect(panel(page, 'Recommended for them').getByRole('listitem').locator('.rec-name')).toHaveText(ranked)
})

test('custom attributes: add one, then edit it; AIQ keeps both changes', async ({ page, counter }) => {
  const maya = PERSONAS.member
  await checkIn(page, counter, maya.phone, 'Maya Lopez')
  const traits = panel(page, 'Custom attributes')
  await traits.getByLabel('New attribute name').fill('preferred_strain')
  await traits.getByLabel('New attribute value').fill('indica')
  await traits.getByLabel('Manager PIN').fill(PRACTICE_MANAGER_PIN.pin)
  await traits.getByRole('button', { name: 'Add attribute' }).click()
  await expect(traits.getByRole('row', { name: /Preferred strain/ })).toContainText('indica')
  await expect(page.getByLabel(CHECK_IN_LABEL)).toBeFocused()

  await traits.getByRole('button', { name: 'Edit attribute Preferred strain' }).click()
  const edit = traits.getByLabel('Attribute value for Preferred strain')
  await expect(edit).toBeFocused()
  await edit.fill('sativa')
  await traits.getByLabel('Manager PIN').fill(PRACTICE_MANAGER_PIN.pin)
  await edit.press('Enter')
  await expect(traits.getByRole('row', { name: /Preferred strain/ })).toContainText('sativa')
  const stored = await counter.services.api.getTraits({ contactID: maya.contactID })
  expect(stored.traits).toContainEqual({ key: 'preferred_strain', value: 'sativa' })
})

test('saved customer details: add one, then edit it', async ({ page, counter }) => {
  const maya = PERSONAS.member
  await checkIn(page, counter, maya.phone, 'Maya Lopez')
  const overrides = panel(page, 'Saved customer details')
  await overrides.getByLabel('New detail name').fill('firstName')
  await overrides.getByLabel('New detail value').fill('Mayita')
  await overrides.getByLabel('Manager PIN').fill(PRACTICE_MANAGER_PIN.pin)
  await overrides.getByRole('button', { name: 'Add detail' }).click()
  await expect(overrides.getByRole('row', { name: /First name/ })).toContainText('Mayita')

  await overrides.getByRole('button', { name: 'Edit detail First name' }).click()
  await overrides.getByLabel('Detail value for First name').fill('May')
  await overrides.getByLabel('Manager PIN').fill(PRACTICE_MANAGER_PIN.pin)
  await overrides.getByRole('button', { name: 'Save' }).click()
  await expect(overrides.getByRole('row', { name: /First name/ })).toContainText('May')
  expect((await counter.services.api.getOverrides({ contactID: maya.contactID })).overrides).toMatchObject({ firstName: 'May' })
  await shoot(page, 'profile-panels')
})

test('a panel that fails says so on its own, the rest still show, and Retry loads it', async ({ page, counter }) => {
  counter.sandbox.faults.set({ kind: 'status', status: 500, match: { path: /\/contact\/orders\//i } })
  await checkIn(page, counter, PERSONAS.member.phone, 'Maya Lopez')
  const visits = panel(page, 'Visits')
  await expect(visits.getByRole('alert')).toBeVisible()
  await expect(panel(page, 'Rewards').getByRole('listitem').first()).toBeVisible()
  await expect(panel(page, 'Recommended for them').getByRole('listitem').first()).toBeVisible()
  await shoot(page, 'panel-failed')

  counter.sandbox.faults.clear()
  await visits.getByRole('button', { name: 'Retry Visits' }).click()
  await expect(visits.getByRole('alert')).toHaveCount(0)
  await expect(visits.getByRole('listitem').first()).toBeVisible()
})

test('SMS consent: asking a customer with none texts them and shows pending double opt-in', async ({ page, counter }) => {
  const taylor = PERSONAS.noConsent
  await checkIn(page, counter, taylor.phone, 'Taylor Kim')
  const chips = page.getByRole('list', { name: 'Status' })
  await expect(chips).toContainText('No SMS consent')
  await page.getByRole('button', { name: 'Ask for SMS consent' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Text sent' })).toBeVisible()
  await expect(chips).toContainText('SMS: Pending double opt-in')
  await expect(page.getByRole('button', { name: 'Ask for SMS consent' })).toBeVisible()
  await expect(page.getByLabel(CHECK_IN_LABEL)).toBeFocused()
  const again = await counter.services.api.checkIn({ input: taylor.phone })
  expect(again.kind === 'customer' && again.customer.sms).toBe('pending')
})

test('an opted-out customer shows as such and is never offered an SMS opt-in', async ({ page, counter }) => {
  await checkIn(page, counter, PERSONAS.optedOut.phone, 'Devon Carter')
  await expect(page.getByRole('list', { name: 'Status' })).toContainText('SMS: Opted out')
  await expect(page.getByRole('button', { name: 'Ask for SMS consent' })).toHaveCount(0)
})

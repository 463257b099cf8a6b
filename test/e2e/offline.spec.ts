// Issue 6, "Done when": with AIQ down, a customer the counter has seen is still checked in from the directory, the
// award queues, and once AIQ is back it is in AIQ's ledger exactly once. An unknown phone can still be awarded.
import type { Page } from '@playwright/test'
import { PERSONAS } from '../../electron/sandbox'
import { CHECK_IN_LABEL, expect, test, type CounterFixture } from './fixtures'
import { shoot } from './screenshots'

const maya = PERSONAS.member

async function checkIn(page: Page, input: string) {
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(input)
  await field.press('Enter')
}

async function awardFromDialog(page: Page, points: number, buttonName: RegExp) {
  await page.getByRole('button', { name: buttonName }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Points').fill(String(points))
  await dialog.getByRole('button', { name: 'Review' }).click()
  await dialog.getByRole('button', { name: /Confirm award/ }).click()
  await expect(dialog).toHaveCount(0)
}

/** Waits until nothing is left to sync, then a little longer, so a double send would have had time to happen. */
async function drained(counter: CounterFixture) {
  await expect
    .poll(async () => (await counter.services.api.getStatus({})).outbox, { timeout: 25_000 })
    .toMatchObject({ pending: 0, sending: 0 })
  await new Promise((r) => setTimeout(r, 1_000))
}

test('AIQ down: a cached customer checks in "offline — as of", the award queues, and lands exactly once when AIQ is back', async ({ page, counter }) => {
  await counter.open(page)
  await checkIn(page, maya.phone!)
  await expect(page.getByRole('heading', { name: 'Maya Lopez' })).toBeVisible()
  await expect(page.getByLabel('Points balance')).toContainText('1,250')

  await counter.sandbox.stop()
  await checkIn(page, maya.phone!)
  await expect(page.getByRole('heading', { name: 'Maya Lopez' })).toBeVisible()
  await expect(page.getByRole('note').filter({ hasText: /^Offline — as of / })).toBeVisible()
  await expect(page.getByLabel('Points balance')).toContainText('1,250')

  await awardFromDialog(page, 30, /^Award points$/)
  await expect(page.getByLabel('Points balance')).toContainText('1,280')
  await expect(page.getByLabel('Points balance')).toContainText('+30 pending')
  await expect(page.getByRole('button', { name: /Pending awards: 1/ })).toBeVisible()
  const [queued] = (await counter.services.api.listOutbox({ states: ['pending', 'sending'] })).entries
  expect(queued).toMatchObject({ contactID: maya.contactID, value: 30 })
  expect(counter.sandbox.ledger.filter((e) => e.note.includes(queued!.id))).toHaveLength(0)
  await shoot(page, 'offline-profile')

  await counter.sandbox.restart()
  await drained(counter)
  await expect(page.getByRole('button', { name: /Pending awards: 0/ })).toBeVisible()
  expect(counter.sandbox.ledger.filter((e) => e.note.includes(queued!.id))).toEqual([expect.objectContaining({ contactID: maya.contactID, value: 30 })])
})

test('an unknown phone offline: a clear warning, the award is queued by phone and resolved to the customer on sync', async ({ page, counter }) => {
  await counter.open(page)
  await counter.sandbox.stop()
  // someone who signed up at another counter a moment ago: known to AIQ, not yet in this counter's directory
  const jordan = counter.sandbox.data.add({ firstName: 'Jordan', lastName: 'Vale', mobilePhone: '3035552299', loyalty: true, inserted: Math.floor(Date.now() / 1000) })
  const jordanPhone = jordan.mobilePhone!
  await checkIn(page, jordanPhone)
  await expect(page.getByRole('heading', { name: /not found offline/ })).toBeVisible()
  await expect(page.getByText(/queued by phone/).first()).toBeVisible()
  await shoot(page, 'offline-unknown')

  await awardFromDialog(page, 12, /Award points anyway/)
  const [queued] = (await counter.services.api.listOutbox({ states: ['pending', 'sending'] })).entries
  expect(queued).toMatchObject({ contactID: null, phone: jordanPhone, value: 12 })

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click()
  await expect(page.getByRole('row', { name: /\+12 points/ })).toContainText('Queued by phone')

  await counter.sandbox.restart()
  await drained(counter)
  expect(counter.sandbox.ledger.filter((e) => e.note.includes(queued!.id))).toEqual([expect.objectContaining({ contactID: jordan.contactID, value: 12 })])
  await expect(page.getByText('All caught up.')).toBeVisible()
})

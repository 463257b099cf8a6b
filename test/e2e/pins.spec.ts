// Issue 18, item 4: each person changes their own PIN, a manager resets a budtender's, and a store that lost its manager
// PIN recovers it with the AIQ account's API key while awards wait — which then still sync.
import type { Page } from '@playwright/test'
import { PERSONAS } from '../../electron/sandbox'
import { LIVE_MANAGER, PRACTICE_MANAGER_PIN, signInLive } from '../support/counter'
import { CHECK_IN_LABEL, expect, openSettings, test, type CounterFixture } from './fixtures'
import { shoot } from './screenshots'

const maya = { contactID: PERSONAS.member.contactID }

async function addCasey(counter: CounterFixture, pin = '5830') {
  await counter.services.api.addStaff({ name: 'Casey', role: 'budtender', pin, approval: PRACTICE_MANAGER_PIN })
}
async function signInAs(page: Page, name: string, pin: string) {
  await page.getByRole('button', { name: 'Switch budtender' }).click()
  const signIn = page.getByRole('region', { name: 'Who’s at the counter?' })
  await signIn.getByRole('button', { name }).click()
  await signIn.getByLabel(`PIN for ${name}`).fill(pin)
  await signIn.getByRole('button', { name: 'Sign in' }).click()
  return signIn
}

test('a budtender changes their own PIN: the current one first; then only the new one signs in', async ({ page, counter }) => {
  await addCasey(counter)
  await counter.open(page)
  await signInAs(page, 'Casey', '5830')
  await expect(page.getByLabel('Signed in')).toHaveText('Casey')

  await page.getByRole('button', { name: 'Change my PIN' }).click()
  const dialog = page.getByRole('dialog', { name: 'Change my PIN' })
  await dialog.getByLabel('Current PIN').fill('5831')
  await dialog.getByLabel('New PIN (4 digits)').fill('6041')
  await dialog.getByLabel('The new PIN again').fill('6041')
  await dialog.getByRole('button', { name: 'Change PIN' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('Wrong PIN. 4 tries left before it locks for 5 min.')
  // someone else's PIN is refused: a PIN names one person
  await dialog.getByLabel('Current PIN').fill('5830')
  await dialog.getByLabel('New PIN (4 digits)').fill('2222')
  await dialog.getByLabel('The new PIN again').fill('2222')
  await dialog.getByRole('button', { name: 'Change PIN' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('Someone else on the staff already uses this PIN. Choose another one.')
  await dialog.getByLabel('Current PIN').fill('5830')
  await dialog.getByLabel('New PIN (4 digits)').fill('6041')
  await dialog.getByLabel('The new PIN again').fill('6041')
  await shoot(page, 'change-my-pin')
  await dialog.getByRole('button', { name: 'Change PIN' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(page.getByRole('status').filter({ hasText: 'Your PIN is changed.' })).toBeVisible()

  const signIn = await signInAs(page, 'Casey', '5830')
  await expect(signIn.getByRole('alert')).toContainText('Wrong PIN')
  await signIn.getByLabel('PIN for Casey').fill('6041')
  await signIn.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByLabel('Signed in')).toHaveText('Casey')
})

test('a manager resets a budtender’s forgotten PIN in Settings → Staff, which also lifts the lock', async ({ page, counter }) => {
  await addCasey(counter)
  const casey = (await counter.services.api.getStaff({})).staff.find((m) => m.name === 'Casey')!
  for (let i = 0; i < 5; i++) await counter.services.api.signInBudtender({ staffId: casey.id, pin: '0000' }).catch(() => undefined)
  await counter.services.api.signInBudtender({ staffId: (await counter.services.api.getStaff({})).staff.find((m) => m.name === 'Alex')!.id, pin: '1111' })
  await counter.open(page)
  await openSettings(page)
  const row = page.getByRole('list', { name: 'Staff list' }).getByRole('listitem').filter({ hasText: 'Casey' })
  await expect(row).toContainText('PIN locked')
  await row.getByRole('button', { name: 'Reset PIN for Casey' }).click()
  const form = row.getByRole('form', { name: 'New PIN for Casey' })
  await form.getByLabel('New 4-digit PIN for Casey (they type it)').fill('7070')
  await shoot(page, 'reset-budtender-pin')
  await form.getByRole('button', { name: 'Set new PIN' }).click()
  await expect(row.getByRole('status')).toHaveText('Casey signs in with the new PIN now.')
  await expect(row).not.toContainText('PIN locked')

  await signInAs(page, 'Casey', '7070')
  await expect(page.getByLabel('Signed in')).toHaveText('Casey')
})

test.describe('a lost manager PIN', () => {
  // stopping the sandbox may cut a PUT under way; the queue then checks AIQ's list after this settle time
  test.use({ settleMs: 2000 })

  test('recovered with the AIQ account’s API key while awards wait; nothing is lost and they sync afterwards', async ({ page, counter }) => {
    test.setTimeout(90_000)
    const { sandbox, services } = counter
    await services.api.saveAccount({ uid: sandbox.uid, apiKey: sandbox.apiKey, baseUrl: sandbox.url, approval: PRACTICE_MANAGER_PIN })
    await signInLive(services) // the live account's first run: Rosa, the manager
    await sandbox.stop() // AIQ down: the awards wait
    const plus = await services.api.awardPoints({ customer: maya, customerName: 'Maya Lopez', value: 300, reason: 'Purchase' })
    const minus = await services.api.awardPoints({ customer: maya, customerName: 'Maya Lopez', value: -200, reason: 'Correction', approval: { pin: LIVE_MANAGER.pin } })

    await counter.open(page)
    await expect(page.getByLabel(CHECK_IN_LABEL)).toBeVisible()
    await expect(page.getByTestId('pending-count')).toHaveText('2')
    const signIn = await signInAs(page, 'Rosa', '1234') // nobody remembers it
    await expect(signIn.getByRole('alert')).toContainText('Wrong PIN')

    await signIn.getByRole('button', { name: 'Forgot the manager PIN?' }).click()
    const recover = page.getByRole('form', { name: 'Recover the manager PIN' })
    await expect(recover).toContainText('sent nowhere')
    await recover.getByLabel('AIQ API key').fill('not-the-key')
    await recover.getByLabel('New manager PIN (4 or 6 digits)').fill('205813')
    await recover.getByLabel('The same PIN again').fill('205813')
    await recover.getByRole('button', { name: 'Set the new manager PIN' }).click()
    await expect(recover.getByRole('alert')).toContainText('That is not the API key saved for this AIQ account.')
    await recover.getByLabel('AIQ API key').fill(sandbox.apiKey)
    await shoot(page, 'recover-manager-pin')
    await recover.getByRole('button', { name: 'Set the new manager PIN' }).click()
    await expect(page.getByLabel('Signed in')).toHaveText('Rosa (manager)')
    await expect(page.getByText('New manager PIN set. Rosa is signed in.')).toBeVisible()
    await expect(page.getByTestId('pending-count')).toHaveText('2') // nothing deleted

    // the new 6-digit PIN works (Rosa, signed in, opens Settings on her session: asked here directly)
    await expect(services.api.unlockSettings({ approval: { pin: '205813' } })).resolves.toMatchObject({ settingsPass: expect.any(String) })
    await sandbox.restart()
    await expect(page.getByTestId('pending-count')).toHaveText('0', { timeout: 45_000 })
    expect([plus, minus].map((e) => sandbox.ledger.filter((l) => l.note.includes(e.id)).map((l) => l.value))).toEqual([[300], [-200]])
  })
})

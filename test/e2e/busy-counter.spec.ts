// Issue 19 (items 3–8): what tripped a budtender on a busy day — a blocklisted customer shown as new, a typed award
// lost to the idle sign-out, a scan typed into a text box, Enter ignored in PIN boxes, a wrong balance after a
// redemption, and internal words on screen.
import type { Page } from '@playwright/test'
import { PERSONAS } from '../../electron/sandbox'
import { formatPhone } from '../../shared/phone'
import { PRACTICE_STAFF } from '../../shared/staff-rules'
import { PRACTICE_MANAGER_PIN, signInLive } from '../support/counter'
import { CHECK_IN_LABEL, expect, openSettings, test, trustedBurst } from './fixtures'

async function checkIn(page: Page, input: string) {
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(input)
  await field.press('Enter')
}

async function switchTo(page: Page, name: string) {
  await page.getByRole('button', { name: 'Switch budtender' }).click()
  const who = PRACTICE_STAFF.find((p) => p.name === name)!
  await page.getByRole('list', { name: 'Staff' }).getByRole('button', { name: new RegExp(`^${name}`) }).click()
  await page.getByLabel(`PIN for ${name}`).fill(who.pin)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByLabel(CHECK_IN_LABEL)).toBeVisible()
}

test.describe('a blocklisted customer (item 3)', () => {
  const jordan = PERSONAS.blocklisted

  test('is shown as blocklisted, never as new: no award, no signup, a manager sees why', async ({ page, counter }) => {
    await counter.open(page)
    await checkIn(page, jordan.phone)
    const card = page.getByRole('region', { name: 'Blocklisted customer' })
    await expect(card.getByRole('heading', { name: `${formatPhone(jordan.phone)} — on the blocklist` })).toBeVisible()
    await expect(card.getByRole('alert')).toHaveText('This customer is on your AIQ account’s blocklist: no points, rewards or signup at the counter.')
    await expect(page.getByRole('form', { name: /New customer/ })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Award points' })).toHaveCount(0)
    await expect(page.getByRole('button', { name: 'Sign up' })).toHaveCount(0)
    await expect(card).not.toContainText('Why')

    await switchTo(page, 'Morgan')
    await checkIn(page, jordan.phone)
    await expect(card.getByRole('heading', { name: 'Why (managers only)' })).toBeVisible()
    await expect(card).toContainText('marked blocklisted at AIQ')

    // main refuses too: a renderer that skips the card cannot sign them up on the existing contact
    await expect(
      counter.services.api.signUp({ phone: jordan.phone, firstName: 'J', lastName: 'B', email: '', loyalty: true, emailOptIn: false, sms: 'none', favoriteStoreID: null }),
    ).rejects.toThrow('blocklist')
  })
})

test('Enter submits the manager-PIN box and its old error goes as the PIN is typed; balance after is the card’s (items 6, 7)', async ({ page, counter }) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  await counter.open(page)
  await checkIn(page, PERSONAS.member.phone)
  await expect(page.getByRole('heading', { name: 'Maya Lopez', level: 2 })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Rewards' }).getByRole('button', { name: 'Redeem $5 off' })).toBeVisible()

  await page.getByRole('button', { name: 'Award points' }).click()
  let dialog = page.getByRole('dialog', { name: 'Award points — Maya Lopez' })
  await dialog.getByLabel('Points').fill('70')
  await dialog.getByLabel('Points').press('Enter')
  await dialog.getByRole('button', { name: 'Confirm award' }).press('Enter')
  await expect(dialog).toHaveCount(0)

  await page.getByRole('button', { name: 'Deduct points' }).click()
  dialog = page.getByRole('dialog', { name: 'Deduct points — Maya Lopez' })
  await dialog.getByLabel('Points').fill('50')
  await dialog.getByLabel('Reason', { exact: true }).selectOption('Correction')
  await dialog.getByLabel('Points').press('Enter')
  const pin = dialog.getByLabel('Manager PIN')
  await pin.press('Enter')
  await expect(dialog.getByRole('alert')).toHaveText('Ask a manager to type their 4-digit PIN.')
  await pin.pressSequentially('9')
  await expect(dialog.getByRole('alert')).toHaveCount(0)
  await pin.pressSequentially('999')
  await pin.press('Enter')
  await expect(dialog).toHaveCount(0)
  await expect(page.getByLabel('Points balance')).toContainText('1,270')

  await page.getByRole('region', { name: 'Rewards' }).getByRole('button', { name: 'Redeem $5 off' }).click()
  const redeem = page.getByRole('dialog', { name: 'Redeem $5 off — Maya Lopez' })
  await expect(redeem.getByRole('definition').nth(3)).toHaveText('1,170 points')
  await expect(redeem.getByLabel('POS transaction id')).toBeFocused()
  await redeem.getByLabel('POS transaction id').fill('TXN-2002')
  await redeem.getByLabel('POS transaction id').press('Enter')
  await expect(redeem.getByRole('status')).toContainText('Redeemed $5 off on POS transaction TXN-2002')
})

test('signed out for being idle mid-award: the dialog waits behind the sign-in and comes back, by whoever signs in (item 4)', async ({ page, counter }) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  await counter.open(page)
  await checkIn(page, PERSONAS.member.phone)
  await page.getByRole('button', { name: 'Award points' }).click()
  const dialog = page.getByRole('dialog', { name: 'Award points — Maya Lopez' })
  await dialog.getByLabel('Points').fill('40')
  await dialog.getByRole('button', { name: 'Review' }).click()
  await expect(dialog).toContainText('By Alex.')

  await counter.services.api.signOutBudtender({}) // what main's idle timer does
  const signInScreen = page.getByRole('region', { name: 'Who’s at the counter?' })
  await expect(signInScreen).toBeVisible()
  await expect(dialog).toBeHidden()

  await signInScreen.getByRole('button', { name: 'Jordan' }).click()
  await signInScreen.getByLabel('PIN for Jordan').fill('2222')
  await signInScreen.getByRole('button', { name: 'Sign in' }).click()
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('Award 40 points to Maya Lopez')
  await expect(dialog).toContainText('By Jordan.')
  await dialog.getByRole('button', { name: 'Confirm award' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved — will sync' })).toBeVisible()
  expect((await counter.services.api.listOutbox({})).entries).toMatchObject([{ value: 40, budtender: 'Jordan' }])
})

test('the points timeline says what and where, never the internal tag (item 8)', async ({ page, counter }) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  await counter.open(page)
  await checkIn(page, PERSONAS.member.phone)
  await page.getByRole('button', { name: 'Award points' }).click()
  const dialog = page.getByRole('dialog', { name: 'Award points — Maya Lopez' })
  await dialog.getByLabel('Points').fill('15')
  await dialog.getByRole('button', { name: 'Review' }).click()
  await dialog.getByRole('button', { name: 'Confirm award' }).click()
  await expect(page.getByTestId('pending-count')).toHaveText('0', { timeout: 20_000 })
  await expect.poll(() => counter.sandbox.ledger.filter((e) => e.value === 15 && e.note.includes('[aiqc:')).length).toBe(1)
  const note = counter.sandbox.ledger.find((e) => e.value === 15)!.note
  const counterName = /^\[aiqc:[^;\]]+;([^;\]]+)/.exec(note)?.[1] ?? 'this counter'
  await checkIn(page, PERSONAS.member.phone)
  const row = page.getByRole('region', { name: 'Points timeline' }).getByRole('row').filter({ hasText: '+15' })
  await expect(row).toContainText('Purchase')
  await expect(row).toContainText(counterName)
  await expect(row).not.toContainText('aiqc')
})

test('the Queue names the customer and their phone, never AIQ’s 32-character id (item 8)', async ({ page, counter }) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  counter.sandbox.faults.set({ kind: 'status', status: 400, match: { method: 'PUT', path: /\/adjust\/loyaltyPoints\// } })
  await counter.open(page)
  await checkIn(page, PERSONAS.member.phone)
  await page.getByRole('button', { name: 'Award points' }).click()
  const dialog = page.getByRole('dialog', { name: 'Award points — Maya Lopez' })
  await dialog.getByLabel('Points').fill('12')
  await dialog.getByRole('button', { name: 'Review' }).click()
  await dialog.getByRole('button', { name: 'Confirm award' }).click()
  // an award whose name the counter never had: its phone stands in, not the id
  await counter.services.api.awardPoints({ customer: { contactID: PERSONAS.optedOut.contactID, phone: PERSONAS.optedOut.phone }, customerName: '', value: 7, reason: 'Purchase' })

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click()
  const maya = page.getByRole('row', { name: /^Maya Lopez, \+12 points/ })
  await expect(maya).toContainText('Failed')
  await expect(maya.getByRole('cell').first()).toHaveText(`Maya Lopez${formatPhone(PERSONAS.member.phone)}`)
  const devon = page.getByRole('row', { name: `${formatPhone(PERSONAS.optedOut.phone)}, +7 points` })
  await expect(devon).toBeVisible()
  const table = page.getByRole('table', { name: 'Awards waiting for AIQ' })
  await expect(table).not.toContainText(PERSONAS.member.contactID)
  await expect(table).not.toContainText(PERSONAS.optedOut.contactID)
})

test('the shift report names a customer this counter knew only by phone, from AIQ’s row (item 8)', async ({ page, counter }) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  const queued = await counter.services.api.awardPoints({ customer: { phone: PERSONAS.member.phone }, customerName: '', value: 9, reason: 'Purchase' })
  await expect.poll(async () => (await counter.services.api.listOutbox({})).entries.find((e) => e.id === queued.id)?.state).toBe('synced')
  await counter.open(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Shift report' }).click()
  const local = page.getByRole('table', { name: 'This counter’s awards' })
  const row = local.getByRole('row').filter({ hasText: '+9' })
  await expect(row).toContainText('Synced')
  await expect(row.getByRole('cell').nth(1)).toHaveText('Maya Lopez')
  const aiq = page.getByRole('table', { name: 'AIQ’s adjustments' })
  await expect(aiq.getByRole('row').filter({ hasText: '+9' }).getByRole('cell').nth(1)).toHaveText('Maya Lopez')
  await expect(page.getByRole('region', { name: 'Shift report — today' })).not.toContainText(PERSONAS.member.phone)
})

test('a customer’s saved details read in the budtender’s words and change only with a manager’s PIN, a rule in Settings (item 8)', async ({ page, counter }) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  const maya = PERSONAS.member
  const before = (await counter.services.api.getTraits({ contactID: maya.contactID })).traits.find((t) => t.key === 'favoriteCategory')!.value
  await counter.open(page)
  await checkIn(page, maya.phone)
  const traits = page.getByRole('region', { name: 'Custom attributes' })
  await expect(traits.getByRole('rowheader', { name: 'Favourite category' })).toBeVisible()
  await expect(traits).not.toContainText('favoriteCategory')
  await expect(page.getByRole('region', { name: 'Saved customer details' })).toBeVisible()
  await expect(page.getByText('Permanent overrides')).toHaveCount(0)

  await traits.getByRole('button', { name: 'Edit attribute Favourite category' }).click()
  const value = traits.getByLabel('Attribute value for Favourite category')
  await value.fill('Edibles and more')
  await value.press('Enter')
  await expect(traits.getByRole('alert')).toHaveText('Ask a manager to type their 4-digit PIN.')
  expect((await counter.services.api.getTraits({ contactID: maya.contactID })).traits).toContainEqual({ key: 'favoriteCategory', value: before })
  const pin = traits.getByLabel('Manager PIN')
  await pin.pressSequentially(PRACTICE_STAFF.find((p) => p.role === 'manager')!.pin)
  await expect(traits.getByRole('alert')).toHaveCount(0)
  await pin.press('Enter')
  await expect(traits.getByRole('row', { name: /Favourite category/ })).toContainText('Edibles and more')
  expect((await counter.services.api.getTraits({ contactID: maya.contactID })).traits).toContainEqual({ key: 'favoriteCategory', value: 'Edibles and more' })

  await openSettings(page)
  await expect(page.getByRole('form', { name: 'Counter rules' }).getByRole('checkbox', { name: /Changing a customer’s saved details .* needs the manager’s PIN/ })).toBeChecked()
})

test('a signed-in manager opens Settings on their session; a change that grants power still asks the PIN; a budtender still types it (item 8)', async ({ page, counter }) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  await counter.open(page)
  await switchTo(page, 'Morgan')
  const nav = page.getByRole('navigation', { name: 'Main' })
  await nav.getByRole('button', { name: 'Settings' }).click()
  const rules = page.getByRole('form', { name: 'Counter rules' })
  await expect(rules).toBeVisible()
  await expect(page.getByRole('form', { name: 'Settings are locked' })).toHaveCount(0)
  await rules.getByRole('button', { name: 'Apply rules' }).click()
  await expect(page.getByRole('dialog', { name: 'Manager PIN for this change' })).toBeVisible()
  await page.getByRole('dialog', { name: 'Manager PIN for this change' }).getByRole('button', { name: 'Cancel' }).click()

  await switchTo(page, 'Alex')
  await nav.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('form', { name: 'Settings are locked' })).toBeVisible()
  await expect(rules).toHaveCount(0)
  await expect(counter.services.api.unlockSettings({})).rejects.toMatchObject({ code: 'needs_manager' })
})

test.describe('the other PIN forms: Enter submits, and an error goes as soon as the input changes (item 6)', () => {
  test('Change my PIN, and adding and resetting staff in Settings', async ({ page, counter }) => {
    await page.setViewportSize({ width: 1366, height: 768 })
    await counter.open(page)
    await page.getByRole('button', { name: 'Change my PIN' }).click()
    const dialog = page.getByRole('dialog', { name: 'Change my PIN' })
    await dialog.getByLabel('Current PIN').fill('1111')
    await dialog.getByLabel('New PIN (4 digits)').fill('6041')
    await dialog.getByLabel('The new PIN again').fill('604')
    await dialog.getByLabel('The new PIN again').press('Enter')
    await expect(dialog.getByRole('alert')).toHaveText('The two new PINs differ. Type it again.')
    await dialog.getByLabel('The new PIN again').pressSequentially('1')
    await expect(dialog.getByRole('alert')).toHaveCount(0)
    await dialog.getByRole('button', { name: 'Cancel' }).click()

    await openSettings(page)
    const add = page.getByRole('form', { name: 'Add staff' })
    await add.getByLabel('Name').fill('Casey')
    const pin = add.getByLabel('Their 4-digit PIN (they type it)')
    await pin.fill('58')
    await pin.press('Enter')
    await expect(add.getByRole('alert')).toHaveText('A budtender’s PIN is 4 digits.')
    await pin.pressSequentially('3')
    await expect(add.getByRole('alert')).toHaveCount(0)
    await pin.pressSequentially('0')
    await pin.press('Enter')
    await expect(add.getByRole('status')).toHaveText('Casey can sign in now.')

    await page.getByRole('button', { name: 'Reset PIN for Casey' }).click()
    const reset = page.getByRole('form', { name: 'New PIN for Casey' })
    const next = reset.getByLabel('New 4-digit PIN for Casey (they type it)')
    await next.fill('2222') // Jordan's: a PIN names one person
    await next.press('Enter')
    const row = page.getByRole('listitem').filter({ has: reset })
    await expect(row.getByRole('alert')).toBeVisible()
    await next.pressSequentially('1')
    await expect(row.getByRole('alert')).toHaveCount(0)
  })

  test('the manager-PIN recovery', async ({ page, counter }) => {
    await page.setViewportSize({ width: 1366, height: 768 })
    const { sandbox, services } = counter
    await services.api.saveAccount({ uid: sandbox.uid, apiKey: sandbox.apiKey, baseUrl: sandbox.url, approval: PRACTICE_MANAGER_PIN })
    await signInLive(services)
    await counter.open(page)
    await page.getByRole('button', { name: 'Switch budtender' }).click()
    await page.getByRole('region', { name: 'Who’s at the counter?' }).getByRole('button', { name: 'Forgot the manager PIN?' }).click()
    const recover = page.getByRole('form', { name: 'Recover the manager PIN' })
    await recover.getByLabel('New manager PIN (4 or 6 digits)').fill('205813')
    await recover.getByLabel('The same PIN again').fill('205813')
    await recover.getByLabel('The same PIN again').press('Enter')
    await expect(recover.getByRole('alert')).toHaveText('Paste the AIQ API key.')
    await recover.getByLabel('AIQ API key').pressSequentially('x')
    await expect(recover.getByRole('alert')).toHaveCount(0)
    await recover.getByLabel('AIQ API key').press('Enter')
    await expect(recover.getByRole('alert')).toContainText('not the API key')
  })
})

test('a scan within ¼ s of typing in a profile text box checks the scanned customer in; the box keeps what was typed, nothing is saved (item 5)', async ({ page, counter }) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  await counter.open(page)
  await checkIn(page, PERSONAS.pending.phone)
  await expect(page.getByRole('heading', { name: 'Priya Shah', level: 2 })).toBeVisible()
  const name = page.getByLabel('New attribute name')
  await name.click()
  const priyasBox = await name.elementHandle() // Maya's profile brings a box of its own
  await page.keyboard.type('favourite', { delay: 60 })
  await trustedBurst(page, PERSONAS.member.phone) // within ¼ s of the last typed key, its Enter with it
  await expect(page.getByRole('heading', { name: 'Maya Lopez', level: 2 })).toBeVisible()
  expect(await priyasBox!.evaluate((el) => (el as HTMLInputElement).value)).toBe('favourite')
  await page.waitForTimeout(300) // a submitted form would have reached AIQ by now
  for (const who of [PERSONAS.pending, PERSONAS.member]) {
    expect(counter.sandbox.data.traits(who.contactID).map((t) => t.key).filter((k) => k.startsWith('favourite'))).toEqual([])
  }
})

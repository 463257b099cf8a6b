// Issue 20: the customer's own screen, a second page of the same app beside the counter's. It shows the first name
// and points only; the customer types their own phone and chooses texts themselves; each choice is a ledger row
// against the disclosure's hash; the page is bound to the run's token and cannot reach the counter's methods.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { PERSONAS, UNKNOWN_PHONE } from '../../electron/sandbox'
import { formatPhone } from '../../shared/phone'
import { PRACTICE_MANAGER_PIN } from '../support/counter'
import { CHECK_IN_LABEL, expect, openSettings, test, type CounterFixture } from './fixtures'
import { shoot } from './screenshots'

async function openCustomerScreen(counter: CounterFixture, page: Page): Promise<Page> {
  const screen = await page.context().newPage()
  await screen.addInitScript({ content: counter.bridge.customerClientScript })
  await screen.goto(counter.bridge.customerUrl)
  await expect(screen.getByRole('region', { name: 'Welcome' })).toBeVisible()
  // the counter learns the customer screen is open
  await expect(page.getByRole('button', { name: 'Customer screen (open)' })).toBeVisible()
  return screen
}

async function checkIn(page: Page, input: string) {
  const field = page.getByLabel(CHECK_IN_LABEL)
  await field.fill(input)
  await field.press('Enter')
}

async function typeOnKeypad(screen: Page, phone: string) {
  const keypad = screen.getByRole('group', { name: 'Keypad' })
  for (const d of phone) await keypad.getByRole('button', { name: d, exact: true }).click()
  await keypad.getByRole('button', { name: 'Done' }).click()
}

test('idle, then after check-in the first name and points only: no last name, phone or email', async ({ page, counter }) => {
  await counter.open(page)
  const screen = await openCustomerScreen(counter, page)
  await expect(screen.getByText('Earn points: tell us your phone')).toBeVisible()

  const m = PERSONAS.member
  await checkIn(page, m.phone)
  await expect(screen.getByRole('heading', { name: `Hi ${m.firstName}` })).toBeVisible()
  await expect(screen.getByTestId('customer-points')).toHaveText('1,250')
  // the rewards panel on the counter adds the unlocked rewards' names
  await expect(page.getByRole('region', { name: 'Rewards' }).getByRole('button', { name: /^Redeem/ }).first()).toBeVisible()
  await expect(screen.getByRole('heading', { name: 'Rewards you can use today' })).toBeVisible()
  const text = (await screen.locator('body').innerText()).toLowerCase()
  for (const secret of [m.lastName, m.phone, formatPhone(m.phone), m.phone.slice(-4), m.email!])
    expect(text, `the customer screen shows ${secret}`).not.toContain(secret.toLowerCase())

  // Esc in the empty field: next customer, and the customer screen is idle again
  await page.getByLabel(CHECK_IN_LABEL).fill('')
  await page.getByLabel(CHECK_IN_LABEL).press('Escape')
  await expect(screen.getByRole('region', { name: 'Welcome' })).toBeVisible()
})

test('"Yes, text me offers" on the customer screen: one opt-in request, one ledger row with the disclosure hash', async ({ page, counter }) => {
  await counter.open(page)
  const screen = await openCustomerScreen(counter, page)
  await checkIn(page, UNKNOWN_PHONE)
  const form = page.getByRole('form', { name: `New customer — ${formatPhone(UNKNOWN_PHONE)}` })
  await form.getByLabel('First name').fill('Nia')
  await form.getByLabel('Last name').fill('Okafor')
  await form.getByRole('button', { name: 'Ask on the customer screen' }).click()
  await expect(form.getByRole('status').filter({ hasText: 'Waiting for the customer…' })).toBeVisible()
  await expect(form.getByRole('button', { name: 'Cancel' })).toBeVisible()

  await typeOnKeypad(screen, UNKNOWN_PHONE)
  const sms = screen.getByRole('region', { name: 'Text messages' })
  await expect(sms).toContainText(formatPhone(UNKNOWN_PHONE))
  await expect(sms).toContainText('Consent is not a condition of purchase')
  // both answers the same size, neither chosen
  const yes = sms.getByRole('button', { name: 'Yes, text me offers' })
  const no = sms.getByRole('button', { name: 'No thanks' })
  const [by, bn] = [await yes.boundingBox(), await no.boundingBox()]
  expect(by!.width).toBeCloseTo(bn!.width, 0)
  expect(by!.height).toBeCloseTo(bn!.height, 0)
  expect(by!.height).toBeGreaterThanOrEqual(44)
  await yes.click()
  await expect(screen.getByRole('region', { name: 'Thank you' })).toBeVisible()
  // the choice reaches the counter within a second
  await expect(form.getByRole('status', { name: 'The customer’s answer' })).toContainText('Yes, text me offers', { timeout: 1000 })

  await form.getByRole('radio', { name: 'Yes, join loyalty' }).check()
  await form.getByRole('button', { name: 'Sign up' }).click()
  await expect(page.getByRole('heading', { name: 'Nia Okafor', level: 2 })).toBeVisible()
  expect(counter.sandbox.smsRequests.filter((r) => r.phone === UNKNOWN_PHONE)).toHaveLength(1)

  const { disclosure } = await counter.services.api.getConsentSettings({})
  expect(disclosure.sha256).toBe(createHash('sha256').update(disclosure.text, 'utf8').digest('hex'))
  const { consents } = await counter.services.api.listConsents({ from: 0, to: Date.now() + 60_000 })
  expect(consents).toEqual([
    expect.objectContaining({ channel: 'sms', choice: 'yes', givenBy: 'customer_screen', disclosureVersion: disclosure.version, disclosureSha256: disclosure.sha256, budtender: 'Alex', phoneMasked: '(•••) •••-0199' }),
  ])
  expect(JSON.stringify(consents)).not.toContain(UNKNOWN_PHONE)
})

test('"No thanks" sends no text and writes a row; a different number typed by the customer is shown to both', async ({ page, counter }) => {
  await counter.open(page)
  const screen = await openCustomerScreen(counter, page)
  await checkIn(page, UNKNOWN_PHONE)
  const form = page.getByRole('form', { name: /New customer/ })
  await form.getByLabel('First name').fill('Bo')
  await form.getByRole('button', { name: 'Ask on the customer screen' }).click()
  const theirs = '3035550198'
  await typeOnKeypad(screen, theirs)
  await expect(screen.getByRole('note')).toContainText('not the one your budtender typed')
  await expect(form.getByRole('alert')).toContainText(`The customer typed ${formatPhone(theirs)}`)
  await screen.getByRole('button', { name: 'No thanks' }).click()
  await expect(form.getByRole('status', { name: 'The customer’s answer' })).toContainText('No thanks', { timeout: 1000 })
  await form.getByRole('radio', { name: 'No loyalty' }).check()
  await form.getByRole('button', { name: 'Sign up' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Signed up Bo — no texts.' })).toBeVisible()
  expect(counter.sandbox.smsRequests).toEqual([])
  const { consents } = await counter.services.api.listConsents({ from: 0, to: Date.now() + 60_000 })
  expect(consents).toEqual([expect.objectContaining({ channel: 'sms', choice: 'no', givenBy: 'customer_screen', phoneMasked: '(•••) •••-0198' })])
})

test('without a customer screen nothing is preselected and the row says it was the budtender, on the customer’s word', async ({ page, counter }) => {
  await counter.open(page)
  await checkIn(page, UNKNOWN_PHONE)
  const form = page.getByRole('form', { name: /New customer/ })
  const sms = form.getByRole('group', { name: 'Text messages (SMS)' })
  await expect(sms.getByRole('radio', { name: 'Text to confirm (double opt-in)' })).not.toBeChecked()
  await expect(sms.getByRole('radio', { name: 'No texts' })).not.toBeChecked()
  await expect(form.getByRole('button', { name: 'Ask on the customer screen' })).toHaveCount(0)
  await form.getByLabel('First name').fill('Ana')
  await form.getByRole('radio', { name: 'Yes, join loyalty' }).check()
  await form.getByRole('button', { name: 'Sign up' }).click()
  await expect(form.getByRole('alert')).toContainText('offers by text')
  await sms.getByRole('radio', { name: 'Text to confirm (double opt-in)' }).check()
  await form.getByRole('button', { name: 'Sign up' }).click()
  await expect(page.getByRole('heading', { name: 'Ana', level: 2 })).toBeVisible()
  expect(counter.sandbox.smsRequests.filter((r) => r.phone === UNKNOWN_PHONE)).toHaveLength(1)
  const { consents } = await counter.services.api.listConsents({ from: 0, to: Date.now() + 60_000 })
  expect(consents).toEqual([expect.objectContaining({ channel: 'sms', choice: 'yes', givenBy: 'budtender' })])
})

test('the customer page needs its own token, and that token reaches none of the counter’s methods', async ({ counter, request }) => {
  const { origin, token, customerToken } = counter.bridge
  for (const path of ['/customer', '/customer.html', `/customer?token=${token}`, `/customer?token=${customerToken}x`])
    expect((await request.get(origin + path)).status(), path).toBe(403)
  expect((await request.get(counter.bridge.customerUrl)).status()).toBe(200)
  // the customer token on the counter's methods: refused
  for (const header of ['x-customer-token', 'x-counter-token']) {
    const res = await request.post(`${origin}/__bridge/rpc/checkIn`, { headers: { [header]: customerToken }, data: { input: PERSONAS.member.phone } })
    expect(res.status(), header).toBe(403)
  }
  // a counter method named on the customer's route: unknown there
  const res = await request.post(`${origin}/__bridge/customer/rpc/checkIn`, { headers: { 'x-customer-token': customerToken }, data: { input: PERSONAS.member.phone } })
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Unknown action "checkIn".' } })
  // and the customer's own call without the token
  expect((await request.post(`${origin}/__bridge/customer/rpc/getCustomerView`, { data: {} })).status()).toBe(403)
  expect((await request.get(`${origin}/__bridge/customer/events`)).status()).toBe(403)
})

test('a manager edits the disclosure in Settings (a new version, with its hash); the day’s consents show there and in the shift report, and export as CSV', async ({ page, counter }) => {
  test.setTimeout(90_000)
  await counter.open(page)
  await openSettings(page)
  const section = page.getByRole('region', { name: 'Texts and consent' })
  await expect(section.getByRole('heading', { name: /version 1 of 1/ })).toBeVisible()
  await section.getByLabel('Store name (on the customer screen and in the disclosure)').fill('Green Leaf')
  await section.getByLabel('Terms (a link or words)').fill('greenleaf.example/terms')
  await section.getByRole('button', { name: 'Save texts and consent' }).click()
  await expect(section.getByRole('heading', { name: /version 2 of 2/ })).toBeVisible()
  await expect(section.getByTestId('disclosure-text')).toContainText('Green Leaf may send recurring automated marketing text messages')
  const { disclosure } = await counter.services.api.getConsentSettings({})
  expect(disclosure).toMatchObject({ version: 2, sha256: createHash('sha256').update(disclosure.text, 'utf8').digest('hex') })

  // a signup on the budtender's word records version 2
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Check-in' }).click()
  await checkIn(page, UNKNOWN_PHONE)
  const form = page.getByRole('form', { name: /New customer/ })
  await form.getByLabel('First name').fill('Ana')
  await form.getByRole('radio', { name: 'No loyalty' }).check()
  await form.getByRole('radio', { name: 'No texts' }).check()
  await form.getByRole('button', { name: 'Sign up' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Signed up Ana — no texts.' })).toBeVisible()

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Shift report' }).click()
  const inReport = page.getByRole('region', { name: 'Consents given today' })
  await expect(inReport.getByRole('row')).toHaveCount(2)
  await expect(inReport.getByRole('row').nth(1)).toContainText('(•••) •••-0199')
  await expect(inReport.getByRole('row').nth(1)).toContainText('budtender, on the customer’s word')

  await openSettings(page)
  const list = page.getByRole('region', { name: 'Consents given today' })
  await expect(list.getByRole('row').nth(1)).toContainText('v2')
  const [download] = await Promise.all([page.waitForEvent('download'), list.getByRole('button', { name: 'Export consents (CSV)' }).click()])
  expect(download.suggestedFilename()).toMatch(/^consents-\d{4}-\d{2}-\d{2}\.csv$/)
  const csv = readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n')
  expect(csv[0]).toBe('id,aiq_time,counter_time,phone_masked,phone_hash,channel,choice,disclosure_version,disclosure_sha256,counter,budtender,given_by')
  expect(csv).toHaveLength(2)
  expect(csv[1]).toContain(`,sms,no,2,${disclosure.sha256},`)
  expect(csv[1]).toContain(',Alex,budtender')
  expect(csv.join('\n')).not.toContain(UNKNOWN_PHONE)
})

async function seriousViolations(page: Page): Promise<string[]> {
  const out: string[] = []
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    const { violations } = await new AxeBuilder({ page }).analyze()
    for (const v of violations) if (v.impact === 'serious' || v.impact === 'critical') out.push(`${scheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)
  }
  await page.emulateMedia({ colorScheme: 'light' })
  return out
}

for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 768 }]) {
  test(`every customer screen state at ${size.width}×${size.height}: fits, targets ≥ 44 px, axe clean, screenshots in both themes`, async ({ page, counter }) => {
    test.setTimeout(120_000)
    await counter.services.api.saveConsentSettings({ storeName: 'Green Leaf', programName: 'Leaf Rewards', terms: 'greenleaf.example/terms', doubleOptIn: true, askDataRetention: true, approval: PRACTICE_MANAGER_PIN })
    await counter.open(page)
    const screen = await openCustomerScreen(counter, page)
    await screen.setViewportSize(size)
    const found: string[] = []
    const state = async (name: string) => {
      const fits = await screen.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth)
      expect(fits, `${name} fits without scrolling`).toBe(true)
      for (const b of await screen.getByRole('button').all()) {
        const box = (await b.boundingBox())!
        expect(Math.min(box.width, box.height), `${name}: ${await b.innerText()}`).toBeGreaterThanOrEqual(44)
      }
      found.push(...(await seriousViolations(screen)).map((v) => `${name} — ${v}`))
      await shoot(screen, `customer-screen-${name}-${size.width}x${size.height}`)
    }
    await state('idle')
    await checkIn(page, PERSONAS.member.phone)
    await expect(screen.getByRole('heading', { name: 'Rewards you can use today' })).toBeVisible()
    await state('customer')

    await checkIn(page, UNKNOWN_PHONE)
    const form = page.getByRole('form', { name: /New customer/ })
    await form.getByLabel('First name').fill('Nia')
    await form.getByRole('button', { name: 'Ask on the customer screen' }).click()
    await expect(screen.getByRole('region', { name: 'Keeping your details' })).toBeVisible()
    await state('keeping-details')
    await screen.getByRole('button', { name: 'Yes, keep my details' }).click()
    const keypad = screen.getByRole('group', { name: 'Keypad' })
    for (const d of '30355501') await keypad.getByRole('button', { name: d, exact: true }).click()
    await expect(screen.getByLabel('Phone typed')).toHaveText('(303) 555-01')
    await state('keypad')
    for (const d of '98') await keypad.getByRole('button', { name: d, exact: true }).click()
    await keypad.getByRole('button', { name: 'Done' }).click()
    await expect(screen.getByRole('note')).toBeVisible()
    await shoot(page, `customer-screen-counter-mismatch-${size.width}x${size.height}`)
    await state('texts-mismatch')
    await screen.getByRole('button', { name: 'No thanks' }).click()
    await expect(screen.getByRole('region', { name: 'Thank you' })).toBeVisible()
    await state('thanks')
    expect(found).toEqual([])
    // both choices went to the ledger: data retention against the counter's number, texts against the customer's
    const { consents } = await counter.services.api.listConsents({ from: 0, to: Date.now() + 60_000 })
    expect(consents.map((c) => [c.channel, c.choice, c.phoneMasked])).toEqual([
      ['data_retention', 'yes', '(•••) •••-0199'],
      ['sms', 'no', '(•••) •••-0198'],
    ])
  })
}

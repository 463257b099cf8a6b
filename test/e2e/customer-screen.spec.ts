// Issue 20: the customer's own screen, a second page of the same app beside the counter's. It shows the first name
// and points only; the customer types their own phone and chooses texts themselves; each choice is a ledger row
// against the disclosure's hash; the page is bound to the run's token and cannot reach the counter's methods.
import { createHash } from 'node:crypto'
import type { Page } from '@playwright/test'
import { PERSONAS, UNKNOWN_PHONE } from '../../electron/sandbox'
import { formatPhone } from '../../shared/phone'
import { CHECK_IN_LABEL, expect, test, type CounterFixture } from './fixtures'

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

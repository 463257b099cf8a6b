// Settings and first run (issue 3, item 2): two paths on first run, training mode unmistakable everywhere,
// connecting a real account (the sandbox stands in for AIQ), testing it, saving it, signing out.
import { CHECK_IN_LABEL, expect, LIVE_MANAGER, openSettings, pinAgain, setUpManager, signIn, test } from './fixtures'
import { shoot } from './screenshots'
import { PRACTICE_MANAGER_PIN } from '../support/counter'

const NAV = ['Check-in', 'Search', 'Queue', 'Shift report', 'Settings']

test.describe('first run', () => {
  test.use({ mode: 'unconfigured' })

  test('offers both paths; training mode starts at once', async ({ page, counter }) => {
    await counter.open(page)
    await expect(page.getByRole('heading', { name: 'Welcome to AIQ Counter' })).toBeVisible()
    await expect(page.getByRole('button', { name: /Connect an AIQ account/ })).toBeVisible()
    const practise = page.getByRole('button', { name: /Practise in training mode/ })
    await expect(practise).toBeVisible()
    // nothing to check in against yet
    await expect(page.getByLabel(CHECK_IN_LABEL)).toHaveCount(0)
    await shoot(page, 'first-run')

    await practise.click()
    await expect(page.getByRole('note', { name: 'Training mode' })).toBeVisible()
    await signIn(page) // a practice budtender, with the PIN the screen shows (issue 13)
    await expect(page.getByLabel(CHECK_IN_LABEL)).toBeFocused()
    expect((await counter.services.api.getStatus({})).mode).toBe('training')
  })

  test('connect the account: test says connected / key rejected / can\'t reach; Save goes live; Sign out returns to first run', async ({ page, counter }) => {
    const { sandbox } = counter
    await counter.open(page)
    await page.getByRole('button', { name: /Connect an AIQ account/ }).click()

    const uid = page.getByLabel('AIQ account ID')
    const key = page.getByLabel('API key')
    const url = page.getByLabel('Server URL')
    const result = page.getByRole('status').filter({ hasText: /Connected|Key rejected|Can't reach AIQ/ })
    await uid.fill(sandbox.uid)
    await key.fill(sandbox.apiKey)
    await expect(key).toHaveAttribute('type', 'password')
    await page.getByText('Advanced').click()
    await url.fill(sandbox.url)

    await page.getByRole('button', { name: 'Test connection' }).click()
    await expect(result).toContainText('Connected')

    await key.fill('not-the-key')
    await page.getByRole('button', { name: 'Test connection' }).click()
    await expect(result).toContainText('Key rejected')

    await key.fill(sandbox.apiKey)
    await url.fill('http://127.0.0.1:9')
    await page.getByRole('button', { name: 'Test connection' }).click()
    await expect(result).toContainText("Can't reach AIQ")

    await url.fill(sandbox.url)
    await page.getByRole('button', { name: 'Save' }).click()
    // a live account's first run asks for the manager's PIN before anything else (issue 13)
    await shoot(page, 'manager-setup')
    await setUpManager(page)
    await expect(page.getByLabel(CHECK_IN_LABEL)).toBeVisible()
    await expect(page.getByText(`AIQ account ${sandbox.uid}`).first()).toBeVisible()
    await expect(page.getByRole('note', { name: 'Training mode' })).toHaveCount(0)
    const live = await counter.services.api.getStatus({})
    expect(live).toMatchObject({ mode: 'live', uid: sandbox.uid, baseUrl: sandbox.url })

    // the key is never shown back: only that it is saved
    await openSettings(page, LIVE_MANAGER.pin)
    await expect(page.getByText("Key saved in this computer's keychain")).toBeVisible()
    await expect(page.getByLabel('API key')).toHaveValue('')
    await expect(page.getByLabel('AIQ account ID')).toHaveValue(sandbox.uid)
    await shoot(page, 'settings-live')
    // a saved account can be tested without typing the key again
    await page.getByRole('button', { name: 'Test connection' }).click()
    await expect(result).toContainText('Connected')

    await page.getByRole('button', { name: 'Sign out' }).click()
    const confirm = page.getByRole('dialog', { name: 'Sign out of AIQ?' })
    await expect(confirm).toBeVisible()
    await expect(confirm).toContainText('keychain')
    // Esc keeps us signed in
    await page.keyboard.press('Escape')
    await expect(confirm).toHaveCount(0)
    expect((await counter.services.api.getStatus({})).mode).toBe('live')
    await page.getByRole('button', { name: 'Sign out' }).click()
    await confirm.getByRole('button', { name: 'Sign out' }).click()
    await pinAgain(page, LIVE_MANAGER.pin)
    await expect(page.getByRole('heading', { name: 'Welcome to AIQ Counter' })).toBeVisible()
    expect((await counter.services.api.getStatus({})).mode).toBe('unconfigured')
    // signing out deleted the key: a test with the saved key is refused
    await expect(counter.services.api.testConnection({ uid: sandbox.uid })).rejects.toThrow(/API key/)
  })
})

test('training mode is unmistakable on every screen', async ({ page, counter }) => {
  await counter.open(page)
  const nav = page.getByRole('navigation', { name: 'Main' })
  for (const name of NAV) {
    await nav.getByRole('button', { name }).click()
    await expect(page.getByRole('main', { name })).toBeVisible()
    await expect(page.getByRole('note', { name: 'Training mode' })).toBeVisible()
    await expect(page.getByRole('note', { name: 'Training mode' })).toContainText('TRAINING MODE')
  }
  await shoot(page, 'settings-training')
})

test('plain http to another computer is refused with the reason; nothing is saved (issue 10, item 2)', async ({ page, counter }) => {
  await counter.open(page)
  await openSettings(page)
  await page.getByLabel('AIQ account ID').fill('4242')
  await page.getByLabel('API key').fill('real-key')
  await page.getByText('Advanced').click()
  await page.getByLabel('Server URL').fill('http://lab.alpineiq.com')
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByRole('alert')).toContainText('must start with https://')
  await expect(page.getByRole('alert')).toContainText('never sent unencrypted')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('alert')).toContainText('must start with https://')
  // main refuses it too, for a caller that skips the form
  await expect(counter.services.api.saveAccount({ uid: '4242', apiKey: 'real-key', baseUrl: 'http://lab.alpineiq.com', approval: PRACTICE_MANAGER_PIN })).rejects.toThrow(/https:\/\//)
  expect((await counter.services.api.getStatus({})).mode).toBe('training')
})

test('leaving an account with awards still waiting says how many and for which account, then asks (issue 10, item 9)', async ({ page, counter }) => {
  const { sandbox, services } = counter
  await sandbox.stop()
  for (const value of [5, 6]) await services.api.awardPoints({ customer: { phone: '3035550100' }, customerName: 'Maya', value, reason: 'Purchase', budtender: 'Alex' })
  await counter.open(page)
  await openSettings(page)
  await page.getByRole('button', { name: 'Leave training mode' }).click()
  const confirm = page.getByRole('dialog', { name: 'Leave training mode?' })
  await expect(confirm).toContainText("2 awards given in training mode haven't reached AIQ yet.")
  await expect(confirm).toContainText('sent only when training mode is connected again')
  await confirm.getByRole('button', { name: 'Leave training mode' }).click()
  await pinAgain(page)
  await expect(page.getByRole('heading', { name: 'Welcome to AIQ Counter' })).toBeVisible()
  const after = await services.api.getStatus({})
  expect(after.outbox.otherAccounts).toEqual([{ account: `training:${sandbox.uid}`, label: 'training mode', waiting: 2 }])
})

test('connecting another account while practice awards wait asks first, in main\'s words', async ({ page, counter }) => {
  const { sandbox, services } = counter
  await sandbox.stop()
  await services.api.awardPoints({ customer: { phone: '3035550100' }, customerName: 'Maya', value: 7, reason: 'Purchase', budtender: 'Alex' })
  const real = await (await import('../../electron/sandbox')).startSandbox({ port: 0, accounts: [{ uid: '4242', apiKey: 'real-key' }] })
  try {
    await counter.open(page)
    await openSettings(page)
    await page.getByLabel('AIQ account ID').fill('4242')
    await page.getByLabel('API key').fill('real-key')
    await page.getByText('Advanced').click()
    await page.getByLabel('Server URL').fill(real.url)
    await page.getByRole('button', { name: 'Save' }).click()
    await pinAgain(page)
    const ask = page.getByRole('dialog', { name: 'Connect another account?' })
    await expect(ask).toContainText("1 award given in training mode hasn't reached AIQ yet.")
    expect((await services.api.getStatus({})).mode).toBe('training')
    await ask.getByRole('button', { name: 'Connect anyway' }).click()
    await expect(page.getByText('Live · AIQ account 4242')).toBeVisible()
    expect(real.ledger).toHaveLength(0)
  } finally {
    await real.close()
  }
})

test('the account form says what is wrong before sending anything', async ({ page, counter }) => {
  await counter.open(page)
  await openSettings(page)
  await page.getByLabel('AIQ account ID').fill('abc')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('alert')).toContainText('account id is a number')
  await page.getByLabel('AIQ account ID').fill('1000')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('alert')).toContainText('Enter the API key')
  expect((await counter.services.api.getStatus({})).mode).toBe('training')
})

test('customer directory: size and last refresh, Clear, Refresh now with live progress, switched off keeps nothing', async ({ page, counter }) => {
  const { services, sandbox } = counter
  const directory = async () => (await services.api.getStatus({})).directory
  await expect.poll(async () => (await directory()).lastFullRefreshAt, { timeout: 15_000 }).not.toBeNull()
  const { size } = await directory()
  expect(size).toBeGreaterThan(100)

  await counter.open(page)
  await openSettings(page)
  const section = page.getByRole('region', { name: 'Customer directory' })
  const onOff = section.getByRole('switch', { name: 'Keep customers for offline check-in' })
  await expect(onOff).toHaveAttribute('aria-checked', 'true')
  await expect(section).toContainText(`${size.toLocaleString('en-US')} customers kept for offline check-in`)
  await expect(section.getByRole('definition').nth(1)).not.toHaveText('Never')

  // Clear asks first
  await section.getByRole('button', { name: 'Clear' }).click()
  const clear = page.getByRole('dialog', { name: 'Clear the customer directory?' })
  await clear.getByRole('button', { name: 'Clear' }).click()
  await expect(clear).toHaveCount(0)
  await expect(section).toContainText('0 customers kept for offline check-in')
  await expect(section.getByRole('definition').nth(1)).toHaveText('Never')
  expect((await directory()).size).toBe(0)

  // Refresh now: a slow AIQ list shows the refresh running, then the directory is full again
  sandbox.faults.set({ kind: 'latency', ms: 700, match: { method: 'GET', path: /^\/api\/v1\.1\/piis\/\d+$/ } })
  await section.getByRole('button', { name: 'Refresh now' }).click()
  const progress = section.getByRole('progressbar', { name: 'Customer directory refresh' })
  await expect(progress).toBeVisible()
  await expect(progress).toHaveAttribute('aria-valuetext', /^Loaded /)
  await expect(section.getByRole('button', { name: 'Refreshing…' })).toBeDisabled()
  await shoot(page, 'settings-directory-refreshing')
  await expect(progress).toHaveCount(0, { timeout: 15_000 })
  sandbox.faults.clear()
  await expect(section).toContainText(`${size.toLocaleString('en-US')} customers kept for offline check-in`)

  // switching off asks, and deletes everything kept
  await onOff.click()
  const off = page.getByRole('dialog', { name: 'Switch off the customer directory?' })
  await off.getByRole('button', { name: 'Cancel' }).click()
  await expect(onOff).toHaveAttribute('aria-checked', 'true')
  await onOff.click()
  await off.getByRole('button', { name: 'Switch off and delete' }).click()
  await pinAgain(page)
  await expect(onOff).toHaveAttribute('aria-checked', 'false')
  await expect(section).toContainText('Off — no customers are kept on this computer')
  await expect(section.getByRole('button', { name: 'Refresh now' })).toBeDisabled()
  expect(await directory()).toMatchObject({ enabled: false, size: 0 })

  // with nothing kept, AIQ down means even a regular customer is not found
  await sandbox.stop()
  await page.getByLabel(CHECK_IN_LABEL).fill('3035550100')
  await page.getByLabel(CHECK_IN_LABEL).press('Enter')
  await expect(page.getByRole('heading', { name: /not found offline/ })).toBeVisible()
})

// Settings and first run (issue 3, item 2): two paths on first run, training mode unmistakable everywhere,
// connecting a real account (the sandbox stands in for AIQ), testing it, saving it, signing out.
import { CHECK_IN_LABEL, expect, test } from './fixtures'
import { shoot } from './screenshots'

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
    await expect(page.getByLabel(CHECK_IN_LABEL)).toBeVisible()
    await expect(page.getByText(`AIQ account ${sandbox.uid}`).first()).toBeVisible()
    await expect(page.getByRole('note', { name: 'Training mode' })).toHaveCount(0)
    const live = await counter.services.api.getStatus({})
    expect(live).toMatchObject({ mode: 'live', uid: sandbox.uid, baseUrl: sandbox.url })

    // the key is never shown back: only that it is saved
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click()
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

test('the account form says what is wrong before sending anything', async ({ page, counter }) => {
  await counter.open(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click()
  await page.getByLabel('AIQ account ID').fill('abc')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('alert')).toContainText('account id is a number')
  await page.getByLabel('AIQ account ID').fill('1000')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('alert')).toContainText('Enter the API key')
  expect((await counter.services.api.getStatus({})).mode).toBe('training')
})

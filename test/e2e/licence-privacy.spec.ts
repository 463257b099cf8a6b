// Issue 18, item 2: a licence whose header a scanner or keyboard layout mangled, or whose burst a busy PC split, is
// still an ID check: nothing of it goes to AIQ as a source id or a search, and none of its text is shown back.
import type { Page } from '@playwright/test'
import { card } from '../support/aamva-samples'
import { CHECK_IN_LABEL, expect, test } from './fixtures'

/** A wedge scanner's keys, a few ms apart, from inside the page; `stallAt` holds the keys back once (a busy PC). */
async function scanLicence(page: Page, text: string, stall: { at: number; ms: number } | null = null) {
  await page.evaluate(
    async ({ text, stall }) => {
      let i = 0
      for (const ch of text) {
        if (stall && i++ === stall.at) await new Promise((r) => setTimeout(r, stall.ms))
        const init: KeyboardEventInit = ch === '\n' || ch === '\r' ? { key: 'Enter' } : ch === '\u001e' ? { key: '^', ctrlKey: true } : { key: ch }
        const target = document.activeElement ?? document.body
        target.dispatchEvent(new KeyboardEvent('keydown', { ...init, bubbles: true, cancelable: true }))
        await new Promise((r) => setTimeout(r, 2))
      }
    },
    { text, stall },
  )
}

const day = (yearsFromNow: number) => {
  const d = new Date()
  d.setFullYear(d.getFullYear() + yearsFromNow)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}
const LICENCE = card(10, 'DL', day(-34), day(2), { last: 'QUILLFEATHER', first: 'ROWAN', middle: '' })
/** what must never reach AIQ from a licence: its number, birth date, street, city, postcode */
const PERSONAL = ['T64235789', day(-34).slice(0, 4), 'BROAD', 'RICHMOND', '232690000', 'ANSI']

async function expectNothingSent(counter: { sandbox: { requests: { url: string }[] } }) {
  const urls = counter.sandbox.requests.map((r) => decodeURIComponent(r.url))
  expect(urls.filter((u) => /bysrcid/i.test(u))).toEqual([])
  for (const p of PERSONAL) expect(urls.filter((u) => u.includes(p))).toEqual([])
}

for (const [how, text] of [
  ['after a symbology prefix ]L2', `]L2${LICENCE}`],
  ['with \'"\' for "@" (UK / German keyboard layout)', `"${LICENCE.slice(1)}`],
  ['without its "@"', LICENCE.slice(1)],
] as const) {
  test(`a licence ${how} is an ID check, and none of it goes to AIQ`, async ({ page, counter }) => {
    await counter.open(page)
    await scanLicence(page, text)
    await expect(page.getByRole('region', { name: /ID OK/ }).getByRole('heading', { name: /^ID OK — 34 years old$/ })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'No customer found' })).toHaveCount(0)
    await expect(page.getByLabel(CHECK_IN_LABEL)).toHaveValue('')
    await expectNothingSent(counter)
  })
}

test('a licence burst a busy PC stalls for 400 ms is still one ID check: never "No customer found: ANSI …"', async ({ page, counter }) => {
  await counter.open(page)
  await scanLicence(page, LICENCE, { at: LICENCE.indexOf('DAG2300') + 3, ms: 400 })
  await expect(page.getByRole('region', { name: /ID OK/ }).getByRole('heading', { name: /^ID OK — 34 years old$/ })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'No customer found' })).toHaveCount(0)
  await expect(page.locator('body')).not.toContainText('ANSI')
  await expect(page.locator('body')).not.toContainText('T64235789')
  await expect(page.getByLabel(CHECK_IN_LABEL)).toHaveValue('')
  await expectNothingSent(counter)
})

test('a licence split into typing and a scan says "Couldn’t read this licence — scan again", and shows none of it', async ({ page, counter }) => {
  await counter.open(page)
  // the scanner gives up half-way for longer than any burst is waited for: the two halves arrive apart
  await scanLicence(page, LICENCE, { at: LICENCE.indexOf('DAG2300') + 3, ms: 2500 })
  await expect(page.getByText('Couldn’t read this licence — scan again.').first()).toBeVisible()
  await expect(page.getByRole('heading', { name: 'No customer found' })).toHaveCount(0)
  await expect(page.locator('body')).not.toContainText('ANSI')
  await expect(page.locator('body')).not.toContainText('RICHMOND')
  await expectNothingSent(counter)
})

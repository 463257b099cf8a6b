import type { Page } from '@playwright/test'

/** Keeps a light and a dark screenshot of the page in test/artifacts/ (for people reviewing the screens). */
export async function shoot(page: Page, name: string, opts: { /** default true; false = what the viewport shows */ fullPage?: boolean } = {}): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.screenshot({ path: `test/artifacts/${name}-${scheme}.png`, fullPage: opts.fullPage ?? true })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

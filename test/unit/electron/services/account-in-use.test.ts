// Which account is in use: the outbox files awards under its key and AIQ's clock is read for it, before the
// account's connection exists (services/index.ts makes this first).
import { expect, it } from 'vitest'
import { createAccountInUse } from '../../../../electron/services/account'
import { openDatabase } from '../../../../electron/store/db'
import { createSettings } from '../../../../electron/store/settings'

it('no account: no key for awards and the counter keeps its own time', () => {
  const inUse = createAccountInUse(createSettings(openDatabase(':memory:')))
  expect(inUse.key()).toBe('')
  expect(inUse.timeAccount()).toBeNull()
})

it('a saved account gives its key and its AIQ clock at once, and is read back by the next start', () => {
  const settings = createSettings(openDatabase(':memory:'))
  const inUse = createAccountInUse(settings)
  inUse.set({ mode: 'live', uid: '42', baseUrl: 'https://lab.alpineiq.com/api/v1.1' })
  expect(inUse.key()).toBe('live:42')
  expect(inUse.timeAccount()).toBe('https://lab.alpineiq.com|42')
  expect(createAccountInUse(settings).key()).toBe('live:42')
  inUse.set({ mode: 'training', uid: '7', baseUrl: null })
  expect([inUse.key(), inUse.timeAccount()]).toEqual(['training:7', 'training'])
})

// The customer screen's state in main: only its own steps accept the customer's taps, every choice is a ledger row at
// the tap (against the disclosure shown), thanks goes back to idle after 20 s, and the view never carries a last name.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createConsentService } from '../../../../electron/services/consents'
import { createCustomerScreen, THANKS_MS } from '../../../../electron/services/customer-screen'
import { createConsentStore } from '../../../../electron/store/consents'
import { openDatabase, type Db } from '../../../../electron/store/db'
import { createSettings } from '../../../../electron/store/settings'
import type { Customer, CustomerView } from '../../../../shared/contract'
import { fakeClock, tempDir } from '../../../support/temp-db'

const tmp = tempDir()
let db: Db
let timers: { fn: () => void; at: number; cancelled: boolean }[]
let views: CustomerView[]
const clock = fakeClock()

function rig(askDataRetention = false) {
  const settings = createSettings(db)
  const consents = createConsentService({ store: createConsentStore(db), settings, aiqClock: { now: () => clock.now() + 5000 }, wall: clock, counterName: () => 'Counter 2', budtender: () => 'Sam' })
  if (askDataRetention) void consents.api.saveConsentSettings({ ...consents.settings(), askDataRetention: true })
  const screen = createCustomerScreen({
    consents,
    onStatus: () => {},
    onView: (v) => views.push(v),
    timer: (fn, ms) => {
      const t = { fn, at: clock.now() + ms, cancelled: false }
      timers.push(t)
      return () => void (t.cancelled = true)
    },
  })
  return { screen, consents }
}
const elapse = (ms: number) => {
  clock.advance(ms)
  for (const t of timers.filter((t) => !t.cancelled && t.at <= clock.now())) (t.cancelled = true), t.fn()
}

beforeEach(() => {
  db = openDatabase(tmp.file('s.db'))
  timers = []
  views = []
})
afterEach(() => {
  db.close()
  tmp.cleanup()
})

const maya = { contactID: 'c1', firstName: 'Maya', lastName: 'Lopez', phone: '3035550100', email: 'maya@example.com', points: 1250, pendingPoints: 40 } as Customer

describe('the customer screen', () => {
  it('after check-in: first name and points only', () => {
    const { screen } = rig()
    screen.attach()
    screen.showCustomer(maya)
    const v = screen.view()
    expect(v).toEqual({ view: 'customer', storeName: 'Our store', firstName: 'Maya', points: 1250, pendingPoints: 40, rewards: [] })
    expect(JSON.stringify(views)).not.toMatch(/Lopez|3035550100|maya@/)
  })

  it('the rewards asked for by phone show; AIQ’s answer for the same customer keeps them; another customer has none', () => {
    const { screen } = rig()
    screen.attach()
    screen.showCustomer(maya) // this counter's copy, at once
    screen.showRewards({ phone: '3035550100' }, ['$5 off'])
    screen.showCustomer({ ...maya, points: 1260 }) // AIQ's answer replaces the copy
    expect(screen.view()).toMatchObject({ view: 'customer', points: 1260, rewards: ['$5 off'] })
    screen.showRewards({ phone: '3035550199' }, ['Free pre-roll'])
    expect(screen.view()).toMatchObject({ rewards: ['$5 off'] })
    screen.showCustomer({ ...maya, contactID: 'c2', firstName: 'Ana', phone: '3035550199' })
    expect(screen.view()).toMatchObject({ firstName: 'Ana', rewards: [] })
    expect(JSON.stringify(screen.view())).not.toContain('3035550')
  })

  it('refuses a choice that is not on the screen, and asks nothing without a screen open', async () => {
    const { screen } = rig()
    await expect(screen.api.askCustomerConsent({ phone: '3035550199', firstName: 'Nia' })).rejects.toThrow(/No customer screen is open/)
    screen.attach()
    await expect(screen.customerApi.chooseConsent({ channel: 'sms', choice: 'yes' })).rejects.toThrow(/not on the screen/)
    await screen.api.askCustomerConsent({ phone: '3035550199', firstName: 'Nia' })
    await expect(screen.customerApi.chooseConsent({ channel: 'sms', choice: 'yes' })).rejects.toThrow(/not on the screen/)
    await expect(screen.customerApi.typeCustomerPhone({ key: 'done' })).rejects.toThrow(/all 10 digits/)
  })

  it('data retention first when the store asks it; each tap a ledger row; thanks, then idle after 20 s', async () => {
    const { screen, consents } = rig(true)
    screen.attach()
    await screen.api.askCustomerConsent({ phone: '3035550199', firstName: 'Nia' })
    expect(screen.view()).toMatchObject({ view: 'signup', step: 'data_retention' })
    await screen.customerApi.chooseConsent({ channel: 'data_retention', choice: 'yes' })
    for (const k of '3035550199') await screen.customerApi.typeCustomerPhone({ key: k })
    await screen.customerApi.typeCustomerPhone({ key: 'done' })
    expect(screen.view()).toMatchObject({ view: 'signup', step: 'sms', mismatch: false, disclosure: expect.stringContaining('(303) 555-0199') })
    await screen.customerApi.chooseConsent({ channel: 'sms', choice: 'yes' })
    expect(screen.view()).toMatchObject({ view: 'thanks', firstName: 'Nia' })
    expect(screen.status()).toMatchObject({ answered: true, sms: 'yes', dataRetention: 'yes', customerPhone: '3035550199' })
    expect(screen.consentFor('3035550199')).toEqual({ sms: 'yes', dataRetention: 'yes' })
    const d = consents.disclosure()
    expect(consents.forPhone('3035550199')).toEqual([
      expect.objectContaining({ channel: 'data_retention', choice: 'yes', givenBy: 'customer_screen', disclosureVersion: d.version, disclosureSha256: d.sha256, counterName: 'Counter 2', budtender: 'Sam', aiqAt: clock.now() + 5000, counterAt: clock.now() }),
      expect.objectContaining({ channel: 'sms', choice: 'yes' }),
    ])
    elapse(THANKS_MS - 1)
    expect(screen.view().view).toBe('thanks')
    elapse(1)
    expect(screen.view().view).toBe('idle')
  })
})

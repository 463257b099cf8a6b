// The sandbox holds balances as AIQ keeps them (issue 17, item 5): fractional and below zero, opt-in, leaving every
// other persona's numbers as they were.
import { afterEach, describe, expect, it } from 'vitest'
import { addOddBalances, ODD_BALANCES, PROFILES, startSandbox, type Sandbox } from '../../../electron/sandbox'
import { call, get } from '../../support/http'

const open: Sandbox[] = []
afterEach(async () => {
  for (const sb of open.splice(0)) await sb.close()
})
const start = async (o: Parameters<typeof startSandbox>[0]) => {
  const sb = await startSandbox(o)
  open.push(sb)
  return sb
}
const points = (sb: Sandbox) => sb.data.all().map((p) => [p.contactID, p.loyaltyPoints])

describe.each(PROFILES)('%s profile', (profile) => {
  it('oddBalances: a fractional balance and one below zero, each with a timeline that ends there, on the wire as they are', async () => {
    const sb = await start({ profile, oddBalances: true, personas: 30 })
    for (const o of Object.values(ODD_BALANCES)) {
      const persona = await get(sb, `/api/v1.1/piis/1000/${o.contactID}`)
      expect(persona.status).toBe(200)
      expect(JSON.stringify(persona.body)).toContain(`"loyaltyPoints":${o.loyaltyPoints}`)
      const events = (await get(sb, `/api/v1.1/contact/loyaltyPoints/timeline/1000/${o.contactID}`)).body.data.events as { value: number; balance: number }[]
      expect(events.map((e) => e.value)).toEqual(o.events.map((e) => e.value))
      expect(events.at(-1)!.balance).toBe(o.loyaltyPoints)
      expect(sb.data.byPhone(o.phone)?.contactID).toBe(o.contactID)
    }
    // and it moves like any balance: an award to the customer below zero
    const adjust = await call(sb, 'PUT', `/api/v1.1/adjust/loyaltyPoints/1000/${ODD_BALANCES.belowZero.contactID}`, { body: { value: 10, note: 'visit' } })
    expect(adjust.status).toBe(200)
    expect(sb.data.byContactID(ODD_BALANCES.belowZero.contactID)!.loyaltyPoints).toBe(-2.5)
  })
})

it('off by default; on, every other persona keeps its numbers', async () => {
  const plain = await start({ personas: 400 })
  const odd = await start({ personas: 400, oddBalances: true })
  expect(plain.data.byPhone(ODD_BALANCES.fractional.phone)).toBeUndefined()
  expect(points(odd).slice(0, 400)).toEqual(points(plain))
  expect(odd.data.size).toBe(402)
  // the same from a test, later
  addOddBalances(plain.data)
  expect(points(plain)).toEqual(points(odd))
})

// Licence data never reaches AIQ from check-in or search, however the scanner or keyboard mangled the barcode's header,
// and what cannot be read is never echoed. Every request the counter makes is captured (URL and body) on its way out.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UNREADABLE_LICENCE } from '../../../shared/aamva'
import { PERSONAS } from '../../../electron/sandbox'
import { asWedge, card, STANDARD_2020_EXAMPLE } from '../../support/aamva-samples'
import { startHarness, type Harness } from '../../support/counter'

const sent: string[] = []
const capture: typeof fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
  sent.push(`${url} ${typeof init?.body === 'string' ? init.body : ''}`)
  return fetch(input, init)
}

/** what is on the card: licence number, names, birth date, street, city, postcode */
const PERSONAL = ['T64235789', 'SAMPLE', 'MICHAEL', '06061986', '1986', 'BROAD', 'RICHMOND', '232690000']
const wedge = asWedge(STANDARD_2020_EXAMPLE)
const VARIANTS: [string, string][] = [
  ['a symbology prefix ]L2', `]L2${STANDARD_2020_EXAMPLE}`],
  ['no "@"', STANDARD_2020_EXAMPLE.slice(1)],
  ['\'"\' for "@" (UK / German layout)', `"${wedge.slice(1)}`],
  ['the head of a scan a busy PC split', wedge.slice(0, 120)],
  ['the tail of a scan a busy PC split', wedge.slice(wedge.indexOf('DCSSAMPLE'))],
  ['the header alone, from a split burst', 'ANSI 636014100002DL00410278ZV03190008DLDAQT64235789'],
]

let h: Harness
beforeEach(async () => {
  sent.length = 0
  h = await startHarness({ fetch: capture })
})
afterEach(async () => h.close())

describe('a licence at check-in or search: nothing is sent, nothing is shown back', () => {
  it.each(VARIANTS)('%s', async (_, text) => {
    const before = h.sandbox.requests.length
    sent.length = 0
    const checkIn = await h.services.api.checkIn({ input: text }).then(() => null, (e: { code: string; message: string }) => e)
    const search = await h.services.api.searchCustomers({ query: text, limit: 25 }).then(() => null, (e: { code: string; message: string }) => e)
    for (const refused of [checkIn, search]) {
      expect(refused).toMatchObject({ code: 'invalid_input' })
      for (const p of PERSONAL) expect(refused!.message).not.toContain(p)
    }
    expect(sent).toEqual([])
    expect(h.sandbox.requests.slice(before)).toEqual([])
  })

  it('what cannot be read says "Couldn’t read this licence — scan again"', async () => {
    await expect(h.services.api.checkIn({ input: wedge.slice(wedge.indexOf('DCSSAMPLE')) })).rejects.toMatchObject({ message: UNREADABLE_LICENCE })
  })

  it('the same licence with a mangled header still passes the ID check', async () => {
    const valid = asWedge(card(10, 'DL', '1980-01-01', '2034-01-01'))
    const r = await h.services.api.checkId({ scan: `"${valid.slice(1)}` })
    expect(r).toMatchObject({ verdict: 'pass', holder: { lastName: 'Public' } })
  })

  it('a POS source id still reaches AIQ (the guard is by content, not a blanket refusal)', async () => {
    const p = h.sandbox.data.byPhone(PERSONAS.member.phone)
    const r = await h.services.api.checkIn({ input: p!.srcID! })
    expect(r.kind).toBe('customer')
    expect(sent.some((s) => s.includes(encodeURIComponent(p!.srcID!)) || s.includes(p!.srcID!))).toBe(true)
  })
})

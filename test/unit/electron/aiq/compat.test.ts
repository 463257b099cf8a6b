// The AIQ compatibility check over a fake AiqClient (which feeds the shape recorder the way the real readers do),
// the plain-text report, and the CLI's argument parsing.
import { describe, expect, it, vi } from 'vitest'
import { COMPAT_STEPS, runCompatibilityCheck } from '../../../../electron/aiq/compat'
import { ENDPOINT } from '../../../../electron/aiq/endpoints'
import { AiqError } from '../../../../electron/aiq/errors'
import type { ShapeRecorder } from '../../../../electron/aiq/shapes'
import { createShapeRecorder } from '../../../../electron/aiq/shapes'
import type { AiqClient, Persona, Priority } from '../../../../electron/aiq/types'
import { CompatReport, type CompatReport as Report } from '../../../../shared/contract'
import { formatCompatReport, maskPhone, scrubText } from '../../../../shared/compat-report'
import { parseCheckArgs, UsageError } from '../../../../scripts/aiq-check'

const PHONE = '3035550100'
const NOW = Date.UTC(2026, 10, 28, 18, 0)
const maya: Persona = {
  contactID: 'c0ffee00c0ffee00c0ffee00c0ffee00',
  srcID: 'pos-777',
  firstName: 'Maya',
  lastName: 'Lopez',
  mobilePhone: PHONE,
  email: 'maya.lopez@example.com',
  loyalty: true,
  loyaltyPoints: 1250,
}

const READS = ['listPersonas', 'getPersona', 'getPersonaBySrcId', 'getOverrides', 'lookupLoyalty', 'listAdjustments', 'getTraits', 'getOrders', 'getTimeline', 'getRecommendations', 'getWallet', 'listStores', 'listRedemptions'] as const
const WRITES = ['signUp', 'setOverrides', 'setSmsOptIn', 'adjustPoints', 'addTraits', 'replaceTraits'] as const
type Read = (typeof READS)[number]
type Impl = { [K in Read]?: (shapes: ShapeRecorder, ...args: Parameters<AiqClient[K]>) => ReturnType<AiqClient[K]> }

/** A fake AIQ: every read answers like a healthy AIQ for Maya unless `impl` says otherwise; writes fail the test. */
function fakeAiq(impl: Impl = {}, opts: { delayMs?: number } = {}) {
  const calls: { name: string; args: unknown[] }[] = []
  const derived: { priority?: Priority; shapes?: ShapeRecorder }[] = []
  let inFlight = 0
  let maxInFlight = 0
  const defaults: Required<Impl> = {
    lookupLoyalty: async (s) => {
      s.answer(ENDPOINT.lookupLoyalty, { top: ['loyalty', 'optedIn', 'contactID'], known: ['loyalty', 'optedIn', 'contactID'] })
      return { loyalty: true, optedIn: true, contactID: maya.contactID }
    },
    listPersonas: async (s) => {
      s.answer(ENDPOINT.listPersonas, { top: ['results', 'start', 'limit', 'size', 'total'], items: Object.keys(maya), known: ['results', 'start', 'limit', 'size', 'total', ...Object.keys(maya)] })
      s.item(ENDPOINT.listPersonas, true)
      return { results: [maya], start: 0, limit: 10, size: 1, total: 1 }
    },
    getPersona: async () => maya,
    getPersonaBySrcId: async () => maya,
    getOverrides: async () => ({ firstName: 'Maya' }),
    getTraits: async () => [{ key: 'tier', value: 'gold' }],
    getOrders: async () => [{ name: 'Blue Dream 3.5g', quantity: 1, totalPrice: 35, timestamp: 1 }],
    getTimeline: async () => ({ events: [{ ts: 1, type: 'earn', value: 35, note: null }] }),
    getRecommendations: async () => [{ name: 'Gummies', score: 0.9 }],
    getWallet: async () => ({ contactID: maya.contactID, loyaltyPoints: 1250, discountTemplates: [] }),
    listStores: async () => [{ id: 1, name: 'Main St' }],
    listAdjustments: async () => [],
    listRedemptions: async () => [],
  }
  const make = (shapes: ShapeRecorder): AiqClient => {
    const client: Record<string, unknown> = { uid: '4242', origin: 'https://lab.alpineiq.com', shapes }
    client.derive = (o: { priority?: Priority; shapes?: ShapeRecorder }) => {
      derived.push(o)
      return make(o.shapes ?? shapes)
    }
    for (const name of READS) {
      client[name] = async (...args: unknown[]) => {
        calls.push({ name, args })
        inFlight++
        maxInFlight = Math.max(maxInFlight, inFlight)
        try {
          if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs))
          const f = (impl[name] ?? defaults[name]) as (s: ShapeRecorder, ...a: unknown[]) => Promise<unknown>
          return await f(shapes, ...args)
        } finally {
          inFlight--
        }
      }
    }
    for (const name of WRITES) {
      client[name] = async (...args: unknown[]) => {
        calls.push({ name, args })
        throw new Error(`the check must never call ${name}`)
      }
    }
    return client as unknown as AiqClient
  }
  return { client: make(createShapeRecorder()), calls, derived, names: () => calls.map((c) => c.name), maxInFlight: () => maxInFlight }
}

const run = (aiq: ReturnType<typeof fakeAiq>, phone = PHONE, o: Parameters<typeof runCompatibilityCheck>[2] = {}) =>
  runCompatibilityCheck(aiq.client, phone, { now: () => NOW, ...o })
const row = (r: Report, name: keyof typeof ENDPOINT) => r.rows.find((x) => x.endpoint === ENDPOINT[name])!

describe('runCompatibilityCheck', () => {
  it('calls each read endpoint once, one after another, and nothing that writes', async () => {
    const aiq = fakeAiq({}, { delayMs: 2 })
    const report = await run(aiq)
    expect(aiq.names()).toEqual(COMPAT_STEPS.map(([n]) => n))
    expect(new Set(aiq.names()).size).toBe(13)
    for (const w of WRITES) expect(aiq.names()).not.toContain(w)
    expect(aiq.maxInFlight()).toBe(1)
    expect(aiq.calls.find((c) => c.name === 'listPersonas')!.args).toEqual([{ search: PHONE, limit: 10 }])
    expect(aiq.calls.find((c) => c.name === 'getWallet')!.args).toEqual([{ phone: PHONE }])
    expect(aiq.calls.find((c) => c.name === 'getPersonaBySrcId')!.args).toEqual(['pos-777'])
    const end = Math.floor(NOW / 1000)
    expect(aiq.calls.find((c) => c.name === 'listAdjustments')!.args).toEqual([end - 86_400, end])
    expect(CompatReport.parse(report)).toEqual(report)
  })

  it('records shapes into a fresh recorder of its own, at background priority', async () => {
    const aiq = fakeAiq()
    await run(aiq)
    expect(aiq.derived).toHaveLength(1)
    expect(aiq.derived[0]!.priority).toBe('background')
    expect(aiq.derived[0]!.shapes).toBeDefined()
    expect(aiq.derived[0]!.shapes).not.toBe(aiq.client.shapes)
  })

  it('all good: every row reached and understood, the customer found, report ok', async () => {
    const progress = vi.fn()
    const report = await run(fakeAiq(), '(303) 555-0100', { onProgress: progress })
    expect(report).toMatchObject({ ranAt: NOW, host: 'lab.alpineiq.com', uid: '4242', phoneMasked: '***-***-0100', customerFound: true, ok: true, training: false })
    expect(report.rows.map((r) => r.endpoint)).toEqual(COMPAT_STEPS.map(([n]) => ENDPOINT[n]))
    for (const r of report.rows) expect(r).toMatchObject({ reached: true, understood: true, skipped: false, itemsSkipped: 0, missingFields: [] })
    expect(row(report, 'listPersonas').itemsRead).toBe(1)
    expect(row(report, 'getTraits').itemsRead).toBe(1)
    expect(progress.mock.calls).toEqual(Array.from({ length: 13 }, (_, i) => [i + 1, 13]))
  })

  it('without a contact id from the lookup, the customer is the exact 10-digit mobile match of the search', async () => {
    const other: Persona = { ...maya, contactID: 'other', mobilePhone: '13035550100x' }
    const home: Persona = { ...maya, contactID: 'home', mobilePhone: null, homePhone: PHONE }
    const aiq = fakeAiq({
      lookupLoyalty: async () => ({ loyalty: true, optedIn: false }),
      listPersonas: async () => ({ results: [other, home, { ...maya, mobilePhone: '+1 (303) 555-0100' }], start: 0, limit: 10, size: 3, total: 3 }),
    })
    const report = await run(aiq)
    expect(report.customerFound).toBe(true)
    expect(aiq.calls.find((c) => c.name === 'getPersona')!.args).toEqual([maya.contactID])
    expect(row(report, 'lookupLoyalty').note).toMatch(/no customer id/)
  })

  it('a phone nobody has: reached and understood, "customer not found"; per-customer endpoints skipped', async () => {
    const aiq = fakeAiq({
      lookupLoyalty: async () => ({ loyalty: false, optedIn: false }),
      listPersonas: async () => ({ results: [], start: 0, limit: 10, size: 0, total: 0 }),
      getWallet: async () => {
        throw new AiqError('not_found', undefined, { status: 404 })
      },
    })
    const report = await run(aiq, '3035550199')
    expect(report).toMatchObject({ customerFound: false, ok: false, phoneMasked: '***-***-0199' })
    expect(aiq.names()).toEqual(['lookupLoyalty', 'listPersonas', 'getWallet', 'listStores', 'listAdjustments', 'listRedemptions'])
    expect(row(report, 'getWallet')).toMatchObject({ reached: true, understood: true, status: 404 })
    expect(row(report, 'getWallet').note).toMatch(/customer not found/)
    for (const n of ['getPersona', 'getPersonaBySrcId', 'getOverrides', 'getTraits', 'getOrders', 'getTimeline', 'getRecommendations'] as const) {
      expect(row(report, n)).toMatchObject({ skipped: true, reached: false, understood: false })
      expect(row(report, n).note).toMatch(/no customer with this phone/)
    }
  })

  it('the loyalty lookup saying 404 is "reached, understood, customer not found"', async () => {
    const report = await run(fakeAiq({ lookupLoyalty: async () => Promise.reject(new AiqError('not_found', undefined, { status: 404 })) }))
    expect(row(report, 'lookupLoyalty')).toMatchObject({ reached: true, understood: true, status: 404 })
    expect(row(report, 'lookupLoyalty').note).toMatch(/no customer with this phone/)
    // the search still finds Maya, so the rest is checked
    expect(report.customerFound).toBe(true)
  })

  it('a customer without a POS id: that row is "skipped: no POS id", and the check can still pass', async () => {
    const aiq = fakeAiq({ getPersona: async () => ({ ...maya, srcID: null }), listPersonas: async () => ({ results: [{ ...maya, srcID: null }], start: 0, limit: 10, size: 1, total: 1 }) })
    const report = await run(aiq)
    expect(aiq.names()).not.toContain('getPersonaBySrcId')
    expect(row(report, 'getPersonaBySrcId')).toMatchObject({ skipped: true, note: 'Skipped: this customer has no POS id.' })
    expect(report.ok).toBe(true)
  })

  it('skipped items and missing fields make a row not understood; unknown fields are listed but do not', async () => {
    const aiq = fakeAiq({
      getOrders: async (s) => {
        s.answer(ENDPOINT.getOrders, { items: ['name', 'quantity', 'totalPrice', 'timestamp', 'budtenderNote'], known: ['name', 'quantity', 'totalPrice', 'timestamp'] })
        s.item(ENDPOINT.getOrders, true)
        s.item(ENDPOINT.getOrders, false, 'an order line has no name')
        s.item(ENDPOINT.getOrders, false, 'an order line has no name')
        return [{ name: 'x', quantity: 1, totalPrice: 1, timestamp: 1 }]
      },
      getWallet: async (s) => {
        s.answer(ENDPOINT.getWallet, { top: ['contactID'], known: ['contactID', 'loyaltyPoints'] })
        s.missing(ENDPOINT.getWallet, 'loyaltyPoints')
        return { contactID: maya.contactID }
      },
      listStores: async (s) => {
        s.answer(ENDPOINT.listStores, { items: ['id', 'name', 'timezone', '3035550100'], known: ['id', 'name'] })
        s.item(ENDPOINT.listStores, true)
        return [{ id: 1, name: 'Main St' }]
      },
    })
    const report = await run(aiq)
    expect(row(report, 'getOrders')).toMatchObject({ reached: true, understood: false, itemsRead: 1, itemsSkipped: 2, unknownFields: ['budtenderNote'] })
    expect(row(report, 'getOrders').note).toMatch(/2 items could not be read.*an order line has no name/)
    expect(row(report, 'getWallet')).toMatchObject({ reached: true, understood: false, missingFields: ['loyaltyPoints'] })
    expect(row(report, 'listStores')).toMatchObject({ reached: true, understood: true, unknownFields: ['<masked key>', 'timezone'] })
    expect(report.ok).toBe(false)
  })

  it('AIQ errors in words: reached or not, with the HTTP status', async () => {
    const report = await run(
      fakeAiq({
        getTraits: async () => Promise.reject(new AiqError('server_error', undefined, { status: 503 })),
        getOrders: async () => Promise.reject(new AiqError('timeout')),
        getTimeline: async () => Promise.reject(new AiqError('rate_limited', undefined, { status: 429, retryAfterMs: 1000 })),
        getRecommendations: async () => Promise.reject(new AiqError('bad_response', 'AIQ sent an answer the app could not read (read suggested products: 0.name: expected string).', { status: 200 })),
        listStores: async () => Promise.reject(new AiqError('bad_response', undefined, { status: 405 })),
        getPersona: async () => Promise.reject(new AiqError('not_found', undefined, { status: 404 })),
      }),
    )
    expect(row(report, 'getTraits')).toMatchObject({ reached: true, understood: false, status: 503 })
    expect(row(report, 'getTraits').note).toMatch(/problem on its side \(503\)/)
    expect(row(report, 'getOrders')).toMatchObject({ reached: false, understood: false, status: null })
    expect(row(report, 'getOrders').note).toMatch(/did not answer in time/)
    expect(row(report, 'getTimeline')).toMatchObject({ reached: true, understood: false, status: 429 })
    expect(row(report, 'getRecommendations')).toMatchObject({ reached: true, understood: false, status: 200 })
    expect(row(report, 'getRecommendations').note).toMatch(/could not read/)
    expect(row(report, 'listStores').note).toMatch(/405/)
    // a 404 for the customer AIQ itself just named is a contradiction, not "not found"
    expect(row(report, 'getPersona')).toMatchObject({ reached: true, understood: false, status: 404 })
    expect(report.ok).toBe(false)
  })

  it("AIQ can't be reached: says so and does not try the other endpoints", async () => {
    const aiq = fakeAiq({ lookupLoyalty: async () => Promise.reject(new AiqError('offline', undefined, { notSent: true })) })
    const report = await run(aiq)
    expect(aiq.names()).toEqual(['lookupLoyalty'])
    expect(row(report, 'lookupLoyalty')).toMatchObject({ reached: false, understood: false })
    expect(row(report, 'lookupLoyalty').note).toMatch(/can't reach AIQ/)
    expect(report.rows).toHaveLength(13)
    for (const r of report.rows.slice(1)) expect(r).toMatchObject({ skipped: true, note: 'Not tried: AIQ could not be reached.' })
    expect(report).toMatchObject({ ok: false, customerFound: false })
  })

  it('a rejected key stops the check too', async () => {
    const aiq = fakeAiq({ lookupLoyalty: async () => Promise.reject(new AiqError('unauthorized', undefined, { status: 403 })) })
    const report = await run(aiq)
    expect(aiq.names()).toEqual(['lookupLoyalty'])
    expect(row(report, 'lookupLoyalty')).toMatchObject({ reached: true, understood: false, status: 403 })
    expect(row(report, 'listStores').note).toBe('Not tried: AIQ rejected the API key.')
  })

  it('refuses a phone that is not a US number before calling anything', async () => {
    const aiq = fakeAiq()
    await expect(run(aiq, '12345')).rejects.toMatchObject({ kind: 'invalid_input' })
    expect(aiq.calls).toHaveLength(0)
  })

  it('never carries the full phone, names, emails or values — not even from AIQ error messages or problems', async () => {
    const aiq = fakeAiq({
      getOverrides: async (s) => {
        s.answer(ENDPOINT.getOverrides, { top: ['firstName', 'maya.lopez@example.com'], known: ['firstName'] })
        s.missing(ENDPOINT.getOverrides, 'email')
        s.problem(ENDPOINT.getOverrides, 'the contact 3035550100 (maya.lopez@example.com) could not be read')
        return { firstName: 'Maya' }
      },
      getTraits: async () => Promise.reject(new AiqError('invalid_input', 'That phone 303-555-0100 is not valid for maya.lopez@example.com')),
    })
    const report = await run(aiq)
    const text = JSON.stringify(report) + formatCompatReport(report)
    for (const secret of [PHONE, '555-0100', '5550100', 'Maya', 'Lopez', 'maya.lopez', 'example.com', '1250', 'gold', 'Blue Dream', maya.contactID, 'pos-777']) {
      expect(text).not.toContain(secret)
    }
    expect(text).toContain('0100')
  })
})

describe('formatCompatReport', () => {
  const base = async () => run(fakeAiq({ getPersona: async () => ({ ...maya, srcID: null }), listPersonas: async () => ({ results: [{ ...maya, srcID: null }], start: 0, limit: 10, size: 1, total: 1 }) }))

  it('a plain-text table: a header line, one row per endpoint, then the details with the endpoint paths', async () => {
    const report = await base()
    const text = formatCompatReport(report)
    expect(text).toMatch(/^AIQ compatibility check — OK\n/)
    expect(text).toContain('When:      2026-11-28T18:00:00.000Z')
    expect(text).toContain('AIQ:       lab.alpineiq.com, account 4242')
    expect(text).toContain('Customer:  phone ***-***-0100, found')
    const lines = text.split('\n')
    const head = lines.findIndex((l) => l.startsWith('Endpoint'))
    expect(lines[head]).toMatch(/^Endpoint\s+Reached\s+Understood\s+Status\s+Items read\s+Items skipped\s+Unknown fields\s+Missing fields$/)
    expect(lines[head + 1]).toMatch(/^-+(\s+-+){7}$/)
    for (const [i, [name, label]] of COMPAT_STEPS.entries()) {
      expect(lines[head + 2 + i]!.startsWith(label)).toBe(true)
      expect(text).toContain(`${i + 1}. ${label} — ${ENDPOINT[name]}`)
    }
    expect(lines[head + 2 + 3]).toMatch(/^Find customer by POS id\s+skipped\s+skipped/)
    expect(text).toContain('Note: Skipped: this customer has no POS id.')
  })

  it('says NEEDS ATTENTION with the reason, and lists field names', async () => {
    const report: Report = { ...(await base()), ok: false }
    report.rows[6] = { ...report.rows[6]!, understood: false, itemsSkipped: 2, unknownFields: ['budtenderNote'], missingFields: ['timestamp'], note: 'Answered, but 2 items could not be read.' }
    const text = formatCompatReport(report)
    expect(text).toMatch(/^AIQ compatibility check — NEEDS ATTENTION\nNeeds attention: 1 endpoint not reached or not understood\./)
    expect(text).toContain('   Unknown fields: budtenderNote')
    expect(text).toContain('   Missing fields: timestamp')
    expect(text).toMatch(/Purchases\s+yes\s+NO\s+-\s+1\s+2\s+1\s+1/)
  })

  it('customer not found is said first', async () => {
    const report: Report = { ...(await base()), ok: false, customerFound: false }
    expect(formatCompatReport(report).split('\n')[1]).toMatch(/^Customer not found/)
  })

  it("AIQ not reached is said first, and the rows it stopped say 'not tried'", async () => {
    const report = await run(fakeAiq({ lookupLoyalty: async () => Promise.reject(new AiqError('offline')) }))
    const text = formatCompatReport(report)
    expect(text.split('\n')[1]).toMatch(/^AIQ was not reached, so nothing could be checked\. Not reached: can't reach AIQ/)
    expect(text).toMatch(/Search customers\s+not tried\s+not tried/)
  })

  it('masks again whatever reaches it', async () => {
    const report: Report = { ...(await base()), phoneMasked: '3035550100' }
    report.rows[0] = { ...report.rows[0]!, note: 'call 303.555.0100 or mail a@b.co', unknownFields: ['x@y.z'] }
    const text = formatCompatReport(report)
    expect(text).not.toContain('3035550100')
    expect(text).not.toContain('303.555.0100')
    expect(text).not.toContain('a@b.co')
    expect(text).not.toContain('x@y.z')
    expect(text).toContain('***-***-0100')
  })
})

describe('masking helpers', () => {
  it('maskPhone keeps only the last 4 digits, whatever the format, and can be re-applied', () => {
    expect(maskPhone('3035550100')).toBe('***-***-0100')
    expect(maskPhone('(303) 555-0100')).toBe('***-***-0100')
    expect(maskPhone(maskPhone('3035550100'))).toBe('***-***-0100')
    expect(maskPhone('12')).toBe('***')
  })
  it('scrubText takes emails and long numbers out, keeps HTTP statuses and counts', () => {
    expect(scrubText('AIQ said 404 for 3 items')).toBe('AIQ said 404 for 3 items')
    expect(scrubText('phone +1 (303) 555-0100!')).toBe('phone ***-***-0100!')
    expect(scrubText('id 1234567 and maya@example.com')).toBe('id <number> and <email>')
  })
})

describe('aiq:check arguments', () => {
  const env = { AIQ_API_KEY: 'k-123' }
  it('a live check needs --uid, --phone and the key from the environment', () => {
    expect(parseCheckArgs(['--uid', '4242', '--phone', '(303) 555-0100'], env)).toEqual({ kind: 'live', uid: '4242', phone: PHONE, baseUrl: 'https://lab.alpineiq.com', apiKey: 'k-123' })
    expect(parseCheckArgs(['--uid=4242', '--phone=3035550100', '--base-url', 'http://127.0.0.1:9'], env)).toMatchObject({ baseUrl: 'http://127.0.0.1:9' })
    expect(() => parseCheckArgs(['--uid', '4242', '--phone', PHONE], {})).toThrow(/AIQ_API_KEY/)
    expect(() => parseCheckArgs(['--phone', PHONE], env)).toThrow(/--uid is missing/)
    expect(() => parseCheckArgs(['--uid', 'abc', '--phone', PHONE], env)).toThrow(/number/)
    expect(() => parseCheckArgs(['--uid', '4242'], env)).toThrow(/--phone is missing/)
    expect(() => parseCheckArgs(['--uid', '4242', '--phone', '123'], env)).toThrow(/not a US phone/)
    expect(() => parseCheckArgs(['--uid', '4242', '--phone', PHONE, '--base-url', 'lab.alpineiq.com'], env)).toThrow(/full address/)
  })
  it('the key is never a flag', () => {
    for (const flag of ['--key', '--api-key', '--apiKey', '--token=abc']) {
      expect(() => parseCheckArgs(['--uid', '4242', '--phone', PHONE, flag, 'secret'], env)).toThrow(/never a flag/)
    }
  })
  it('--sandbox takes an optional profile and a default practice phone', () => {
    expect(parseCheckArgs(['--sandbox'], {})).toEqual({ kind: 'sandbox', profile: undefined, phone: PHONE })
    expect(parseCheckArgs(['--sandbox', 'wild'], {})).toEqual({ kind: 'sandbox', profile: 'wild', phone: PHONE })
    expect(parseCheckArgs(['--sandbox', 'documented', '--phone', '7205550100'], {})).toEqual({ kind: 'sandbox', profile: 'documented', phone: '7205550100' })
    expect(parseCheckArgs(['--sandbox', '--phone', '7205550100'], {})).toMatchObject({ profile: undefined, phone: '7205550100' })
    expect(() => parseCheckArgs(['--sandbox', 'chaos'], {})).toThrow(/wild or documented/)
    expect(() => parseCheckArgs(['--sandbox', '--uid', '1'], {})).toThrow(/leave out/)
  })
  it('unknown options and stray words are usage errors', () => {
    expect(() => parseCheckArgs(['--uid', '1', '--phone', PHONE, '--verbose'], env)).toThrow(UsageError)
    expect(() => parseCheckArgs(['check'], env)).toThrow(/Unexpected argument/)
    expect(() => parseCheckArgs(['--uid', '1', '--uid', '2'], env)).toThrow(/twice/)
    expect(parseCheckArgs(['--help'], {})).toEqual({ kind: 'help' })
  })
})

// Many synthetic personas: fast to make, pageable at limit=2000, still findable by every key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROFILES, startSandbox, type Sandbox } from '../../../electron/sandbox'
import { call, get } from '../../support/http'

describe.each(PROFILES)('%s profile', (profile) => {
  let sb: Sandbox
  let startMs = 0
  beforeAll(async () => {
    const t = performance.now()
    sb = await startSandbox({ profile, personas: 10_000, seed: 11 })
    startMs = performance.now() - t
  })
  afterAll(() => sb.close())

  it('starts with 10k personas quickly', () => {
    expect(sb.data.size).toBe(10_000)
    expect(startMs).toBeLessThan(1000)
  })

  it('pages every visible persona exactly once at limit=2000', async () => {
    const ids = new Set<string>()
    let pages = 0
    for (let start = 0; pages < 50; start += 2000) {
      const page = (await get(sb, `/api/v1.1/piis/1000?start=${start}&limit=2000`)).body.data
      if (!page?.results) break
      pages++
      for (const p of page.results) ids.add(p.contactID)
      if (page.results.length < 2000) break
    }
    expect(ids.size).toBe(sb.data.all().filter((p) => !p.blocklisted).length)
    expect(pages).toBe(Math.ceil(ids.size / 2000))
  })

  it('finds a bulk persona by phone, email, contactID and srcID, over HTTP and in data', async () => {
    const p = sb.data.all().filter((x) => x.email && !x.blocklisted)[7_000]!
    for (const key of [p.mobilePhone!, p.email!, p.contactID, p.srcID!]) {
      const r = (await get(sb, `/api/v1.1/piis/1000?search=${encodeURIComponent(key)}`)).body.data
      expect(r.results?.[0]?.contactID, key).toBe(p.contactID)
    }
    expect((await get(sb, `/api/v1.1/piis/1000/bysrcid/${p.srcID}`)).body.data.contactID).toBe(p.contactID)
    expect((await get(sb, `/api/v1.1/contact/orders/1000/${p.contactID}`)).body.data.length).toBeGreaterThan(0)
  })

  it('keeps lookups right after a persona\'s email and phone change', async () => {
    const p = sb.data.all()[8_765]!
    const [oldEmail, oldPhone] = [p.email!, p.mobilePhone!]
    sb.data.update(p.contactID, { email: 'changed.person@example.com', mobilePhone: '9705550177' })
    expect(sb.data.byEmail(oldEmail)).toBeUndefined()
    expect(sb.data.byPhone(oldPhone)).toBeUndefined()
    expect(sb.data.byEmail('changed.person@example.com')).toBe(p)
    expect((await call(sb, 'POST', '/api/v2/wallet', { body: { phone: '9705550177' } })).body.data.contactID).toBe(p.contactID)
  })
})

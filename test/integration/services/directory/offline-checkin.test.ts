// The directory as the counter uses it: through createServices, the real client, the sandbox and the keychain.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PERSONAS } from '../../../../electron/sandbox'
import { eventually, PRACTICE_MANAGER_PIN, startHarness, type Harness } from '../../../support/counter'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => h.close())

const visible = () => h.sandbox.data.all().filter((p) => !h.sandbox.data.isBlocklisted(p.contactID)).length

describe('offline check-in from the directory', () => {
  it('after "refresh now", a customer is found with AIQ down, marked as from the directory and how old', async () => {
    await h.services.api.refreshDirectory({})
    const st = await eventually(async () => {
      const s = await h.services.api.getStatus({})
      if (s.directory.refresh.state !== 'idle' || s.directory.size === 0) throw new Error('the directory is still filling')
      return s
    })
    expect(st.directory.size).toBe(visible())
    expect(st.directory.lastFullRefreshAt).toBeGreaterThan(0)

    await h.sandbox.stop()
    const r = await h.services.api.checkIn({ input: PERSONAS.member.phone })
    expect(r).toMatchObject({ kind: 'customer', source: 'directory', customer: { contactID: PERSONAS.member.contactID, points: 1250 } })
    expect(r.kind === 'customer' && r.asOf).toBeLessThanOrEqual(Date.now())
  })

  it('Search with AIQ down answers from the directory, by name, email and phone', async () => {
    await h.services.api.refreshDirectory({})
    await eventually(async () => {
      const s = await h.services.api.getStatus({})
      if (s.directory.refresh.state !== 'idle' || s.directory.size === 0) throw new Error('the directory is still filling')
      return s
    })
    await h.sandbox.stop()
    const m = PERSONAS.member
    for (const query of [m.lastName, `${m.firstName.slice(0, 3)} ${m.lastName.slice(0, 3)}`, m.email!, '(303) 555-0100']) {
      const r = await h.services.api.searchCustomers({ query, limit: 25 })
      expect(r.results.map((c) => c.contactID), query).toContain(m.contactID)
    }
    expect((await h.services.api.getStatus({})).online).toBe(false)
    await expect(h.services.api.searchCustomers({ query: 'zzzz-nobody', limit: 25 })).resolves.toEqual({ results: [], total: 0 })
  })

  it('an online check-in keeps that customer for offline use even with no full pull', async () => {
    await h.services.api.clearDirectory({ approval: PRACTICE_MANAGER_PIN })
    await h.services.api.checkIn({ input: PERSONAS.pending.phone })
    // kept by the background worker, behind whatever it is writing: moments later, never in the check-in's way
    await eventually(async () => (await h.services.api.getStatus({})).directory.size === 1)
    await h.sandbox.stop()
    const r = await h.services.api.checkIn({ input: PERSONAS.pending.phone })
    expect(r).toMatchObject({ kind: 'customer', source: 'directory', customer: { sms: 'pending' } })
  })

  it('switched off, nothing is kept and AIQ down means the customer cannot be found', async () => {
    await h.services.api.setDirectoryEnabled({ enabled: false, approval: PRACTICE_MANAGER_PIN })
    await h.services.api.checkIn({ input: PERSONAS.member.phone })
    expect((await h.services.api.getStatus({})).directory).toMatchObject({ enabled: false, size: 0 })
    await h.sandbox.stop()
    const r = await h.services.api.checkIn({ input: PERSONAS.member.phone })
    expect(r).toMatchObject({ kind: 'unknown', offline: true })
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PERSONAS, startSandbox, UNKNOWN_PHONE } from '../../../electron/sandbox'
import { createCredentialStore } from '../../../electron/secrets'
import { formatPhone } from '../../../shared/phone'
import { eventually, PRACTICE_MANAGER_PIN, startHarness, type Harness } from '../../support/counter'

let h: Harness
beforeEach(async () => {
  h = await startHarness()
})
afterEach(async () => h.close())

describe('checkIn through the services, against the sandbox', () => {
  it('a typed phone in any format shows the member with points', async () => {
    const m = PERSONAS.member
    const r = await h.services.api.checkIn({ input: formatPhone(m.phone) })
    expect(r.kind).toBe('customer')
    if (r.kind !== 'customer') return
    expect(r.source).toBe('live')
    expect(r.customer).toMatchObject({ firstName: m.firstName, lastName: m.lastName, member: true, phone: m.phone, pendingPoints: 0 })
    expect(r.customer.points).toBe(h.sandbox.data.byPhone(m.phone)!.loyaltyPoints)
  })

  it('a contact id and a POS source id find the same person', async () => {
    const p = h.sandbox.data.byPhone(PERSONAS.member.phone)!
    const byId = await h.services.api.checkIn({ input: p.contactID })
    const bySrc = await h.services.api.checkIn({ input: p.srcID! })
    expect(byId.kind === 'customer' && byId.customer.contactID).toBe(p.contactID)
    expect(bySrc.kind === 'customer' && bySrc.customer.contactID).toBe(p.contactID)
  })

  it('an unknown phone offers signup', async () => {
    const r = await h.services.api.checkIn({ input: UNKNOWN_PHONE })
    expect(r).toMatchObject({ kind: 'unknown', phone: UNKNOWN_PHONE, offline: false })
  })

  it('SMS states show as AIQ has them', async () => {
    const sms = async (phone: string) => {
      const r = await h.services.api.checkIn({ input: phone })
      return r.kind === 'customer' ? r.customer.sms : null
    }
    expect(await sms(PERSONAS.optedOut.phone)).toBe('opted_out')
    expect(await sms(PERSONAS.pending.phone)).toBe('pending')
  })

  it('an award shows as pending at once, then reaches AIQ exactly once', async () => {
    const m = PERSONAS.member
    const before = h.sandbox.data.byPhone(m.phone)!.loyaltyPoints!
    const first = await h.services.api.checkIn({ input: m.phone })
    if (first.kind !== 'customer') throw new Error('expected a customer')
    const entry = await h.services.api.awardPoints({ customer: { contactID: first.customer.contactID }, customerName: 'Maya', value: 25, reason: 'Purchase', budtender: 'Sam' })
    expect(['pending', 'sending', 'synced']).toContain(entry.state)
    await eventually(() => h.services.api.listOutbox({}).then((o) => o.entries[0]?.state === 'synced'))
    expect(h.sandbox.ledger.filter((l) => l.note.includes(entry.id))).toHaveLength(1)
    const after = await h.services.api.checkIn({ input: m.phone })
    expect(after.kind === 'customer' && after.customer.points).toBe(before + 25)
    expect(after.kind === 'customer' && after.customer.pendingPoints).toBe(0)
  })

  it('without an account nothing is sent and the message says what to do', async () => {
    await h.services.api.signOut({ approval: PRACTICE_MANAGER_PIN })
    await expect(h.services.api.checkIn({ input: PERSONAS.member.phone })).rejects.toMatchObject({ code: 'not_configured' })
  })
})

describe('signup at the counter', () => {
  it('a new customer joins loyalty with double opt-in by default', async () => {
    const r = await h.services.api.signUp({ firstName: 'Ana', lastName: 'Reyes', phone: UNKNOWN_PHONE, email: 'ana@example.com', favoriteStoreID: null, loyalty: true, sms: 'double_opt_in', emailOptIn: true })
    expect(r.sms).toBe('requested')
    expect(r.customer).toMatchObject({ firstName: 'Ana', member: true, sms: 'pending', phone: UNKNOWN_PHONE })
    const again = await h.services.api.checkIn({ input: UNKNOWN_PHONE })
    expect(again.kind === 'customer' && again.customer.contactID).toBe(r.customer.contactID)
  })

  it('loyalty and SMS are separate: joining loyalty without texts sends no opt-in', async () => {
    const r = await h.services.api.signUp({ firstName: 'Bo', lastName: '', phone: UNKNOWN_PHONE, email: '', favoriteStoreID: null, loyalty: true, sms: 'none', emailOptIn: false })
    expect(r).toMatchObject({ sms: 'not_requested', customer: { member: true, sms: 'none' } })
  })

  it('a number that opted out is never re-opted in', async () => {
    const o = PERSONAS.optedOut
    const r = await h.services.api.signUp({ firstName: o.firstName, lastName: o.lastName, phone: o.phone, email: '', favoriteStoreID: null, loyalty: true, sms: 'double_opt_in', emailOptIn: false })
    expect(r.sms).toBe('opted_out_kept')
    expect(r.customer.sms).toBe('opted_out')
    expect((await h.services.api.requestSmsOptIn({ phone: o.phone })).sms).toBe('opted_out_kept')
  })
})

describe('awards belong to the account they were given in', () => {
  it('a practice award never reaches a real account, and comes back with training mode', async () => {
    const real = await startSandbox({ port: 0 })
    try {
      await h.sandbox.stop() // the practice award stays queued
      const entry = await h.services.api.awardPoints({ customer: { phone: PERSONAS.member.phone }, customerName: 'Maya', value: 77, reason: 'Practice', budtender: 'Sam' })
      expect((await h.services.api.getStatus({})).outbox.pending).toBe(1)
      await h.services.api.saveAccount({ uid: real.uid, apiKey: real.apiKey, baseUrl: real.url, leaveWaiting: true, approval: PRACTICE_MANAGER_PIN })
      const live = await h.services.api.getStatus({})
      expect(live).toMatchObject({ mode: 'live', outbox: { pending: 0, sending: 0, failed: 0, otherAccounts: [{ label: 'training mode', waiting: 1 }] } })
      // still listed, marked as another account's: it never vanishes from view (issue 10, item 9)
      expect((await h.services.api.listOutbox({})).entries.map((e) => [e.id, e.otherAccount])).toEqual([[entry.id, true]])
      await h.services.api.checkIn({ input: PERSONAS.member.phone }) // AIQ answers: the engine would drain now
      await new Promise((r) => setTimeout(r, 300))
      expect(real.ledger).toHaveLength(0)
      await h.services.api.signOut({ approval: PRACTICE_MANAGER_PIN })
      await h.services.api.useTrainingMode({ approval: PRACTICE_MANAGER_PIN })
      expect((await h.services.api.listOutbox({})).entries.map((e) => [e.id, e.otherAccount])).toEqual([[entry.id, false]])
    } finally {
      await h.services.api.signOut({ leaveWaiting: true, approval: PRACTICE_MANAGER_PIN })
      await real.close()
    }
  })
})

describe('a live account whose key the keychain cannot give', () => {
  it('opens anyway and says what to do instead of "no account"', async () => {
    const { createServices } = await import('../../../electron/services')
    await h.services.api.saveAccount({ uid: h.sandbox.uid, apiKey: h.sandbox.apiKey, baseUrl: h.sandbox.url, approval: PRACTICE_MANAGER_PIN })
    // the same counter opened again (same data folder) on a computer whose keychain gives nothing back
    const lockedKeychain = { get: async () => null, set: async () => {}, delete: async () => false, available: async () => false }
    await h.services.close() // one counter per data folder (issue 10, item 12): the first one closes before it is reopened
    const reopened = await createServices({ dataDir: h.dataDir, secrets: lockedKeychain })
    try {
      expect((await reopened.api.getStatus({})).mode).toBe('live')
      await expect(reopened.api.checkIn({ input: PERSONAS.member.phone })).rejects.toMatchObject({ code: 'keychain_unavailable', message: expect.stringMatching(/keychain/) })
    } finally {
      await reopened.close()
      await createCredentialStore().delete(h.sandbox.uid) // what signing out would have removed
    }
  })
})

describe('connectivity seen at the counter', () => {
  it('a check-in that AIQ answers brings queued awards in at once, without waiting for the next probe', async () => {
    await h.sandbox.stop()
    await expect(h.services.api.checkIn({ input: UNKNOWN_PHONE })).resolves.toMatchObject({ offline: true })
    expect((await h.services.api.getStatus({})).online).toBe(false)
    // several failed probes push the next one well into the future
    const entry = await h.services.api.awardPoints({ customer: { contactID: h.sandbox.data.byPhone(PERSONAS.member.phone)!.contactID }, customerName: 'Maya', value: 5, reason: 'Purchase', budtender: 'Sam' })
    await new Promise((r) => setTimeout(r, 2500))
    await h.sandbox.restart()
    await h.services.api.checkIn({ input: PERSONAS.member.phone })
    await eventually(() => h.sandbox.ledger.some((l) => l.note.includes(entry.id)), 1500)
    expect((await h.services.api.getStatus({})).online).toBe(true)
  })
})

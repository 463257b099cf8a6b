// Choosing a profile, and the quirks switches that exist in both.
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_PROFILE, PROFILES, startSandbox, type Sandbox } from '../../../electron/sandbox'

const open: Sandbox[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()))
})
const start = async (...args: Parameters<typeof startSandbox>): Promise<Sandbox> => {
  const s = await startSandbox(...args)
  open.push(s)
  return s
}

describe('profiles', () => {
  it('a sandbox started without a profile gets DEFAULT_PROFILE', async () => {
    expect(PROFILES).toContain(DEFAULT_PROFILE)
    expect((await start({ personas: 0 })).profile).toBe(DEFAULT_PROFILE)
  })

  it.each(PROFILES)('profile %s is reported as asked and cannot be changed', async (profile) => {
    const sb = await start({ profile, personas: 0 })
    expect(sb.profile).toBe(profile)
    expect(() => {
      ;(sb as { profile: string }).profile = profile === 'wild' ? 'documented' : 'wild'
    }).toThrow(TypeError)
    expect(sb.profile).toBe(profile)
  })

  it('refuses an unknown profile', async () => {
    await expect(startSandbox({ profile: 'staging' as never })).rejects.toThrow(/profile/)
  })

  it.each(PROFILES)('%s: quirks default to adjustmentNotes true, can be set at start and changed at runtime', async (profile) => {
    const a = await start({ profile, personas: 0 })
    expect(a.quirks).toEqual({ adjustmentNotes: true, redemptionOrigin: null })
    a.quirks.adjustmentNotes = false
    expect(a.quirks.adjustmentNotes).toBe(false)
    const b = await start({ profile, personas: 0, quirks: { adjustmentNotes: false } })
    expect(b.quirks).toEqual({ adjustmentNotes: false, redemptionOrigin: null })
  })
})

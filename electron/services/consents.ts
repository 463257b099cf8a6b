// The consent ledger's use-cases: the disclosure (default text, the manager's edits, every version kept with its
// SHA-256), one ledger row per choice (the phone masked plus a keyed hash, never in clear), the day's rows and the CSV.
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { ConsentRow, ConsentSettings as Settings_, Disclosure } from '../../shared/contract'
import { ConsentSettings } from '../../shared/contract'
import { consentsCsv, DEFAULT_DISCLOSURE_PARTS, disclosureText, maskedPhone } from '../../shared/consent-words'
import type { Clock } from '../clock'
import type { ConsentChannel, ConsentChoice, ConsentStore, GivenBy } from '../store/consents'
import type { Settings } from '../store/settings'

const SETTINGS_KEY = 'consentSettings'
const SECRET_KEY = 'consentHashSecret'

export const DEFAULT_CONSENT_SETTINGS: Settings_ = { ...DEFAULT_DISCLOSURE_PARTS, doubleOptIn: true, askDataRetention: false }

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

export function createConsentService(deps: {
  store: ConsentStore
  settings: Settings
  /** AIQ's time (aiq-time.ts) and this computer's */
  aiqClock: Clock
  wall: Clock
  counterName: () => string
  /** the signed-in budtender's name, or '' */
  budtender: () => string
}) {
  const { store, settings } = deps

  /** a per-install secret: the keyed hash finds one person's rows on request, and cannot be reversed without it */
  const secret = (): string => {
    const saved = settings.get(SECRET_KEY, z.string().regex(/^[0-9a-f]{64}$/), '')
    if (saved) return saved
    const made = randomBytes(32).toString('hex')
    settings.set(SECRET_KEY, made)
    return made
  }
  const phoneHash = (phone10: string) => createHmac('sha256', secret()).update(phone10).digest('hex')

  const consentSettings = (): Settings_ => ({ ...DEFAULT_CONSENT_SETTINGS, ...settings.get(SETTINGS_KEY, ConsentSettings.partial(), {}) })

  /** the version shown now; the first call stores the default text as version 1 */
  function disclosure(): Disclosure {
    const text = disclosureText(consentSettings())
    const last = store.currentDisclosure()
    if (last && last.text === text) return { version: last.version, text: last.text, sha256: last.sha256 }
    const added = store.addDisclosure({ text, sha256: sha256Hex(text), createdAt: deps.wall.now(), createdBy: last ? 'settings' : 'default' })
    return { version: added.version, text: added.text, sha256: added.sha256 }
  }

  const view = () => ({ settings: consentSettings(), disclosure: disclosure(), versions: store.disclosures().length })

  return {
    disclosure,
    settings: consentSettings,
    record(c: { phone: string; channel: ConsentChannel; choice: ConsentChoice; givenBy: GivenBy; disclosure: Disclosure }): ConsentRow {
      return store.record({
        phoneMasked: maskedPhone(c.phone),
        phoneHash: phoneHash(c.phone),
        channel: c.channel,
        choice: c.choice,
        disclosureVersion: c.disclosure.version,
        disclosureSha256: c.disclosure.sha256,
        aiqAt: deps.aiqClock.now(),
        counterAt: deps.wall.now(),
        counterName: deps.counterName(),
        budtender: deps.budtender(),
        givenBy: c.givenBy,
      })
    },
    /** the customer's own last SMS choice recorded here, if any */
    lastSmsChoice: (phone: string) => store.lastSmsChoice(phoneHash(phone))?.choice ?? null,
    forPhone: (phone: string) => store.forPhoneHash(phoneHash(phone)),
    api: {
      getConsentSettings: async () => view(),
      /** the caller checked the manager's approval (a Settings change); a changed text becomes a new version */
      saveConsentSettings: async (next: Settings_) => {
        settings.set(SETTINGS_KEY, ConsentSettings.parse(next))
        return view()
      },
      listConsents: async ({ from, to }: { from: number; to: number }) => ({ consents: store.between(from, to) }),
      exportConsents: async ({ from, to }: { from: number; to: number }) => ({
        csv: consentsCsv(store.between(from, to)),
        filename: `consents-${new Date(from).toISOString().slice(0, 10)}.csv`,
      }),
    },
  }
}
export type ConsentService = ReturnType<typeof createConsentService>

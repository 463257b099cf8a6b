// The consent ledger and the disclosure texts (SQL only). Both tables are append-only: the schema's triggers refuse
// UPDATE and DELETE, so a row written here is the record a compliance request gets, unchanged.
import type { Db } from './db'

export type ConsentChannel = 'sms' | 'data_retention'
export type ConsentChoice = 'yes' | 'no'
export type GivenBy = 'customer_screen' | 'budtender'

export type NewConsent = {
  phoneMasked: string
  phoneHash: string
  channel: ConsentChannel
  choice: ConsentChoice
  disclosureVersion: number | null
  disclosureSha256: string | null
  aiqAt: number
  counterAt: number
  counterName: string
  budtender: string
  givenBy: GivenBy
}
export type ConsentRecord = NewConsent & { id: number }

export type DisclosureVersion = { version: number; text: string; sha256: string; createdAt: number; createdBy: string }

type Row = {
  id: number
  phone_masked: string
  phone_hash: string
  channel: ConsentChannel
  choice: ConsentChoice
  disclosure_version: number | null
  disclosure_sha256: string | null
  aiq_at: number
  counter_at: number
  counter_name: string
  budtender: string
  given_by: GivenBy
}

const toRecord = (r: Row): ConsentRecord => ({
  id: r.id,
  phoneMasked: r.phone_masked,
  phoneHash: r.phone_hash,
  channel: r.channel,
  choice: r.choice,
  disclosureVersion: r.disclosure_version,
  disclosureSha256: r.disclosure_sha256,
  aiqAt: r.aiq_at,
  counterAt: r.counter_at,
  counterName: r.counter_name,
  budtender: r.budtender,
  givenBy: r.given_by,
})

export function createConsentStore(db: Db) {
  const insert = db.prepare(`
    INSERT INTO consents (phone_masked, phone_hash, channel, choice, disclosure_version, disclosure_sha256, aiq_at,
                          counter_at, counter_name, budtender, given_by)
    VALUES (@phoneMasked, @phoneHash, @channel, @choice, @disclosureVersion, @disclosureSha256, @aiqAt, @counterAt,
            @counterName, @budtender, @givenBy)`)
  const between = db.prepare<[number, number], Row>('SELECT * FROM consents WHERE aiq_at >= ? AND aiq_at < ? ORDER BY id')
  const byHash = db.prepare<[string], Row>('SELECT * FROM consents WHERE phone_hash = ? ORDER BY id')
  const latestSms = db.prepare<[string], Row>("SELECT * FROM consents WHERE phone_hash = ? AND channel = 'sms' ORDER BY id DESC LIMIT 1")
  const addDisclosure = db.prepare(
    'INSERT INTO disclosures (version, text, sha256, created_at, created_by) VALUES (@version, @text, @sha256, @createdAt, @createdBy)',
  )
  const lastDisclosure = db.prepare<[], { version: number; text: string; sha256: string; created_at: number; created_by: string }>(
    'SELECT * FROM disclosures ORDER BY version DESC LIMIT 1',
  )
  const allDisclosures = db.prepare<[], { version: number; text: string; sha256: string; created_at: number; created_by: string }>(
    'SELECT * FROM disclosures ORDER BY version',
  )
  const toVersion = (r: { version: number; text: string; sha256: string; created_at: number; created_by: string }): DisclosureVersion => ({
    version: r.version,
    text: r.text,
    sha256: r.sha256,
    createdAt: r.created_at,
    createdBy: r.created_by,
  })

  return {
    record(c: NewConsent): ConsentRecord {
      const id = Number(insert.run(c).lastInsertRowid)
      return { ...c, id }
    },
    /** rows whose AIQ time is in [from, to) */
    between: (from: number, to: number): ConsentRecord[] => between.all(from, to).map(toRecord),
    forPhoneHash: (hash: string): ConsentRecord[] => byHash.all(hash).map(toRecord),
    lastSmsChoice: (hash: string): ConsentRecord | null => {
      const r = latestSms.get(hash)
      return r ? toRecord(r) : null
    },
    currentDisclosure(): DisclosureVersion | null {
      const r = lastDisclosure.get()
      return r ? toVersion(r) : null
    },
    disclosures: (): DisclosureVersion[] => allDisclosures.all().map(toVersion),
    /** a new version after the last one; the text is kept exactly as given */
    addDisclosure(d: Omit<DisclosureVersion, 'version'>): DisclosureVersion {
      return db.transaction(() => {
        const version = (lastDisclosure.get()?.version ?? 0) + 1
        addDisclosure.run({ version, ...d })
        return { version, ...d }
      }).immediate()
    },
  }
}
export type ConsentStore = ReturnType<typeof createConsentStore>

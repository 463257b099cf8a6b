// The disclosure the customer reads before choosing texts (47 CFR 64.1200(f)(8): it names the number and says consent
// is not a condition of purchase), built from the parts a manager edits; and the ledger as CSV for a compliance request.
// Pure: no Node, no DOM.

export type DisclosureParts = { storeName: string; programName: string; terms: string }

export const DEFAULT_DISCLOSURE_PARTS: DisclosureParts = {
  storeName: 'Our store',
  programName: 'our rewards program',
  terms: 'ask at the counter for the full terms and privacy policy',
}

/** where the customer's own number goes in the text; the stored (hashed) version keeps the placeholder */
export const PHONE_PLACEHOLDER = '{phone}'

const clean = (s: string) => s.replace(/\s+/g, ' ').trim()

/** The whole disclosure (both paragraphs) as one versioned text: the SMS paragraph, then the data-retention one. */
export function disclosureText(parts: DisclosureParts): string {
  const store = clean(parts.storeName) || DEFAULT_DISCLOSURE_PARTS.storeName
  const program = clean(parts.programName) || DEFAULT_DISCLOSURE_PARTS.programName
  const terms = clean(parts.terms) || DEFAULT_DISCLOSURE_PARTS.terms
  return [
    `By tapping “Yes, text me offers”, you agree that ${store} may send recurring automated marketing text messages about ` +
      `${program} to ${PHONE_PLACEHOLDER}. Consent is not a condition of purchase. Msg & data rates may apply. Msg frequency ` +
      `varies. Reply STOP to cancel, HELP for help. Terms: ${terms}.`,
    `${store} keeps your name, phone number and visits to run ${program}. You may ask us to delete them at any time. ` +
      'Saying no does not stop you from buying today.',
  ].join('\n\n')
}

/** The SMS paragraph, with the customer's number in it, as it is shown. */
export function smsDisclosure(text: string, phoneShown: string): string {
  return (text.split('\n\n')[0] ?? text).split(PHONE_PLACEHOLDER).join(phoneShown)
}
/** The data-retention paragraph, as it is shown. */
export function retentionDisclosure(text: string): string {
  return text.split('\n\n')[1] ?? ''
}

/** The elements the rule names: each must be in the SMS paragraph (a unit test holds the default to it). */
export const REQUIRED_ELEMENTS = ['not a condition of purchase', 'Msg & data rates may apply', 'Reply STOP to cancel, HELP for help', 'recurring', PHONE_PLACEHOLDER, 'Terms:']

export type ConsentCsvRow = {
  id: number
  aiqAt: number
  counterAt: number
  phoneMasked: string
  phoneHash: string
  channel: string
  choice: string
  disclosureVersion: number | null
  disclosureSha256: string | null
  counterName: string
  budtender: string
  givenBy: string
}

const CSV_HEADER = ['id', 'aiq_time', 'counter_time', 'phone_masked', 'phone_hash', 'channel', 'choice', 'disclosure_version', 'disclosure_sha256', 'counter', 'budtender', 'given_by']

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet never runs a cell as a formula. */
function cell(v: string | number | null): string {
  if (v === null) return ''
  let s = String(v)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function consentsCsv(rows: readonly ConsentCsvRow[]): string {
  const lines = [CSV_HEADER.join(',')]
  for (const r of rows) {
    lines.push(
      [r.id, new Date(r.aiqAt).toISOString(), new Date(r.counterAt).toISOString(), r.phoneMasked, r.phoneHash, r.channel, r.choice, r.disclosureVersion, r.disclosureSha256, r.counterName, r.budtender, r.givenBy]
        .map(cell)
        .join(','),
    )
  }
  return lines.join('\r\n') + '\r\n'
}

/** "(•••) •••-0100" */
export const maskedPhone = (phone10: string) => `(•••) •••-${phone10.slice(-4)}`

export const GIVEN_BY_WORDS: Record<string, string> = {
  customer_screen: 'customer screen',
  budtender: 'budtender, on the customer’s word',
}

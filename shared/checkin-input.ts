// What the one check-in field was given, decided by content, never by which screen is open. The one router: the
// field's hint (renderer) and the lookup (main) both ask classifyInput, so what the field says is what main does.
import { looksLikeLicenceData } from './aamva'
import { isContactId } from './contact-id'
import { formatPhone, type Phone10, toPhone10 } from './phone'

export type CheckInInput =
  | { kind: 'phone'; phone: Phone10 }
  | { kind: 'contact'; contactID: string }
  | { kind: 'srcid'; srcID: string }
  /** a driver's licence or ID card barcode, or what can only be part of one: goes to the ID check, never to AIQ */
  | { kind: 'licence' }

/** Strip what scanners put around or inside a code: control characters, surrounding space. */
export function cleanScan(raw: string): string {
  return raw.replace(/[\u0000-\u001f\u007f]/g, '').trim()
}

export function classifyInput(raw: string): CheckInInput {
  if (looksLikeLicenceData(raw)) return { kind: 'licence' }
  const text = cleanScan(raw)
  const phone = toPhone10(text)
  if (phone) return { kind: 'phone', phone }
  if (isContactId(text)) return { kind: 'contact', contactID: text.toLowerCase() }
  const fromUrl = contactIdFromUrl(text)
  if (fromUrl) return { kind: 'contact', contactID: fromUrl }
  return { kind: 'srcid', srcID: text }
}

/** What the field says it will do with what is in it (null: nothing to say beyond its standing words). */
export function checkInHint(input: CheckInInput): string | null {
  return input.kind === 'phone' ? `Looks like a phone: ${formatPhone(input.phone)}` : null
}

/** AIQ wallet / QR links carry the contact id as a path segment or a query parameter. */
function contactIdFromUrl(text: string): string | null {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  for (const key of ['contactID', 'contactId', 'cid', 'c', 'id']) {
    const v = url.searchParams.get(key)
    if (v && isContactId(v)) return v.toLowerCase()
  }
  const segment = url.pathname.split('/').find(isContactId)
  return segment ? segment.toLowerCase() : null
}

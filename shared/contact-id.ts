// What an AIQ contact id looks like, said once for the whole app.

/**
 * AIQ's contact id ("universal id") as AIQ documents and issues it: 32 hex characters (electron/aiq/README.md §conventions).
 * Typed or scanned text is taken for a contact id only in this form; anything else may be a POS id.
 */
export const CONTACT_ID_PATTERN = /^[0-9a-f]{32}$/i

export const isContactId = (text: string): boolean => CONTACT_ID_PATTERN.test(text)

/**
 * The longest contact id the counter carries. AIQ's answers are read tolerantly (electron/aiq/read.ts), so the IPC
 * contract takes whatever non-empty id AIQ answered with, up to this length, not only the documented form.
 */
export const CONTACT_ID_MAX_LENGTH = 128

/**
 * The one way contact ids are compared (AIQ issues them in lower case, but answers and scans may differ in case):
 * every duplicate check, store query and match against AIQ's rows goes through this.
 */
export const contactKey = (id: string): string => id.trim().toLowerCase()
export const sameContact = (a: string | null | undefined, b: string | null | undefined): boolean =>
  typeof a === 'string' && typeof b === 'string' && contactKey(a) === contactKey(b)

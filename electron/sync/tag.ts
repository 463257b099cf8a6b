// The tag that makes an AIQ adjustment findable again: the outbox row's ULID at the front of the note, with the
// counter that awarded and who did it, so AIQ's list and the shift report say where each award came from.
// AIQ's adjust endpoint has no idempotency key; this tag plus the adjustments list stands in for one.
//   [aiqc:01J…]                      older versions
//   [aiqc:01J…;Counter 2;Sam] Purchase
const ULID = '[0-9A-HJKMNP-TV-Z]{26}'
const TAG = new RegExp(`\\[aiqc:(${ULID})(?:;([^;\\]]*))?(?:;([^;\\]]*))?\\]`, 'i')
/** the longest counter or person name carried in a note */
const NAME_MAX = 40

/** a name as it may go into the tag: no brackets or separators, one line, short */
const clean = (s: string | undefined) =>
  (s ?? '')
    .replace(/[[\];\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, NAME_MAX)
    .trim()

export function tagNote(outboxId: string, reason: string, from: { counter?: string; by?: string } = {}): string {
  if (!new RegExp(`^${ULID}$`, 'i').test(outboxId)) throw new TypeError(`not a ULID: ${outboxId}`)
  const counter = clean(from.counter)
  const by = clean(from.by)
  const extra = counter || by ? `;${counter}${by ? `;${by}` : ''}` : ''
  return `[aiqc:${outboxId.toUpperCase()}${extra}] ${reason}`
}

export type Tag = { id: string; counter: string | null; by: string | null }

/** The tag in a note written by tagNote (anywhere in it: AIQ or a person may add text around it), or null. */
export function readTagInfo(note: string | null | undefined): Tag | null {
  if (!note) return null
  const m = TAG.exec(note)
  if (!m) return null
  const name = (s: string | undefined) => (s && s.trim() ? s.trim() : null)
  return { id: m[1]!.toUpperCase(), counter: name(m[2]), by: name(m[3]) }
}

/** The outbox id in a note written by tagNote, or null. */
export const readTag = (note: string | null | undefined): string | null => readTagInfo(note)?.id ?? null

/** The reason without the tag, for showing AIQ's notes to a person. */
export function stripTag(note: string): string {
  return note.replace(TAG, '').replace(/\s{2,}/g, ' ').trim()
}

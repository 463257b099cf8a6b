// The tag that makes an AIQ adjustment findable again: the outbox row's ULID at the front of the note.
// AIQ's adjust endpoint has no idempotency key; this tag plus the adjustments list stands in for one.
const ULID = '[0-9A-HJKMNP-TV-Z]{26}'
const TAG = new RegExp(`\\[aiqc:(${ULID})\\]`, 'i')

export function tagNote(outboxId: string, reason: string): string {
  if (!new RegExp(`^${ULID}$`, 'i').test(outboxId)) throw new TypeError(`not a ULID: ${outboxId}`)
  return `[aiqc:${outboxId.toUpperCase()}] ${reason}`
}

/** The outbox id in a note written by tagNote (anywhere in it: AIQ or a person may add text around it), or null. */
export function readTag(note: string | null | undefined): string | null {
  if (!note) return null
  const m = TAG.exec(note)
  return m ? m[1]!.toUpperCase() : null
}

/** The reason without the tag, for showing AIQ's notes to a person. */
export function stripTag(note: string): string {
  return note.replace(TAG, '').replace(/\s{2,}/g, ' ').trim()
}

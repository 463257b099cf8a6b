// "Did this write reach AIQ?" is answered once (aiq/write-outcome), and awards and redemptions both go by it.
import { describe, expect, it } from 'vitest'
import { AiqError, ForeignUrlError } from '../../../../electron/aiq/errors'
import { writeOutcome, type WriteOutcome } from '../../../../electron/aiq/write-outcome'
import { failedPut } from '../../../../electron/services/redemption-rules'
import { actionFor } from '../../../../electron/sync/reconcile'

const table: [string, unknown, WriteOutcome][] = [
  ['a connection never made', new AiqError('offline', undefined, { notSent: true }), 'not_sent'],
  ['a timeout before the request left', new AiqError('timeout', undefined, { notSent: true }), 'not_sent'],
  ['a 429', new AiqError('rate_limited', undefined, { status: 429, retryAfterMs: 2000 }), 'not_sent'],
  ['a rejected key', new AiqError('unauthorized', undefined, { status: 401 }), 'not_sent'],
  ['input refused before sending', new AiqError('invalid_input', 'Points must be a whole number.'), 'not_sent'],
  ['a link to another server', new ForeignUrlError('evil.example'), 'not_sent'],
  ['a redirect (never followed)', new AiqError('bad_response', 'x', { status: 302, aiqMessage: 'Found', wrongAddress: true }), 'not_sent'],
  ['a 405 for the address', new AiqError('bad_response', 'x', { status: 405, aiqMessage: 'Method Not Allowed', wrongAddress: true }), 'not_sent'],
  ['a 400 in AIQ’s words', new AiqError('bad_response', 'x', { status: 400, aiqMessage: 'value must be an integer' }), 'refused'],
  ['a 422 without words', new AiqError('bad_response', 'x', { status: 422 }), 'refused'],
  ['a 404 for what was asked', new AiqError('not_found', undefined, { status: 404, aiqMessage: 'no such customer' }), 'refused'],
  ['a 200 whose envelope says success:false', new AiqError('bad_response', 'x', { status: 200, aiqMessage: 'contact is blocked' }), 'refused'],
  ['a timeout after sending', new AiqError('timeout'), 'unknown'],
  ['a reset after connecting', new AiqError('offline', undefined, { notSent: false }), 'unknown'],
  ['a 5xx', new AiqError('server_error', undefined, { status: 503 }), 'unknown'],
  ['a 2xx we could not read', new AiqError('bad_response', 'x', { status: 200 }), 'unknown'],
  ['an answer without a status we could not read', new AiqError('bad_response', 'x', { aiqMessage: 'odd' }), 'unknown'],
  ['a bug of ours reading the answer', new TypeError('oops'), 'unknown'],
]

describe('did this write reach AIQ?', () => {
  it.each(table)('%s → %s', (_, e, want) => {
    expect(writeOutcome(e)).toBe(want)
  })

  it.each(table)('%s: an award and a redemption read it alike', (_, e, want) => {
    const award = actionFor(e, 'send', false)
    const awardMayBeInAiq = award.kind === 'retry' && award.mayHaveApplied
    expect(awardMayBeInAiq).toBe(want === 'unknown')
    expect(failedPut(e).kind).toBe(want)
  })

  it('a refusal is never retried for either kind', () => {
    for (const [, e, want] of table) if (want === 'refused') expect(actionFor(e, 'send', false).kind).toBe('fail')
  })
})

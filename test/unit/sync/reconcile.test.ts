import { describe, expect, it } from 'vitest'
import { AiqError } from '../../../electron/aiq/errors'
import type { Adjustment } from '../../../electron/aiq/types'
import { actionFor, customerNotFound, reconcile, reconcileWindow } from '../../../electron/sync/reconcile'
import { tagNote } from '../../../electron/sync/tag'

const row = { id: '01JDQ8Z6T3W5R7Y9B1C3D5F7G9', contactID: 'c-1', value: 25 }
const adj = (over: Partial<Adjustment> = {}): Adjustment => ({
  contactID: 'c-1',
  value: 25,
  note: tagNote(row.id, 'visit'),
  ts: 1_700_000_000,
  ...over,
})

describe('reconciliation: is a possibly-sent award already in AIQ?', () => {
  it('finds its own tag for the same customer and value: already applied, do not send', () => {
    expect(reconcile(row, [adj({ contactID: 'other', note: 'x', value: 3 }), adj()])).toEqual({ kind: 'already_applied', copies: 1 })
  })

  it('no tag in the window: send it', () => {
    expect(reconcile(row, [])).toEqual({ kind: 'send' })
    expect(reconcile(row, [adj({ note: 'visit' }), adj({ note: null }), adj({ note: tagNote('01JDQ8Z6T3W5R7Y9B1C3D5F7GA', 'other award') })])).toEqual({
      kind: 'send',
    })
  })

  it('the tag on another customer or amount is a conflict for a person, never a resend', () => {
    const d = reconcile(row, [adj({ contactID: 'c-2' })])
    expect(d.kind).toBe('conflict')
    expect(reconcile(row, [adj({ value: -25 })]).kind).toBe('conflict')
  })

  it('reports copies when AIQ already holds it twice (never sends a third)', () => {
    expect(reconcile(row, [adj(), adj()])).toEqual({ kind: 'already_applied', copies: 2 })
  })

  it('searches from 5 minutes before the award to 5 minutes after now, in epoch seconds', () => {
    const created = 1_700_000_000_500
    const now = created + 3_600_000
    expect(reconcileWindow(created, now)).toEqual({ startSec: 1_700_000_000 - 300, endSec: 1_700_003_600 + 301 })
    // a counter clock behind the award time still covers the award
    expect(reconcileWindow(created, created - 10_000).endSec).toBeGreaterThan(created / 1000)
  })
})

describe('error -> action', () => {
  const send = (e: unknown, byPhone = false) => actionFor(e, 'send', byPhone)

  it('unreachable or slow AIQ: retry, and the PUT may have landed so check the tag first', () => {
    for (const kind of ['offline', 'timeout'] as const) {
      expect(send(new AiqError(kind))).toMatchObject({ kind: 'retry', mayHaveApplied: true, unreachable: true })
    }
  })

  it('a connection refused before anything was sent: retry, and no tag check is needed', () => {
    expect(send(new AiqError('offline', undefined, { notSent: true }))).toMatchObject({ kind: 'retry', mayHaveApplied: false, unreachable: true })
  })

  it('5xx: retry with backoff; AIQ may have applied it', () => {
    expect(send(new AiqError('server_error', undefined, { status: 503 }))).toMatchObject({ kind: 'retry', mayHaveApplied: true, unreachable: false, floorMs: 0 })
  })

  it('429: retry no sooner than Retry-After; AIQ refused it, so nothing was applied', () => {
    expect(send(new AiqError('rate_limited', undefined, { status: 429, retryAfterMs: 4000 }))).toMatchObject({
      kind: 'retry',
      mayHaveApplied: false,
      floorMs: 4000,
    })
  })

  it('a 2xx with a body we cannot read: retry and check the tag (it was probably applied)', () => {
    expect(send(new AiqError('bad_response', undefined, { status: 200 }))).toMatchObject({ kind: 'retry', mayHaveApplied: true })
    expect(send(new AiqError('bad_response'))).toMatchObject({ kind: 'retry', mayHaveApplied: true })
  })

  it('401/403: pause the whole queue and tell the user', () => {
    const a = send(new AiqError('unauthorized', undefined, { status: 401 }))
    expect(a.kind).toBe('pause')
    expect(a.message).toMatch(/key/i)
    expect(actionFor(new AiqError('unauthorized'), 'lookup', true).kind).toBe('pause')
    expect(actionFor(new AiqError('unauthorized'), 'reconcile', false).kind).toBe('pause')
  })

  it('a phone AIQ does not know: failed, "fix customer"', () => {
    expect(actionFor(new AiqError('not_found', undefined, { status: 404 }), 'lookup', true)).toEqual({ kind: 'fail', message: customerNotFound })
    expect(send(new AiqError('not_found', undefined, { status: 404 }), true)).toEqual({ kind: 'fail', message: customerNotFound })
    expect(send(new AiqError('not_found', undefined, { status: 404 })).message).toMatch(/fix customer/)
  })

  it("other 4xx: failed with AIQ's own message", () => {
    const a = send(new AiqError('bad_response', 'AIQ said no', { status: 400, aiqMessage: 'value must be an integer' }))
    expect(a).toEqual({ kind: 'fail', message: 'AIQ refused this award: value must be an integer' })
    expect(send(new AiqError('bad_response', 'Bad request from AIQ', { status: 422 }))).toEqual({ kind: 'fail', message: 'Bad request from AIQ' })
    // {success:false, message} on a 200 is a refusal too
    expect(send(new AiqError('bad_response', 'x', { status: 200, aiqMessage: 'contact is blocked' }))).toEqual({
      kind: 'fail',
      message: 'AIQ refused this award: contact is blocked',
    })
  })

  it('while checking for the tag, nothing parks the row (it may be in AIQ already): it is retried', () => {
    for (const e of [new AiqError('bad_response', 'x', { status: 400 }), new AiqError('not_found'), new AiqError('server_error'), new Error('bug')]) {
      expect(actionFor(e, 'reconcile', false)).toMatchObject({ kind: 'retry', mayHaveApplied: true })
    }
    expect(actionFor(new AiqError('offline'), 'reconcile', false)).toMatchObject({ kind: 'retry', unreachable: true })
  })

  it('a bug of ours (not an AiqError) keeps the row for another try, never drops it', () => {
    expect(send(new TypeError('oops'))).toMatchObject({ kind: 'retry', mayHaveApplied: true })
    expect(actionFor(new TypeError('oops'), 'lookup', true)).toMatchObject({ kind: 'retry', mayHaveApplied: false })
  })
})

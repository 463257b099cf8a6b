import { describe, expect, it } from 'vitest'
import { AiqError } from '../../../../electron/aiq/errors'
import { actionFor, countLike, customerNotFound, keepsNotes, matchWindow, maxUnreadable, reconcile as decide } from '../../../../electron/sync/reconcile'
import { lookFrom } from '../../../../electron/aiq/look-window'
import { adjustment } from '../../../support/fake-aiq'
import { tagNote } from '../../../../electron/sync/tag'

const SENT = 1_700_000_000_000
const row = { id: '01JDQ8Z6T3W5R7Y9B1C3D5F7G9', contactID: 'c-1', value: 25, customerName: 'Maya Lopez', reason: 'visit', sentAt: SENT, settleAt: SENT + 30_000 }
const adj = (over: Partial<Parameters<typeof adjustment>[0]> = {}) =>
  adjustment({ contactID: 'c-1', value: 25, note: tagNote(row.id, 'visit'), ts: SENT / 1000 + 2, ...over })
/** a row as AIQ lists it when it keeps no notes */
const bare = (over: Partial<Parameters<typeof adjustment>[0]> = {}) => adj({ note: null, hasNote: false, ...over })
/** as this counter decides when it is the account's only counter (the other-counter rule has its own tests) */
const reconcile = (r: Parameters<typeof decide>[0], a: Parameters<typeof decide>[1], n?: Parameters<typeof decide>[2], o: Parameters<typeof decide>[3] = {}) =>
  decide(r, a, n, { onlyCounter: true, ...o })

describe('reconciliation: is a possibly-sent award already in AIQ?', () => {
  it('finds its own tag for the same customer and value: already applied, do not send', () => {
    expect(reconcile(row, [adj({ contactID: 'other', note: 'x', value: 3 }), adj()])).toEqual({ kind: 'already_applied', copies: 1, how: 'tag' })
  })

  it('no tag in the window while AIQ keeps notes: send it', () => {
    expect(reconcile(row, [])).toEqual({ kind: 'send' })
    expect(reconcile(row, [adj({ note: 'visit' }), adj({ note: tagNote('01JDQ8Z6T3W5R7Y9B1C3D5F7GA', 'other award') })])).toEqual({ kind: 'send' })
  })

  it('the tag on another customer or amount is a conflict for a person, never a resend', () => {
    const d = reconcile(row, [adj({ contactID: 'c-2' })])
    expect(d.kind).toBe('conflict')
    expect(reconcile(row, [adj({ value: -25 })]).kind).toBe('conflict')
  })

  it('reports copies when AIQ already holds it twice (never sends a third)', () => {
    expect(reconcile(row, [adj(), adj()])).toEqual({ kind: 'already_applied', copies: 2, how: 'tag' })
  })
})

describe('reconciliation when AIQ keeps no notes: customer + value + time', () => {
  it('exactly one matching row around the last PUT: found in AIQ, not sent again', () => {
    expect(reconcile(row, [bare(), bare({ contactID: 'c-2' }), bare({ value: 5 })])).toEqual({ kind: 'already_applied', copies: 1, how: 'match' })
  })

  it('no matching row once the PUT has settled: send it', () => {
    expect(reconcile(row, [bare({ contactID: 'c-2' }), bare({ value: 26 })])).toEqual({ kind: 'send' })
    // same customer and value, but long before this award was sent: not this one
    expect(reconcile(row, [bare({ ts: (SENT - 3_600_000) / 1000 })])).toEqual({ kind: 'send' })
  })

  it('two candidates: parked as "needs a check" with what to look for in AIQ', () => {
    const d = reconcile(row, [bare(), bare({ ts: SENT / 1000 + 20 })])
    expect(d.kind).toBe('needs_check')
    const message = (d as { message: string }).message
    expect(message).toMatch(/^Needs a check in AIQ: AIQ lists 2 adjustments of \+25 points for Maya Lopez/)
    expect(message).toMatch(/"visit"/)
    expect(message).toMatch(/discard it here.*press Retry/)
  })

  it("rows this counter's other synced awards account for are not counted twice", () => {
    // two rows in AIQ, one of them is another award of ours already synced: the other one is this award
    expect(reconcile(row, [bare(), bare({ ts: SENT / 1000 + 20 })], { synced: 1, inDoubt: 0 })).toMatchObject({ kind: 'already_applied', how: 'match' })
    // one row in AIQ, and it is the other award's: this one never arrived
    expect(reconcile(row, [bare()], { synced: 1, inDoubt: 0 })).toEqual({ kind: 'send' })
  })

  it('another award of ours is also in doubt about the same row: a person decides', () => {
    expect(reconcile(row, [bare()], { synced: 0, inDoubt: 1 }).kind).toBe('needs_check')
  })

  it('a row without a readable time may be this one', () => {
    expect(reconcile(row, [bare({ ts: null })])).toMatchObject({ kind: 'already_applied', how: 'match' })
  })

  it('never matched without notes before the award was ever sent', () => {
    expect(reconcile({ ...row, sentAt: null }, [bare()])).toEqual({ kind: 'send' })
  })

  it('with a baseline (rows like it just before the PUT), only a new row can be this award', () => {
    // one row was already there, one is now: a lost PUT; the other counter's row is not ours
    expect(reconcile({ ...row, baseline: 1 }, [bare()])).toEqual({ kind: 'send' })
    expect(reconcile({ ...row, baseline: 1 }, [bare(), bare({ ts: SENT / 1000 + 9 })])).toMatchObject({ kind: 'already_applied', how: 'match' })
    expect(reconcile({ ...row, baseline: 0 }, [bare(), bare({ ts: SENT / 1000 + 9 })]).kind).toBe('needs_check')
  })

  it('where AIQ is known to keep our notes, a row without one is never taken for this award', () => {
    // e.g. a manager's manual +25 in AIQ's own screen, a minute before this award's PUT was lost
    expect(reconcile(row, [bare()], { synced: 0, inDoubt: 0 }, { keepsNotes: true })).toEqual({ kind: 'send' })
  })

  it('a baseline counts from the start of the reconcile window, so an older matching row is never taken for this award', () => {
    const from = lookFrom(SENT - 180_000, SENT)
    // our own +25 synced 3 minutes earlier (seen by the baseline), and this award's PUT never landed
    expect(reconcile({ ...row, windowFrom: from, baseline: 1 }, [bare({ ts: (SENT - 170_000) / 1000 })])).toEqual({ kind: 'send' })
    expect(reconcile({ ...row, windowFrom: from, baseline: 1 }, [bare({ ts: (SENT - 170_000) / 1000 }), bare()])).toMatchObject({ kind: 'already_applied', how: 'match' })
  })

  it('where another counter may share the account, one new row without a note is never taken for this award', () => {
    // counter 2 gave the same customer the same +25 while this award's answer was lost: it may be theirs
    const d = decide({ ...row, baseline: 0, windowFrom: SENT - 300_000 }, [bare()], { synced: 0, inDoubt: 0 }, { onlyCounter: false })
    expect(d.kind).toBe('needs_check')
    expect((d as { message: string }).message).toMatch(/another counter on this AIQ account may have written it/)
    // the default is the safe one
    expect(decide(row, [bare()]).kind).toBe('needs_check')
    // nothing new in AIQ: no counter wrote it, so it is sent (another counter only ever adds rows)
    expect(decide({ ...row, baseline: 1, windowFrom: SENT - 300_000 }, [bare()], undefined, { onlyCounter: false })).toEqual({ kind: 'send' })
  })

  it('learns whether AIQ keeps notes from our tags only, and counts rows like an award from a time on', () => {
    expect(keepsNotes([])).toBeNull()
    expect(keepsNotes([bare(), adj()])).toBe(true)
    expect(keepsNotes([bare(), bare()])).toBe(false)
    expect(keepsNotes([bare(), adj({ note: 'manual bonus from the AIQ screen' })])).toBeNull()
    expect(countLike([bare(), bare({ value: 1 }), bare({ ts: (SENT - 600_000) / 1000 }), adj()], { contactID: 'c-1', value: 25 }, SENT - 120_000)).toBe(1)
  })

  it('looks 2 minutes either side of the PUT to its settle time', () => {
    expect(matchWindow(SENT, SENT + 30_000)).toEqual({ fromMs: SENT - 120_000, toMs: SENT + 150_000 })
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

  it('an unreadable answer counts toward parking the row; AIQ struggling (5xx, 429) slows the whole queue instead', () => {
    expect(send(new AiqError('bad_response', undefined, { status: 200 }))).toMatchObject({ unreadable: true, aiqWide: false })
    expect(actionFor(new AiqError('bad_response', 'x', { status: 200 }), 'reconcile', false)).toMatchObject({ unreadable: true, aiqWide: false })
    expect(send(new AiqError('server_error', undefined, { status: 502 }))).toMatchObject({ unreadable: false, aiqWide: true })
    expect(send(new AiqError('rate_limited'))).toMatchObject({ unreadable: false, aiqWide: true })
    expect(send(new AiqError('offline'))).toMatchObject({ unreadable: false, aiqWide: false })
    expect(maxUnreadable).toBeGreaterThan(1)
  })

  it('a wrong address (404/405 where no customer was asked for) parks the award with the reason: nothing was applied', () => {
    const e = new AiqError('bad_response', 'AIQ does not take this method at this address (award points, HTTP 405: Method Not Allowed).', {
      status: 405,
      aiqMessage: 'Method Not Allowed',
      wrongAddress: true,
    })
    expect(send(e)).toEqual({ kind: 'fail', message: e.message })
  })
})

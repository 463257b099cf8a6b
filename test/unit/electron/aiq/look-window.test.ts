// Where to look in AIQ for a write before sending it again: one window, on AIQ's clock, for awards and redemptions.
import { describe, expect, it } from 'vitest'
import { lookFrom, lookWindow, UNKNOWN_TIME_SLACK_MS } from '../../../../electron/aiq/look-window'

describe('the window of AIQ’s list read before a resend', () => {
  it('searches from 5 minutes before the write (or its first PUT, if earlier) to 5 minutes after now, in epoch seconds', () => {
    const created = 1_700_000_000_500
    const now = created + 3_600_000
    expect(lookWindow(lookFrom(created, now), now)).toEqual({ startSec: 1_700_000_000 - 300, endSec: 1_700_003_600 + 301 })
    // made on a clock 15 minutes fast (AIQ's time was not known yet), first sent on AIQ's time: the PUT is covered
    expect(lookFrom(created + 900_000, created + 60_000)).toBe(created + 60_000 - 300_000)
    // a now behind the window's start still covers the write
    expect(lookWindow(created, created - 10_000).endSec).toBeGreaterThan(created / 1000)
  })

  it('widens by a day and a half either side while AIQ’s time is not known', () => {
    const from = 1_700_000_000_000
    const known = lookWindow(from, from)
    const guessed = lookWindow(from, from, false)
    expect(known.startSec - guessed.startSec).toBe(UNKNOWN_TIME_SLACK_MS / 1000)
    expect(guessed.endSec - known.endSec).toBe(UNKNOWN_TIME_SLACK_MS / 1000)
  })

  it('never asks AIQ for a time before 1970', () => {
    expect(lookWindow(lookFrom(60_000, 60_000), 60_000).startSec).toBe(0)
  })
})

// "Did this write reach AIQ?" — the one reading of a failed write (an award's PUT, a redemption's PUT) that every
// write which must land once goes by. Each kind of write adds only its own words and what it does next.
import { AiqError } from './errors'

export type WriteOutcome =
  /** it never reached AIQ, or AIQ turned it away unread (busy, key rejected, wrong address): nothing was applied */
  | 'not_sent'
  /** AIQ read it and said no (a 4xx, a 404 for what was asked, or {success:false} in its words): nothing was applied */
  | 'refused'
  /** the answer was lost or unreadable (timeout, reset after connecting, 5xx, a 2xx we could not read): AIQ may have applied it */
  | 'unknown'

export function writeOutcome(e: unknown): WriteOutcome {
  // not an AIQ error: a bug of ours reading the answer, after the request may have gone out
  if (!(e instanceof AiqError)) return 'unknown'
  switch (e.kind) {
    case 'invalid_input':
    case 'unauthorized':
    case 'rate_limited':
      return 'not_sent'
    case 'offline':
    case 'timeout':
      return e.details.notSent === true ? 'not_sent' : 'unknown'
    case 'server_error':
      return 'unknown'
    case 'not_found':
      return 'refused'
    case 'bad_response': {
      const twoXx = e.status !== undefined && e.status >= 200 && e.status < 300
      // a 200 whose envelope says success:false in AIQ's own words is a refusal, not an unreadable answer
      if (twoXx && e.details.aiqMessage !== undefined) return 'refused'
      if (e.status === undefined || twoXx) return 'unknown'
      // a redirect (never followed) or a 404/405 for the address itself: AIQ never looked at what was asked
      if (e.details.wrongAddress) return 'not_sent'
      return 'refused'
    }
  }
}

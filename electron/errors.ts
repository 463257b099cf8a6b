// The one mapping from any thrown value to what the renderer may see. Services raise CounterError (shared/errors.ts).
import type { CounterErrorShape, ErrorCode } from '../shared/contract'
import { AiqError, type AiqErrorKind } from './aiq/errors'
import { CounterError } from '../shared/errors'

export { CounterError }

const fromAiq: Record<AiqErrorKind, ErrorCode> = {
  offline: 'offline',
  timeout: 'offline',
  unauthorized: 'unauthorized',
  not_found: 'not_found',
  rate_limited: 'rate_limited',
  server_error: 'server_error',
  bad_response: 'bad_response',
  invalid_input: 'invalid_input',
}

/** Never a stack trace: only a code and a message written for the person at the counter. */
export function toCounterError(e: unknown): CounterErrorShape {
  if (e instanceof CounterError) return { code: e.code, message: e.message }
  if (e instanceof AiqError) return { code: fromAiq[e.kind], message: e.message }
  return { code: 'internal', message: 'Something went wrong in the app. Try again; if it keeps happening, tell a manager.' }
}

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
  if (isDiskFailure(e))
    return {
      code: 'storage_error',
      message: "This computer couldn't write to its database (the disk may be full or failing), so this was NOT saved. Write it down, free some disk space or tell a manager, then try again.",
    }
  return { code: 'internal', message: 'Something went wrong in the app. Try again; if it keeps happening, tell a manager.' }
}

/** SQLite could not write: disk full, an I/O error, a read-only or locked-out file */
function isDiskFailure(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB)/.test(code)
}

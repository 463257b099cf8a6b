import type { ErrorCode } from './contract'

/** An error the person at the counter can act on: a code from the contract and a message written for them. */
export class CounterError extends Error {
  override readonly name = 'CounterError'
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
  }
}

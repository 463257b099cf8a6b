// The typed error taxonomy of every AIQ call. Each kind carries a message a budtender can act on.
export type AiqErrorKind =
  | 'offline' // network down, DNS, connection refused or reset
  | 'timeout' // AIQ did not answer in time
  | 'unauthorized' // 401/403: the API key or account id was rejected
  | 'not_found' // 404
  | 'rate_limited' // 429, with retryAfterMs when AIQ said
  | 'server_error' // 5xx
  | 'bad_response' // a body we could not understand, or another 4xx
  | 'invalid_input' // we refused to send it (bad phone, empty id, ...)

const advice: Record<AiqErrorKind, string> = {
  offline: "Can't reach AIQ. Check the internet connection; awards are saved and will sync later.",
  timeout: 'AIQ took too long to answer. Try again in a moment; awards are saved and will sync later.',
  unauthorized: 'AIQ rejected the API key. A manager needs to check the account in Settings.',
  not_found: 'AIQ has no such customer.',
  rate_limited: 'AIQ is busy (too many requests). Trying again shortly.',
  server_error: 'AIQ had a problem on its side. Trying again shortly.',
  bad_response: 'AIQ sent an answer the app could not read.',
  invalid_input: 'That input is not valid.',
}

export class AiqError extends Error {
  override readonly name = 'AiqError'
  constructor(
    readonly kind: AiqErrorKind,
    message?: string,
    /**
     * notSent: the request never left this computer (connection refused, no route, DNS), so AIQ cannot have applied it.
     * wrongAddress: AIQ answered 404/405 where no customer was asked for: the path or method is not what AIQ serves.
     */
    readonly details: { status?: number; retryAfterMs?: number; aiqMessage?: string; notSent?: boolean; wrongAddress?: boolean } = {},
  ) {
    super(message ?? advice[kind])
  }
  get status(): number | undefined {
    return this.details.status
  }
  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs
  }
  /** AIQ could not be reached at all (network down, refused, timed out): the counter is offline. */
  get unreachable(): boolean {
    return this.kind === 'offline' || this.kind === 'timeout'
  }
  /** Worth retrying later without a person doing anything. */
  get transient(): boolean {
    return this.kind === 'offline' || this.kind === 'timeout' || this.kind === 'rate_limited' || this.kind === 'server_error'
  }
}

export const isAiqError = (e: unknown): e is AiqError => e instanceof AiqError

/**
 * A URL AIQ handed out (a wallet's redemptionURL) points away from the configured AIQ origin: it is never followed,
 * so the key never goes there.
 */
export class ForeignUrlError extends AiqError {
  constructor(readonly host: string) {
    super('invalid_input', `This reward's redemption link points to another server (${host}), not to AIQ. The app does not follow it, so nothing was redeemed. Tell a manager.`)
  }
}

// The AIQ module's public surface.
export { createAiqClient, DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS, type AiqClientOptions } from './client'
export { AiqError, ForeignUrlError, isAiqError, type AiqErrorKind } from './errors'
export { parseRetryAfter } from './http'
export {
  createRateLimiter,
  DEFAULT_RATE,
  measureLimiter,
  realSleep,
  type LimiterMeasurement,
  type MeasuredRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  type RateLimiterStats,
  type Sleep,
} from './rate-limit'
export * from './types'

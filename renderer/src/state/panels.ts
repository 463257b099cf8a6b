// A panel loads and fails on its own. These reducers are the only way its state changes.
import { CounterError, errorMessage } from '../api'

export type Panel<T> =
  | { state: 'idle' }
  | { state: 'loading'; data: T | null }
  | { state: 'loaded'; data: T }
  | { state: 'failed'; error: string; code: string }

export const idlePanel = { state: 'idle' } as const satisfies Panel<never>

/** Loading keeps what was shown before (a retry or refresh does not blank the panel). */
export function panelLoading<T>(p: Panel<T>): Panel<T> {
  return { state: 'loading', data: p.state === 'loaded' || p.state === 'loading' ? p.data : null }
}
export function panelLoaded<T>(data: T): Panel<T> {
  return { state: 'loaded', data }
}
export function panelFailed<T>(code: string, error: string): Panel<T> {
  return { state: 'failed', code, error }
}
/** A load that threw: the panel says what went wrong, by code and in words. */
export function panelFailedWith<T>(e: unknown): Panel<T> {
  return panelFailed(e instanceof CounterError ? e.code : 'internal', errorMessage(e))
}

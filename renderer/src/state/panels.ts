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

/** The one failure several panels share (AIQ can't be reached, say): said once above them, not in each. */
export function sharedFailure(panels: Record<string, Panel<unknown>>): { error: string; keys: string[] } | null {
  const failed = Object.entries(panels).filter((e): e is [string, Extract<Panel<unknown>, { state: 'failed' }>] => e[1].state === 'failed')
  const byError = new Map<string, string[]>()
  for (const [k, p] of failed) byError.set(p.error, [...(byError.get(p.error) ?? []), k])
  const [top] = [...byError.entries()].sort((a, b) => b[1].length - a[1].length)
  return top && top[1].length >= 2 ? { error: top[0], keys: top[1] } : null
}

// Selectors for the customer directory section of Settings.
import type { DirectoryStatus } from '../../../shared/contract'

const nf = new Intl.NumberFormat('en-US')

export function directorySizeText(d: DirectoryStatus): string {
  if (!d.enabled) return 'Off — no customers are kept on this computer'
  return d.size === 1 ? '1 customer kept for offline check-in' : `${nf.format(d.size)} customers kept for offline check-in`
}

export function lastRefreshText(d: DirectoryStatus, formatTime: (ms: number) => string): string {
  if (!d.enabled) return 'Never'
  return d.lastFullRefreshAt === null ? 'Never' : formatTime(d.lastFullRefreshAt)
}

export type RefreshView =
  | { kind: 'idle' }
  | { kind: 'running'; loaded: number; total: number | null; text: string }
  | { kind: 'failed'; text: string }

/** A running refresh as "Loaded 2,000 of 6,000" with numbers for a progressbar; total may be unknown at first. */
export function refreshView(d: DirectoryStatus): RefreshView {
  const r = d.refresh
  if (r.state === 'failed') return { kind: 'failed', text: r.error ?? 'The last refresh did not finish.' }
  if (r.state !== 'running') return { kind: 'idle' }
  const total = r.total === null ? null : Math.max(r.total, r.loaded)
  const text = total === null ? `Loaded ${nf.format(r.loaded)} so far` : `Loaded ${nf.format(Math.min(r.loaded, total))} of ${nf.format(total)}`
  return { kind: 'running', loaded: total === null ? r.loaded : Math.min(r.loaded, total), total, text }
}

export const isRefreshing = (d: DirectoryStatus) => d.refresh.state === 'running'

// How a parked award's message starts, so the main process writes it and the Queue screen labels it from one place.
/** AIQ keeps no notes and more than one of its rows could be this award: a manager looks in AIQ. */
export const NEEDS_CHECK = 'Needs a check in AIQ'
/** AIQ's answers about this award could not be read too many times: it stopped retrying. */
export const STOPPED_RETRYING = 'Stopped retrying'

/** An outbox account key ("live:4242", "training:1000") as the Queue and Settings say it. */
export function accountLabel(account: string): string {
  const [mode, uid] = account.split(':')
  if (mode === 'training') return 'training mode'
  if (mode === 'live' && uid) return `AIQ account ${uid}`
  return 'no account'
}

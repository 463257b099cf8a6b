// AIQ's time per account (electron/aiq/clock.ts), its offset kept in the settings for the next run, and "AIQ's time
// now" for the account in use: what the outbox, the sync engine, redemptions and the shift report reckon in.
import { z } from 'zod'
import { type AiqClock, createAiqClock } from '../aiq/clock'
import type { Clock } from '../clock'
import type { Settings } from '../store/settings'

export interface AiqTime {
  /** the clock of one account ('training', or origin|uid) */
  of(account: string): AiqClock
  /** AIQ's time for the account in use (the counter's own when none is) */
  readonly clock: Clock
  /** AIQ's clock minus this computer's for the account in use, or null until known */
  offsetMs(): number | null
}

const key = (account: string) => `aiqClockOffset:${account}`

export function createAiqTime(deps: {
  settings: Settings
  wall: Clock
  mono?: () => number
  /** the account in use now, or null when none is */
  current: () => string | null
  /** the offset of an account moved (it is saved): the header may need to say so */
  onChange?: () => void
}): AiqTime {
  const clocks = new Map<string, AiqClock>()
  const mono = deps.mono ?? (() => performance.now())
  function of(account: string): AiqClock {
    let c = clocks.get(account)
    if (!c) {
      c = createAiqClock({
        wall: deps.wall,
        mono,
        saved: deps.settings.get(key(account), z.number().finite().nullable(), null),
        save: (offset) => {
          deps.settings.set(key(account), Math.round(offset))
          deps.onChange?.()
        },
      })
      clocks.set(account, c)
    }
    return c
  }
  const current = () => {
    const a = deps.current()
    return a === null ? null : of(a)
  }
  return {
    of,
    clock: { now: () => (current() ?? deps.wall).now() },
    offsetMs: () => current()?.offsetMs() ?? null,
  }
}

/** Which clock an account's answers set: training's sandbox changes port each run, so it is one account. */
export const timeAccount = (o: { training?: boolean; baseUrl: string; uid: string }) =>
  o.training ? 'training' : `${new URL(o.baseUrl).origin}|${o.uid}`

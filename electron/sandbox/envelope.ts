// What a handler returns, and the one place that turns it into AIQ's JSON body for the sandbox's profile.
// Handlers never build envelopes: they return data (ok), nothing (done) or an error (fail); `envelope` writes
// `{success, data}` / `{success, code, message}` (documented) or gserv's `{data?, code, success}` /
// `{errors: [{message}], code, success}` (wild).

/** 'documented' = AIQ as its docs read (today's sandbox); 'wild' = AIQ as seen in the wild (gserv envelope, ...). */
export type SandboxProfile = 'wild' | 'documented'

export type Result = {
  status: number
  /** the payload; an absent key means "no data key at all" (e.g. the opt-in PUT) */
  data?: unknown
  /** set on errors: the message */
  error?: string
  /** extra top-level fields in the documented profile (the list's `code: 200` when empty); wild always writes `code` */
  extra?: Record<string, unknown>
  headers?: Record<string, string>
}

/**
 * An empty collection. The documented profile writes `documented` in its place (null, as AIQ's docs show); the
 * wild profile leaves the key out (gserv's `omitempty`). Use it as `data` or as a value of a `data` object's key.
 */
export class Empty {
  constructor(readonly documented: unknown = null) {}
}
/** `list` itself, or Empty when it has nothing in it. */
export const orEmpty = <T>(list: T[]): T[] | Empty => (list.length ? list : new Empty())

export const ok = (data: unknown, extra?: Record<string, unknown>): Result => ({ status: 200, data, ...(extra ? { extra } : {}) })
/** Success with no data key (documented `{success:true}`, wild `{code:200, success:true}`). */
export const done = (): Result => ({ status: 200 })
export const fail = (status: number, message: string): Result => ({ status, error: message })

/** The JSON body for a result, in the profile's envelope. */
export function envelope(profile: SandboxProfile, r: Result): unknown {
  if (r.error !== undefined) {
    return profile === 'wild'
      ? { errors: [{ message: r.error }], code: r.status, success: false }
      : { success: false, code: r.status, message: r.error }
  }
  if (profile === 'documented') {
    return 'data' in r ? { success: true, ...r.extra, data: resolve(r.data, false) } : { success: true, ...r.extra }
  }
  const data = resolve(r.data, true)
  return data === undefined || data === null ? { code: r.status, success: true } : { data, code: r.status, success: true }
}

/** Replaces Empty markers at the top and one level down: documented value, or (wild) the key goes away. */
function resolve(data: unknown, wild: boolean): unknown {
  if (data instanceof Empty) return wild ? undefined : data.documented
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data
  let out: Record<string, unknown> | undefined
  for (const [key, value] of Object.entries(data)) {
    if (!(value instanceof Empty)) continue
    out ??= { ...(data as Record<string, unknown>) }
    if (wild) delete out[key]
    else out[key] = value.documented
  }
  return out ?? data
}

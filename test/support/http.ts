// Plain fetch against the sandbox: what any AIQ client would send.
import type { Sandbox } from '../../electron/sandbox'

export type Reply = { status: number; body: any; headers: Headers }

export async function call(
  sb: Sandbox,
  method: string,
  path: string,
  opts: { body?: unknown; key?: string | null; signal?: AbortSignal } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const key = opts.key === undefined ? sb.apiKey : opts.key
  if (key !== null) headers['X-APIKEY'] = key
  const res = await fetch(sb.url + path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: opts.signal ?? AbortSignal.timeout(5000),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers }
}

export const get = (sb: Sandbox, path: string, key?: string | null): Promise<Reply> => call(sb, 'GET', path, { key })

/** An error body's message in either profile: documented `message`, wild `errors[0].message`. */
export const errorMessage = (body: any): string | undefined => body?.message ?? body?.errors?.[0]?.message

/** A list page's rows in either profile: documented `data.results` (null when none), wild leaves `data` out. */
export const rowsOf = (body: any): any[] => body?.data?.results ?? []

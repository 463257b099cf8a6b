// Where the AIQ key may be sent: https anywhere, plain http only to this computer (127.0.0.0/8, ::1).
// Settings checks a typed URL with it before asking main, and main checks again before any key leaves.

export type ServerUrlCheck = { ok: true; origin: string } | { ok: false; message: string }

export function checkServerUrl(url: string): ServerUrlCheck {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { ok: false, message: 'The server URL must be a full address, like https://lab.alpineiq.com' }
  }
  if (parsed.username || parsed.password) return { ok: false, message: 'The server URL must not carry a user name or password.' }
  if (parsed.protocol === 'https:') return { ok: true, origin: parsed.origin }
  if (parsed.protocol === 'http:') {
    if (isLoopbackHost(parsed.hostname)) return { ok: true, origin: parsed.origin }
    return {
      ok: false,
      message: 'The server URL must start with https:// — the API key is never sent unencrypted to another computer (plain http is only for this computer).',
    }
  }
  return { ok: false, message: 'The server URL must start with https://.' }
}

/** 127.0.0.0/8 or ::1, written as an address; a name like "localhost" could be pointed elsewhere. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '')
  if (host === '::1') return true
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  return !!m && m.slice(1).every((n) => Number(n) <= 255)
}

/** the origin of a URL, or null when it is not one */
export function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

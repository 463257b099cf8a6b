// A store that lost its last manager PIN proves it owns the AIQ account: the saved API key, typed again, is compared
// here with the keychain's copy. Hashing both first makes the comparison take the same time whatever the lengths.
import { createHash, timingSafeEqual } from 'node:crypto'

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest()

export function sameApiKey(typed: string, saved: string): boolean {
  return saved.length > 0 && timingSafeEqual(digest(typed.trim()), digest(saved))
}

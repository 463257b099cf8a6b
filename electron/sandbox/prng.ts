// Seeded randomness: the same seed always gives the same personas, histories and fault draws.

/** 32-bit FNV-1a of a string, mixed with a seed. */
export function hash32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

export interface Rng {
  /** uniform in [0, 1) */
  next(): number
  int(min: number, maxInclusive: number): number
  pick<T>(items: readonly T[]): T
  chance(p: number): boolean
  hex(chars: number): string
}

const scratch = Buffer.alloc(64)

/** mulberry32: tiny, fast, good enough for test data. */
export function rng(seed: number): Rng {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    chance: (p) => next() < p,
    hex: (chars) => {
      const bytes = Math.ceil(chars / 2)
      for (let i = 0; i < bytes; i += 4) scratch.writeUInt32LE(Math.floor(next() * 0x100000000), i)
      const out = scratch.toString('hex', 0, bytes)
      return out.length === chars ? out : out.slice(0, chars)
    },
  }
}

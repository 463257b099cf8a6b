// Each slice owns the state it writes: a slice's `set(...)` names only keys of its own interface in state/types.ts;
// another slice's state changes through that slice's actions. Read from the sources (comments and strings left out).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../project/imports'

const STATE = join(ROOT, 'renderer/src/state')

/** the code without comments, and each string or template literal as "" (its braces are not code) */
const code = (source: string) =>
  source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, '""')

/** the text between an opening bracket at `open` and its match */
function inside(text: string, open: number): string {
  let depth = 0
  for (let i = open; i < text.length; i++) {
    if ('({['.includes(text[i]!)) depth++
    else if (')}]'.includes(text[i]!) && --depth === 0) return text.slice(open + 1, i)
  }
  return text.slice(open + 1)
}

/** each slice interface of types.ts with its keys (its members' names) */
export function sliceKeys(typesSource: string): Map<string, Set<string>> {
  const text = code(typesSource)
  const out = new Map<string, Set<string>>()
  for (const m of text.matchAll(/export interface (\w+Slice)\s*\{/g)) out.set(m[1]!, new Set(topKeys(inside(text, m.index + m[0].length - 1), true)))
  return out
}

/**
 * The keys of the outermost object literals in a set() call's argument: `set({ a, b: 1 })`, `set((s) => ({ a }))`,
 * either side of a `? :`. `members`: the text is already the object's inside (an interface's body).
 */
export function topKeys(arg: string, members = false): string[] {
  const keys: string[] = []
  const stack: string[] = members ? ['{'] : []
  const atTop = () => stack.at(-1) === '{' && stack.indexOf('{') === stack.length - 1
  const take = (from: number) => {
    const m = /^\s*(?:readonly\s+)?(\.\.\.)?([A-Za-z_$][\w$]*)\s*(\??:|\(|<|,|\}|$)/.exec(arg.slice(from))
    if (m && !m[1]) keys.push(m[2]!)
  }
  if (members) take(0)
  for (let i = 0; i < arg.length; i++) {
    const c = arg[i]!
    if ('({['.includes(c)) {
      stack.push(c)
      if (atTop()) take(i + 1)
    } else if (')}]'.includes(c)) stack.pop()
    else if ((c === ',' || (members && (c === ';' || c === '\n'))) && atTop()) take(i + 1)
  }
  return keys
}

/** "file writes key (owned by X)" for each set() in a slice file that names a key outside its own slice */
export function foreignWrites(file: string, source: string, keys: Map<string, Set<string>>): string[] {
  const own = /SliceCreator<(\w+)>/.exec(source)?.[1]
  const mine = own ? keys.get(own) : undefined
  if (!mine) return [`${file} declares no SliceCreator<…Slice> of state/types.ts`]
  const owner = (k: string) => [...keys].find(([, ks]) => ks.has(k))?.[0] ?? 'no slice'
  const text = code(source)
  const out: string[] = []
  for (const m of text.matchAll(/(?<![\w$.])set\(/g))
    for (const k of topKeys(inside(text, m.index + 3))) if (!mine.has(k)) out.push(`${file} writes ${k} (owned by ${owner(k)})`)
  return out
}

const keys = sliceKeys(readFileSync(join(STATE, 'types.ts'), 'utf8'))
const slices = readdirSync(join(STATE, 'slices')).filter((f) => f.endsWith('.ts'))
const all = slices.flatMap((f) => foreignWrites(f, readFileSync(join(STATE, 'slices', f), 'utf8'), keys))

describe('each slice owns the state it writes', () => {
  it('no slice writes a key of another slice: every change to it goes through that slice\'s actions', () => {
    expect(all.filter((w) => !w.includes('declares no'))).toEqual([])
  })
  it('every slice file is one slice of state/types.ts', () => {
    expect(all.filter((w) => w.includes('declares no'))).toEqual([])
  })
  it('the reader finds every slice, and a foreign write added to a real slice file (the test above cannot pass by reading nothing)', () => {
    expect(slices.length).toBeGreaterThanOrEqual(13)
    expect(keys.size).toBe(slices.length)
    const nav = readFileSync(join(STATE, 'slices', 'nav.ts'), 'utf8')
    const before = foreignWrites('nav.ts', nav, keys)
    expect(foreignWrites('nav.ts', `${nav}\nset({ award: null })`, keys)).toEqual([...before, 'nav.ts writes award (owned by AwardSlice)'])
  })
})

describe('the reader itself', () => {
  const keys = sliceKeys(`export interface ASlice {\n  a: number\n  /** b's */\n  b(x: string): void\n}\nexport interface CSlice { c: { d: number }; e?: string }`)
  it('reads each slice interface with its keys', () => {
    expect([...keys].map(([k, v]) => [k, [...v]])).toEqual([
      ['ASlice', ['a', 'b']],
      ['CSlice', ['c', 'e']],
    ])
  })
  it('catches another slice\'s key written plainly, by an updater, shorthand, or on one side of a ? :, but not a nested key, a string or prefs.set', () => {
    const source = `export const x: SliceCreator<ASlice> = (api, set, get, deps) => ({
      b() {
        set({ a: 1, c: { d: 2 } })
        set((s) => ({ a: s.a, e: '{ c: 1 }' }))
        set((s) => (s.a ? { c: { d: 1 } } : {}))
        const c = { d: 3 }
        set({ c })
        deps.prefs.set('c', 'x')
        // set({ e: 1 })
      },
    })`
    expect(foreignWrites('a.ts', source, keys)).toEqual(['a.ts writes c (owned by CSlice)', 'a.ts writes e (owned by CSlice)', 'a.ts writes c (owned by CSlice)', 'a.ts writes c (owned by CSlice)'])
  })
})

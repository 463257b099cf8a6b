// AIQ's facts live in the repo (electron/aiq/README.md): every citation of it names a section that is there, and no
// source cites the working reference outside the repo (aiq-api.md) any more.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from './imports'

const FACTS = 'electron/aiq/README.md'
const SOURCES = ['electron', 'shared', 'renderer', 'scripts']

function files(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : files(p)
    return /\.(ts|tsx|mts|md)$/.test(e.name) ? [p] : []
  })
}

/** the sections a facts file declares (`<a id="name"></a>`) */
export const sections = (facts: string) => new Set([...facts.matchAll(/<a id="([\w-]+)"><\/a>/g)].map((m) => m[1]!))

/** what is wrong with one file's citations: a section that does not exist, or the document outside the repo */
export function badCitations(file: string, text: string, known: Set<string>): string[] {
  const out: string[] = []
  for (const m of text.matchAll(/electron\/aiq\/README\.md`?((?:[ ,]+§[\w-]+)*)/g))
    for (const [, name] of m[1]!.matchAll(/§([\w-]+)/g)) if (!known.has(name!)) out.push(`${file}: no section §${name} in ${FACTS}`)
  if (file !== FACTS && /aiq-api\.md/.test(text)) out.push(`${file}: cites aiq-api.md, outside the repo`)
  return out
}

describe('AIQ facts in the repo', () => {
  const facts = readFileSync(join(ROOT, FACTS), 'utf8')
  const known = sections(facts)

  it('every § heading of the facts file has its stable anchor just above it', () => {
    const headings = [...facts.matchAll(/<a id="([\w-]+)"><\/a>\n## §([\w-]+) /g)].map((m) => [m[1], m[2]])
    expect(headings.length).toBe(known.size)
    for (const [anchor, heading] of headings) expect(heading).toBe(anchor)
  })

  it('every citation names a section that is there; nothing cites aiq-api.md', () => {
    const all = SOURCES.flatMap((d) => files(join(ROOT, d))).map((f) => relative(ROOT, f))
    const cited = all.filter((f) => readFileSync(join(ROOT, f), 'utf8').includes(FACTS))
    expect(cited.length).toBeGreaterThan(10)
    expect(all.flatMap((f) => badCitations(f, readFileSync(join(ROOT, f), 'utf8'), known))).toEqual([])
  })

  it('the checker flags an unknown section and a citation of the outside document', () => {
    const known = new Set(['lookup', 'signup'])
    expect(badCitations('a.ts', '// (electron/aiq/README.md §lookup, §signup)', known)).toEqual([])
    expect(badCitations('a.ts', '// (electron/aiq/README.md §lokup)', known)).toEqual([`a.ts: no section §lokup in ${FACTS}`])
    expect(badCitations('b.md', 'see `electron/aiq/README.md` §lookup, §nine', known)).toEqual([`b.md: no section §nine in ${FACTS}`])
    expect(badCitations('c.ts', '// (aiq-api.md §5)', known)).toEqual(['c.ts: cites aiq-api.md, outside the repo'])
  })
})

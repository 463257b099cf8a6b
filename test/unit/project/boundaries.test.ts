// The project's own boundary test: boundaries.yml names the parts and the imports that must never happen; every
// import in the sources is checked against it, and no file may take part in an import cycle.
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { cycles, importGraph, ROOT, type Edge } from './imports'

type Rule = { part: string; may_import?: string[]; packages?: string[]; never?: string[]; never_packages?: string[]; globals?: string[] }
type Features = { under: string; mutual: string }
const config = parse(readFileSync(join(ROOT, 'boundaries.yml'), 'utf8')) as { parts: Record<string, string[]>; rules: Rule[]; cycles: string; features: Features }

/** the most specific part holding a project path */
export function partOf(path: string, parts: Record<string, string[]> = config.parts): string | null {
  let best: { part: string; len: number } | null = null
  for (const [part, prefixes] of Object.entries(parts))
    for (const p of prefixes) if ((path === p || path.startsWith(p)) && (!best || p.length > best.len)) best = { part, len: p.length }
  return best?.part ?? null
}

const packageName = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!)
const isBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(packageName(spec))
const matchesPackage = (spec: string, names: string[]) => names.some((n) => n === spec || n === packageName(spec) || (n === 'node:*' && isBuiltin(spec)))

/** every import that breaks a rule, as "from -> to (why)" */
export function violations(edges: Edge[], rules: Rule[], parts: Record<string, string[]> = config.parts): string[] {
  const out: string[] = []
  for (const e of edges) {
    const from = partOf(e.from, parts)
    const rule = rules.find((r) => r.part === from)
    if (!rule) continue
    if (e.external) {
      if (rule.packages && !matchesPackage(e.to, rule.packages)) out.push(`${e.from} -> ${e.to} (${from} may use only ${rule.packages.join(', ')})`)
      if (rule.never_packages && matchesPackage(e.to, rule.never_packages)) out.push(`${e.from} -> ${e.to} (${from} must never use it)`)
      continue
    }
    const to = partOf(e.to, parts)
    if (rule.may_import && !rule.may_import.includes(to ?? '')) out.push(`${e.from} -> ${e.to} (${from} may import only ${rule.may_import.join(', ')})`)
    if (rule.never?.includes(to ?? '')) out.push(`${e.from} -> ${e.to} (${from} must never import ${to})`)
  }
  return out
}

/** uses of globals a part must not touch (the DOM and Node in shared/, the network in store/) */
export function globalUses(files: string[], rules: Rule[], read = (f: string) => readFileSync(join(ROOT, f), 'utf8')): string[] {
  const out: string[] = []
  for (const f of files) {
    const rule = rules.find((r) => r.part === partOf(f))
    if (!rule?.globals?.length) continue
    const code = read(f)
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '')
      .replace(/(['"`])(?:\\.|(?!\1).)*\1/g, '""')
    for (const g of rule.globals) if (new RegExp(`(?<![.\\w$])${g.replace(/[$]/g, '\\$')}\\b(?!\\s*:)`).test(code)) out.push(`${f} uses ${g}`)
  }
  return out
}

/** feature folders that import each other, directly or round a loop: each loop with the imports that make it */
export function featureLoops(edges: Edge[], under: string = config.features.under): string[] {
  const folder = (path: string) => (path.startsWith(under) ? path.slice(under.length).split('/')[0]! : null)
  const between = edges.filter((e) => !e.external && folder(e.from) && folder(e.to) && folder(e.from) !== folder(e.to))
  const loops = cycles(between.map((e) => ({ ...e, from: folder(e.from)!, to: folder(e.to)! })))
  return loops.map((loop) => {
    const why = between.filter((e) => loop.includes(folder(e.from)!) && loop.includes(folder(e.to)!)).map((e) => `${e.from} -> ${e.to}`)
    return `${loop.join(' <-> ')} (${why.join('; ')})`
  })
}

const graph = importGraph()

describe('boundaries.yml', () => {
  it('every import respects the parts', () => {
    expect(violations(graph.edges, config.rules)).toEqual([])
  })
  it('shared/ uses neither Node nor the DOM; store/ never fetches', () => {
    expect(globalUses(graph.files, config.rules)).toEqual([])
  })
  it('no import cycles', () => {
    expect(config.cycles).toBe('forbidden')
    expect(cycles(graph.edges)).toEqual([])
  })
  it('no two feature folders import each other (a screen composing another feature’s section is one direction)', () => {
    expect(config.features.mutual).toBe('forbidden')
    expect(featureLoops(graph.edges)).toEqual([])
  })
  it('no product code outside renderer/ imports it (its tests may)', () => {
    expect(graph.edges.filter((e) => !e.external && e.to.startsWith('renderer/') && partOf(e.from) !== 'renderer' && partOf(e.from) !== 'tests')).toEqual([])
  })
})

describe('the checker itself catches what it must', () => {
  const edge = (from: string, to: string, external = false): Edge => ({ from, to, external, typeOnly: false })
  it('flags a renderer import of main, a store import of AIQ, electron in services, Node in shared', () => {
    expect(
      violations(
        [
          edge('renderer/src/x.tsx', 'electron/services.ts'),
          edge('electron/store/outbox.ts', 'electron/aiq/errors.ts'),
          edge('electron/services/points.ts', 'electron', true),
          edge('shared/phone.ts', 'node:fs', true),
          edge('electron/aiq/http.ts', 'better-sqlite3', true),
          edge('renderer/src/x.tsx', 'shared/contract.ts'),
        ],
        config.rules,
      ),
    ).toHaveLength(5)
  })
  it.each([
    ['the sandbox importing the outbox', edge('electron/sandbox/routes.ts', 'electron/store/outbox.ts'), 'sandbox may import only sandbox, aiq, clock'],
    ['the sandbox importing services', edge('electron/sandbox/data.ts', 'electron/services/points.ts'), 'sandbox may import only sandbox, aiq, clock'],
    ['the sandbox using an npm package', edge('electron/sandbox/index.ts', 'better-sqlite3', true), 'sandbox may use only node:*'],
    ['a staff rule reading the store', edge('electron/staff/lockout.ts', 'electron/store/staff.ts'), 'staff may import only staff'],
    ['a staff rule using a package', edge('electron/staff/pin.ts', 'keytar', true), 'staff may use only node:crypto'],
    ['secrets talking to AIQ', edge('electron/secrets/index.ts', 'electron/aiq/client.ts'), 'secrets may import only secrets, errors'],
    ['secrets using SQLite', edge('electron/secrets/index.ts', 'better-sqlite3', true), 'secrets may use only node:*, keytar'],
    ['browser mode reaching AIQ past services', edge('electron/browser/bridge.ts', 'electron/aiq/client.ts'), 'browser must never import aiq'],
    ['browser mode reaching the sandbox past services', edge('electron/browser/start.ts', 'electron/sandbox/index.ts'), 'browser must never import sandbox'],
    ['browser mode opening the database past services', edge('electron/browser/start.ts', 'electron/store/db.ts'), 'browser must never import store'],
    ['the data folder reading the store', edge('electron/data-folder/lock.ts', 'electron/store/db.ts'), 'data-folder may import only data-folder'],
    ['the data folder asking services', edge('electron/data-folder/private.ts', 'electron/services/index.ts'), 'data-folder may import only data-folder'],
    ['the data folder reaching AIQ', edge('electron/data-folder/lock.ts', 'electron/aiq/client.ts'), 'data-folder may import only data-folder'],
    ['the data folder using the keychain', edge('electron/data-folder/lock.ts', 'keytar', true), 'data-folder may use only node:*, better-sqlite3'],
    ['browser mode importing Electron', edge('electron/browser/start.ts', 'electron', true), 'browser must never use it'],
    ['the clock importing anything', edge('electron/clock.ts', 'electron/log.ts'), 'clock may import only clock'],
    ['the error mapping importing the store', edge('electron/errors.ts', 'electron/store/db.ts'), 'errors may import only errors, shared, aiq'],
  ])('flags %s', (_what, e, why) => {
    expect(violations([e], config.rules)).toEqual([`${e.from} -> ${e.to} (${why})`])
  })
  it('lets the new parts import what they are for', () => {
    const allowed = [
      edge('electron/sandbox/routes.ts', 'electron/aiq/types.ts'),
      edge('electron/sandbox/index.ts', 'electron/clock.ts'),
      edge('electron/sandbox/index.ts', 'node:http', true),
      edge('electron/staff/pin.ts', 'node:crypto', true),
      edge('electron/secrets/index.ts', 'electron/errors.ts'),
      edge('electron/secrets/index.ts', 'keytar', true),
      edge('electron/browser/start.ts', 'electron/services/index.ts'),
      edge('electron/errors.ts', 'electron/aiq/errors.ts'),
      edge('electron/data-folder/lock.ts', 'electron/data-folder/private.ts'),
      edge('electron/data-folder/lock.ts', 'better-sqlite3', true),
      edge('electron/data-folder/private.ts', 'node:fs', true),
      edge('electron/store/db.ts', 'electron/data-folder/private.ts'),
      edge('electron/browser/start.ts', 'electron/data-folder/lock.ts'),
    ]
    expect(violations(allowed, config.rules)).toEqual([])
  })
  it('finds a cycle of two files and one of three, not a file that only joins one', () => {
    const found = cycles([edge('a', 'b'), edge('b', 'a'), edge('c', 'd'), edge('d', 'e'), edge('e', 'c'), edge('f', 'a')])
    expect(found.sort((x, y) => (x[0]! < y[0]! ? -1 : 1))).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ])
  })
  it('flags two feature folders importing each other and a loop of three, not one composing another or a shared ui/ widget', () => {
    const f = 'renderer/src/features/'
    const loops = featureLoops([
      edge(`${f}checkin/CheckInScreen.tsx`, `${f}idcheck/IdCheckCard.tsx`),
      edge(`${f}idcheck/IdCheckCard.tsx`, `${f}checkin/UnknownCustomer.tsx`),
      edge(`${f}a/A.tsx`, `${f}b/B.tsx`),
      edge(`${f}b/B.tsx`, `${f}c/C.tsx`),
      edge(`${f}c/C.tsx`, `${f}a/A2.tsx`),
      edge(`${f}settings/SettingsScreen.tsx`, `${f}directory/DirectorySection.tsx`),
      edge(`${f}directory/DirectorySection.tsx`, 'renderer/src/ui/Modal.tsx'),
      edge(`${f}settings/AccountSection.tsx`, 'renderer/src/ui/Modal.tsx'),
      edge(`${f}settings/SettingsScreen.tsx`, `${f}settings/AccountSection.tsx`),
    ])
    expect(loops.sort()).toEqual([
      `a <-> b <-> c (${f}a/A.tsx -> ${f}b/B.tsx; ${f}b/B.tsx -> ${f}c/C.tsx; ${f}c/C.tsx -> ${f}a/A2.tsx)`,
      `checkin <-> idcheck (${f}checkin/CheckInScreen.tsx -> ${f}idcheck/IdCheckCard.tsx; ${f}idcheck/IdCheckCard.tsx -> ${f}checkin/UnknownCustomer.tsx)`,
    ])
  })
  it('sees window in shared and fetch in store, but not a property named so', () => {
    const files = { 'shared/a.ts': 'const w = window.innerWidth', 'shared/b.ts': 'const o = { window: 1 }; o.window', 'electron/store/c.ts': 'await fetch(url)' }
    expect(globalUses(Object.keys(files), config.rules, (f) => files[f as keyof typeof files])).toEqual(['shared/a.ts uses window', 'electron/store/c.ts uses fetch'])
  })
})

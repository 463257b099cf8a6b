// The project's import graph, read from the sources: what each file imports (project files resolved, packages by name).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '../../..')
const SOURCE_DIRS = ['electron', 'renderer', 'shared', 'scripts', 'test']
const EXT = /\.(ts|tsx|mts|mjs)$/

export type Edge = { from: string; to: string; typeOnly: boolean; external: boolean }

function files(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'out' ? [] : files(p)
    return EXT.test(e.name) ? [p] : []
  })
}

function resolveLocal(fromFile: string, spec: string): string | null {
  const base = resolve(dirname(fromFile), spec)
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx'), base.replace(/\.js$/, '.ts')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  return null
}

const IMPORT = /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]|(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g

export function importGraph(): { files: string[]; edges: Edge[] } {
  const all = SOURCE_DIRS.flatMap((d) => files(join(ROOT, d)))
  const edges: Edge[] = []
  for (const file of all) {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[3] ?? m[4]!
      const typeOnly = !!m[2]
      const from = relative(ROOT, file)
      if (spec.startsWith('.')) {
        const target = resolveLocal(file, spec)
        if (target) edges.push({ from, to: relative(ROOT, target), typeOnly, external: false })
      } else edges.push({ from, to: spec, typeOnly, external: true })
    }
  }
  return { files: all.map((f) => relative(ROOT, f)), edges }
}

/** strongly connected components with more than one file (or a file importing itself): the import cycles */
export function cycles(edges: Edge[]): string[][] {
  const next = new Map<string, string[]>()
  for (const e of edges) if (!e.external) next.set(e.from, [...(next.get(e.from) ?? []), e.to])
  let index = 0
  const idx = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const on = new Set<string>()
  const out: string[][] = []
  const visit = (v: string) => {
    idx.set(v, index)
    low.set(v, index++)
    stack.push(v)
    on.add(v)
    for (const w of next.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!))
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = []
      let w: string
      do {
        w = stack.pop()!
        on.delete(w)
        scc.push(w)
      } while (w !== v)
      if (scc.length > 1 || (next.get(v) ?? []).includes(v)) out.push(scc.sort())
    }
  }
  for (const v of next.keys()) if (!idx.has(v)) visit(v)
  return out
}

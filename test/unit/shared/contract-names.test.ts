// names.ts is the contract's names without zod: it must name exactly the methods and events of the table, and stay
// free of zod, so that the preload and the renderer's client (built from it) never bundle zod.
import { describe, expect, it } from 'vitest'
import { events, methods } from '../../../shared/contract/methods'
import { eventNames, methodNames } from '../../../shared/contract/names'
import { importGraph } from '../project/imports'

/** the packages a file loads at run time, through its own imports and theirs (type-only imports left out) */
function packagesReached(start: string): string[] {
  const { edges } = importGraph()
  const seen = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const e of edges) {
      if (e.from !== file || e.typeOnly) continue
      if (e.external) packages.add(e.to)
      else visit(e.to)
    }
  }
  visit(start)
  return [...packages].sort()
}

describe('the contract names', () => {
  it('name exactly the methods and the events of the table, each once', () => {
    expect([...methodNames].sort()).toEqual(Object.keys(methods).sort())
    expect([...eventNames].sort()).toEqual(Object.keys(events).sort())
    expect(new Set(methodNames).size).toBe(methodNames.length)
    expect(new Set(eventNames).size).toBe(eventNames.length)
  })

  it('load no zod, and neither do the preload and the renderer client built from them', () => {
    expect(packagesReached('shared/contract/names.ts')).toEqual([])
    expect(packagesReached('electron/preload.ts')).toEqual(['electron'])
    expect(packagesReached('renderer/src/api.ts')).toEqual([])
  })
})

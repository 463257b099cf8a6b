// names.ts is the contract's names without zod: it must name exactly the methods and events of the table.
import { describe, expect, it } from 'vitest'
import { events, methods } from '../../../shared/contract/methods'
import { eventNames, methodNames } from '../../../shared/contract/names'

describe('the contract names', () => {
  it('name exactly the methods and the events of the table, each once', () => {
    expect([...methodNames].sort()).toEqual(Object.keys(methods).sort())
    expect([...eventNames].sort()).toEqual(Object.keys(events).sort())
    expect(new Set(methodNames).size).toBe(methodNames.length)
    expect(new Set(eventNames).size).toBe(eventNames.length)
  })
})

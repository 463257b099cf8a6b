// The method table is the services' parts spread into one: the typecheck must name a method offered by two parts, a
// name the contract lacks, and a contract method no part offers (issue 21, item 2).
import { expectTypeOf, it } from 'vitest'
import type { ExactlyOnce } from '../../../electron/services/methods'
import type { MethodName } from '../../../shared/contract'

type All = { [M in MethodName]: () => void }
const { getStatus: _, ...allButGetStatus } = {} as All

it('accepts parts that offer each contract method once', () => {
  expectTypeOf<ExactlyOnce<[Omit<All, 'signOut'>, Pick<All, 'signOut'>]>>().toEqualTypeOf<true>()
})
it('names a method two parts offer, a name the contract lacks, and a method no part offers', () => {
  expectTypeOf<ExactlyOnce<[All, Pick<All, 'getStatus'>]>>().toEqualTypeOf<'getStatus'>()
  expectTypeOf<ExactlyOnce<[All, { recover(): void }]>>().toEqualTypeOf<'recover'>()
  expectTypeOf<ExactlyOnce<[typeof allButGetStatus]>>().toEqualTypeOf<'getStatus'>()
})

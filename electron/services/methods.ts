// The method table: each service's part of the contract, keyed by method name, spread into one. The typecheck holds it
// to exactly the contract: every method in one part only. Who may call each one is the contract's rule, checked by
// dispatch before it gets here; every call first asks the keychain again if it would not give the key before.
import type { MethodArgs, MethodName, MethodOutput } from '../../shared/contract'
import { accountApi, type Account } from './account'
import type { createCompatService } from './compat'
import type { CounterService } from './counter'
import type { CustomerService } from './customers'
import { directoryApi } from './directory-api'
import type { DirectoryService } from './directory'
import type { createIdCheckService } from './id-check'
import type { createPointsService } from './points'
import type { RedemptionService } from './redemptions'
import type { StaffService } from './staff'
import type { ConsentService } from './consents'
import type { CustomerScreen } from './customer-screen'
import type { Status } from './status'

export type ServiceApi = { [M in MethodName]: (args: MethodArgs<M>) => Promise<MethodOutput<M>> }

/** the method names found in more than one part (never, for a table the typecheck accepts) */
export type InTwoParts<P extends readonly object[]> = P extends readonly [infer First, ...infer Rest extends readonly object[]] ? (keyof First & KeysOf<Rest>) | InTwoParts<Rest> : never
type KeysOf<P extends readonly object[]> = P[number] extends infer Part ? (Part extends object ? keyof Part : never) : never
/** the names a part offers that the contract does not have, or the contract's methods no part offers */
export type NotInContract<P extends readonly object[]> = Exclude<KeysOf<P>, MethodName>
export type Missing<P extends readonly object[]> = Exclude<MethodName, KeysOf<P>>
/** true, or the names at fault (then `true` does not fit and the typecheck names them) */
export type ExactlyOnce<P extends readonly object[]> = [InTwoParts<P> | NotInContract<P> | Missing<P>] extends [never] ? true : InTwoParts<P> | NotInContract<P> | Missing<P>

type AllOf<P extends readonly object[]> = (P[number] extends infer Part ? (Part extends object ? (x: Part) => void : never) : never) extends (x: infer All) => void ? All : never

export function methodTable(s: {
  status: Status
  account: Account
  customers: CustomerService
  points: ReturnType<typeof createPointsService>
  directory: DirectoryService
  compat: ReturnType<typeof createCompatService>
  redemptions: RedemptionService
  staff: StaffService
  idCheck: ReturnType<typeof createIdCheckService>
  counter: CounterService
  customerScreen: CustomerScreen
  consents: ConsentService
}): ServiceApi {
  const parts = [
    s.status.api,
    s.customers,
    s.points,
    accountApi(s.account, s.status.status),
    directoryApi(s.directory),
    s.compat,
    s.counter.api,
    s.redemptions.api,
    s.staff.api,
    s.idCheck,
    s.customerScreen.api,
    s.consents.api,
  ] as const
  const once: ExactlyOnce<typeof parts> = true
  // each part's methods are held to the contract's argument and output types here
  const methods: ServiceApi = Object.assign({}, ...parts) as AllOf<typeof parts>
  void once
  // every call first asks the keychain again if it would not give the key before, so unlocking it is enough
  return Object.fromEntries(
    Object.entries(methods).map(([name, method]) => [name, async (args: never) => (await s.account.ready(), (method as (a: never) => Promise<unknown>)(args))]),
  ) as ServiceApi
}

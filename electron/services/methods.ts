// The method table: each method of the contract mapped to the service that does it. Who may call each one is the
// contract's rule, checked by dispatch before it gets here; every call first asks the keychain again if it would not
// give the key before.
import type { MethodArgs, MethodName, MethodOutput } from '../../shared/contract'
import type { Account } from './account'
import type { createCompatService } from './compat'
import type { CounterService } from './counter'
import type { CustomerService } from './customers'
import type { DirectoryService } from './directory'
import type { createIdCheckService } from './id-check'
import type { createPointsService } from './points'
import type { RedemptionService } from './redemptions'
import type { StaffService } from './staff'
import type { Status } from './status'

export type ServiceApi = { [M in MethodName]: (args: MethodArgs<M>) => Promise<MethodOutput<M>> }

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
}): ServiceApi {
  const { account, directory, redemptions, staff } = s
  /** the approval was the caller's ticket in (dispatch); the service gets the change alone */
  const change = <A extends { approval?: unknown }>({ approval: _, ...rest }: A): Omit<A, 'approval'> => rest
  const withStatus = async (work: () => Promise<void>) => {
    await work()
    return s.status.status()
  }

  const methods: ServiceApi = {
    getStatus: async () => s.status.status(),
    dismissDatabaseNotice: async () => s.status.dismissDatabaseNotice(),
    ...s.customers,
    ...s.points,
    testConnection: (args) => account.testConnection(change(args)),
    saveAccount: async (args) => withStatus(() => account.save(change(args))),
    signOut: async (args) => withStatus(() => account.signOut(change(args))),
    useTrainingMode: async (args) => withStatus(() => account.useTraining(change(args))),
    refreshDirectory: async () => directory.refresh(),
    clearDirectory: async () => directory.clear(),
    setDirectoryEnabled: async ({ enabled }) => directory.setEnabled(enabled),
    ...s.compat,
    getCounter: () => s.counter.api.getCounter(),
    saveCounter: async (args) => s.counter.api.saveCounter(change(args)),
    redeemReward: (args) => redemptions.redeemReward(args),
    retryRedemption: (args) => redemptions.retryRedemption(args),
    redemptionReport: (args) => redemptions.redemptionReport(args),
    ...staff.api,
    ...s.idCheck,
  }
  // every call first asks the keychain again if it would not give the key before, so unlocking it is enough
  return Object.fromEntries(
    Object.entries(methods).map(([name, method]) => [name, async (args: never) => (await account.ready(), (method as (a: never) => Promise<unknown>)(args))]),
  ) as ServiceApi
}

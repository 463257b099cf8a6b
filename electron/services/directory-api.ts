// The customer directory's part of the contract's methods, keyed by method name (methods.ts spreads it).
import type { MethodArgs, MethodOutput } from '../../shared/contract'

type Directory = { refresh(): MethodOutput<'refreshDirectory'>; clear(): MethodOutput<'clearDirectory'>; setEnabled(on: boolean): MethodOutput<'setDirectoryEnabled'> }

export const directoryApi = (directory: Directory) => ({
  refreshDirectory: async () => directory.refresh(),
  clearDirectory: async () => directory.clear(),
  setDirectoryEnabled: async ({ enabled }: MethodArgs<'setDirectoryEnabled'>) => directory.setEnabled(enabled),
})

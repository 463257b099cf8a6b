// The Settings screen's access to main. Settings open with the manager's PIN (or a signed-in manager's session); main
// then gives a pass, kept here in the slice's closure — never in state, so no other slice, screen or devtools reads it.
// Each change sent while unlocked carries the pass; a change that grants power asks the manager's PIN again (the
// question is state the lock renders); idle, leaving Settings, or main forgetting the pass locks them again.
import type { Approval, MethodInput, MethodName, MethodOutput } from '../../../../shared/contract'
import type { CounterClient } from '../../api'
import type { SettingsSlice, SliceCreator } from '../types'
import { withApproval } from '../with-approval'

export const createSettingsSlice: SliceCreator<SettingsSlice> = (api, set) => {
  /** the client Settings' calls go through: the plain one while locked (the first run's account setup), else the pass's */
  let client: CounterClient = api
  /** the change waiting for the PIN again */
  let waiting: ((a: Approval | null) => void) | null = null

  const answerPinAgain = (a: Approval | null) => {
    waiting?.(a)
    waiting = null
    set((s) => ({ settingsLock: { ...s.settingsLock, pinAgain: null } }))
  }
  const askPin = (method: MethodName, input: object) =>
    new Promise<Approval | null>((resolve) => {
      waiting?.(null)
      waiting = resolve
      set((s) => ({ settingsLock: { ...s.settingsLock, pinAgain: { method, input } } }))
    })
  const lockSettings = () => {
    answerPinAgain(null)
    client = api
    set({ settingsLock: { unlocked: false, pinAgain: null } })
  }

  return {
    settingsLock: { unlocked: false, pinAgain: null },
    async unlockSettings(approval) {
      const { settingsPass } = await api.unlockSettings(approval ? { approval } : {})
      client = withApproval(api, settingsPass, askPin, lockSettings)
      set({ settingsLock: { unlocked: true, pinAgain: null } })
    },
    lockSettings,
    answerPinAgain,
    settingsCall: <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> =>
      (client[method] as unknown as (i: MethodInput<M>) => Promise<MethodOutput<M>>)(input),
  }
}

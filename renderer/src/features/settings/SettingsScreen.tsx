// Settings: the AIQ account, the customer directory and the AIQ compatibility check. (The first-run choice is shown by the shell while
// nothing is configured; it is FirstRun, next to this file.) No props: status from the store, calls through the settings slice.
import { isFirstRun } from '../../state/account-view'
import { useCounter } from '../../state/react'
import { DirectorySection } from '../directory/DirectorySection'
import { AccountSection } from './AccountSection'
import { CompatSection } from './CompatSection'
import { CounterSection } from './CounterSection'
import { ConsentSection } from './ConsentSection'
import { FirstRun } from './FirstRun'
import { SettingsLock } from '../staff/SettingsLock'
import { RulesSection, StaffSection } from '../staff/StaffSection'
import './settings.css'

export function SettingsScreen() {
  const status = useCounter((s) => s.status)
  if (!status) return <p className="muted">Loading…</p>
  if (isFirstRun(status)) return <FirstRun />
  // the screen's one h1 stands whether Settings are locked or open
  return (
    <>
      <h1 className="sr-only">Settings</h1>
      <SettingsLock>
        <div className="settings">
          <div className="settings-col">
            <AccountSection />
            <CounterSection />
            <DirectorySection />
            <StaffSection />
          </div>
          <div className="settings-col">
            <ConsentSection />
            <RulesSection />
          </div>
          <CompatSection />
        </div>
      </SettingsLock>
    </>
  )
}

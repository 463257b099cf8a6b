// The app shell: mode badge, connection banner, pending-award count, navigation, the check-in field, one screen.
import { useCallback, useEffect } from 'react'
import { AwardDialog } from './features/checkin/AwardDialog'
import { RedeemDialog } from './features/checkin/RedeemDialog'
import { CheckInField } from './features/checkin/CheckInField'
import { CheckInScreen } from './features/checkin/CheckInScreen'
import { QueueScreen } from './features/queue/QueueScreen'
import { ShiftReportScreen } from './features/report/ShiftReportScreen'
import { SearchScreen } from './features/search/SearchScreen'
import { FirstRun } from './features/settings/FirstRun'
import { SettingsScreen } from './features/settings/SettingsScreen'
import { ManagerSetupScreen, SignInScreen } from './features/staff/SignIn'
import { StaffBadge } from './features/staff/StaffBadge'
import { useStaffSession } from './features/staff/useStaffSession'
import { useCounter, useCounterStore } from './state/react'
import { connectionBanner, failedAwardCount, isTraining, otherAccountAwardCount, pendingAwardCount, TRAINING_BANNER } from './state/selectors'
import type { Screen } from './state/types'
import { clockWarning } from '../../shared/clock-words'
import { CHECK_IN_FIELD_ID, useScanner } from './ui/useScanner'

const NAV: { screen: Screen; label: string }[] = [
  { screen: 'checkin', label: 'Check-in' },
  { screen: 'search', label: 'Search' },
  { screen: 'queue', label: 'Queue' },
  { screen: 'report', label: 'Shift report' },
  { screen: 'settings', label: 'Settings' },
]

export function App() {
  const store = useCounterStore()
  const screen = useCounter((s) => s.screen)
  const dialog = useCounter((s) => s.dialog)
  const training = useCounter((s) => isTraining(s.status))
  const unconfigured = useCounter((s) => s.status?.mode === 'unconfigured')
  // issue 13: nobody works the counter without signing in; a live account's first run sets the manager's PIN first
  const staffGate = useCounter((s) => (unconfigured || !s.staff ? null : s.staff.needsManager ? 'setup' : s.staff.signedIn ? null : 'sign-in'))
  useStaffSession()

  const scannerPrefix = useCounter((s) => s.scannerPrefix)
  useScanner(
    useCallback((text: string) => void (store.getState().staff?.signedIn && store.getState().checkIn(text)), [store]),
    { prefix: scannerPrefix },
  )

  useEffect(() => {
    // Esc anywhere: close what is open and go back to the check-in field. Esc in an empty field there: next customer.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return
      const s = store.getState()
      const inField = document.activeElement?.id === CHECK_IN_FIELD_ID
      if (s.dialog) s.closeDialog()
      else if (s.screen === 'checkin' && inField && s.draft === '') s.nextCustomer()
      else {
        if (inField) s.setDraft('')
        s.returnToCheckIn()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store])

  return (
    <div className={training ? 'app training' : 'app'}>
      <Header />
      <Banner />
      <DatabaseNotice />
      <ClockWarning />
      {!unconfigured && !staffGate && (
        <div className="checkin-bar">
          <CheckInField />
        </div>
      )}
      <main className="screen" aria-label={unconfigured ? 'Welcome' : NAV.find((n) => n.screen === screen)?.label}>
        {unconfigured && <FirstRun />}
        {staffGate === 'setup' && <ManagerSetupScreen />}
        {staffGate === 'sign-in' && <SignInScreen />}
        {!unconfigured && !staffGate && screen === 'checkin' && <CheckInScreen />}
        {!unconfigured && !staffGate && screen === 'search' && <SearchScreen />}
        {!unconfigured && !staffGate && screen === 'queue' && <QueueScreen />}
        {!unconfigured && !staffGate && screen === 'report' && <ShiftReportScreen />}
        {!unconfigured && !staffGate && screen === 'settings' && <SettingsScreen />}
      </main>
      {/* hidden, not closed, behind the sign-in (signed out for being idle): what was typed is there after sign-in */}
      <div hidden={staffGate !== null || unconfigured}>
        {dialog?.kind === 'award' && <AwardDialog direction={dialog.direction} />}
        {dialog?.kind === 'redeem' && <RedeemDialog rewardId={dialog.rewardId} />}
      </div>
    </div>
  )
}

function Header() {
  const status = useCounter((s) => s.status)
  const screen = useCounter((s) => s.screen)
  const goTo = useCounter((s) => s.goTo)
  const pending = pendingAwardCount(status)
  const failed = failedAwardCount(status)
  const elsewhere = otherAccountAwardCount(status)
  return (
    <header className="header">
      <div className="brand">
        <span className="title">AIQ Counter</span>
        {status?.mode === 'training' && (
          <strong className="mode-badge" role="note" aria-label="Training mode">
            {TRAINING_BANNER}
          </strong>
        )}
        {status?.mode === 'live' && <span className="live-badge">Live · AIQ account {status.uid}</span>}
      </div>
      <StaffBadge />
      <div className="counts">
        <button type="button" className="count" onClick={() => goTo('queue')} aria-label={`Pending awards: ${pending}. Open the queue`}>
          Pending awards <span data-testid="pending-count">{pending}</span>
        </button>
        {failed > 0 && (
          <button type="button" className="count failed" onClick={() => goTo('queue')} aria-label={`Failed awards: ${failed}. Open the queue`}>
            Failed <span>{failed}</span>
          </button>
        )}
        {elsewhere > 0 && (
          <button
            type="button"
            className="count"
            onClick={() => goTo('queue')}
            aria-label={`Awards waiting for another account: ${elsewhere}. Open the queue`}
            title={status?.outbox.otherAccounts.map((o) => `${o.waiting} for ${o.label}`).join(', ')}
          >
            Other account <span>{elsewhere}</span>
          </button>
        )}
      </div>
      <CustomerScreenButton />
      <nav aria-label="Main" className="nav">
        {NAV.map((n) => (
          <button key={n.screen} type="button" aria-current={screen === n.screen ? 'page' : undefined} onClick={() => goTo(n.screen)}>
            {n.label}
          </button>
        ))}
      </nav>
    </header>
  )
}

/** Opens the customer's own screen: Electron's second window, or in browser mode the customer page in a new window. */
function CustomerScreenButton() {
  const open = useCounter((s) => s.customerScreen?.open ?? false)
  const openScreen = useCounter((s) => s.openCustomerScreen)
  const load = useCounter((s) => s.loadCustomerScreen)
  useEffect(() => void load(), [load])
  return (
    <button
      type="button"
      className="count"
      aria-label={open ? 'Customer screen (open)' : 'Customer screen'}
      onClick={() =>
        void openScreen().then((url) => {
          // its own window, with no way back to this one
          if (url) window.open(url, 'aiq-customer-screen', 'noopener')
        })
      }
    >
      Customer screen{open ? ' ✓' : ''}
    </button>
  )
}

/** AIQ's answers say this computer's clock is off: awards are reckoned on AIQ's time, but the manager should fix it */
function ClockWarning() {
  const text = clockWarning(useCounter((s) => s.status?.clockOffsetMs ?? null))
  if (!text) return null
  return (
    <div className="banner warn" role="note" aria-label="This computer's clock">
      {text}
    </div>
  )
}

function Banner() {
  const status = useCounter((s) => s.status)
  const statusError = useCounter((s) => s.statusError)
  const banner = connectionBanner(status)
  if (statusError) return <div className="banner error" role="alert">{statusError}</div>
  if (!banner) return null
  return (
    <div className={`banner ${banner.tone}`} role="status">
      {banner.text}
    </div>
  )
}

/** counter.db was damaged at a start: what was set aside and recovered, until a person says they have read it */
function DatabaseNotice() {
  const notice = useCounter((s) => s.status?.databaseRecovered ?? null)
  const dismiss = useCounter((s) => s.dismissDatabaseNotice)
  if (!notice) return null
  return (
    <div className="banner error database-notice" role="alert">
      <p>{notice.message}</p>
      <button type="button" onClick={() => void dismiss()}>
        I have read this
      </button>
    </div>
  )
}

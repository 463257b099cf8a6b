// The customer screen's state, kept in main: what it shows (a first name and points after check-in; the signup and
// consent steps; thanks, then idle after 20 s) and the consent session the counter waits on. The screen itself only
// shows CustomerView and sends its own keys and taps; every tap that is a choice is written to the ledger at once.
import type { Customer, CustomerScreenStatus, CustomerView, Disclosure } from '../../shared/contract'
import { retentionDisclosure, smsDisclosure } from '../../shared/consent-words'
import { formatPhone } from '../../shared/phone'
import { CounterError } from '../errors'
import type { ConsentService } from './consents'

export const THANKS_MS = 20_000

type Choice = 'yes' | 'no'
type Session = {
  counterPhone: string
  firstName: string
  step: 'data_retention' | 'phone' | 'sms' | 'done'
  typed: string
  customerPhone: string | null
  dataRetention: Choice | null
  sms: Choice | null
  disclosure: Disclosure
}
type Shown =
  | { mode: 'idle' }
  | { mode: 'customer'; contactID: string; phone: string | null; firstName: string; points: number; pendingPoints: number; rewards: string[] }
  | { mode: 'signup' }
  | { mode: 'thanks'; firstName: string }

export type Timer = (fn: () => void, ms: number) => () => void
const realTimer: Timer = (fn, ms) => {
  const t = setTimeout(fn, ms)
  t.unref?.()
  return () => clearTimeout(t)
}

export function createCustomerScreen(deps: {
  consents: ConsentService
  onStatus: (s: CustomerScreenStatus) => void
  onView: (v: CustomerView) => void
  timer?: Timer
}) {
  const timer = deps.timer ?? realTimer
  let attached = 0
  let shown: Shown = { mode: 'idle' }
  let session: Session | null = null
  let cancelThanks = () => {}
  let opener: (() => Promise<string | null>) | null = null

  const storeName = () => deps.consents.settings().storeName

  function view(): CustomerView {
    if (shown.mode === 'customer') {
      const { firstName, points, pendingPoints, rewards } = shown
      return { view: 'customer', storeName: storeName(), firstName, points, pendingPoints, rewards }
    }
    if (shown.mode === 'thanks') return { view: 'thanks', storeName: storeName(), firstName: shown.firstName }
    if (shown.mode === 'signup' && session && session.step !== 'done') {
      const text = session.disclosure.text
      const disclosure =
        session.step === 'data_retention' ? retentionDisclosure(text) : session.step === 'sms' ? smsDisclosure(text, formatPhone(session.customerPhone ?? session.typed)) : ''
      return { view: 'signup', storeName: storeName(), step: session.step, typed: session.typed, mismatch: session.customerPhone !== null && session.customerPhone !== session.counterPhone, disclosure }
    }
    return { view: 'idle', storeName: storeName() }
  }

  function status(): CustomerScreenStatus {
    return {
      open: attached > 0,
      asking: session !== null && session.step !== 'done',
      counterPhone: session?.counterPhone ?? null,
      customerPhone: session?.customerPhone ?? null,
      mismatch: !!session?.customerPhone && session.customerPhone !== session.counterPhone,
      dataRetention: session?.dataRetention ?? null,
      sms: session?.sms ?? null,
      answered: session?.step === 'done',
    }
  }

  let stopped = false
  const changed = () => {
    if (stopped) return // the services are closing: a screen going away now has no one to tell
    deps.onStatus(status())
    deps.onView(view())
  }
  const show = (next: Shown) => {
    cancelThanks()
    cancelThanks = () => {}
    shown = next
    if (next.mode === 'thanks') {
      cancelThanks = timer(() => {
        shown = { mode: 'idle' }
        changed()
      }, THANKS_MS)
    }
  }

  function finish() {
    session!.step = 'done'
    show({ mode: 'thanks', firstName: session!.firstName })
  }

  return {
    status,
    view,
    stop() {
      stopped = true
      cancelThanks()
    },
    /** the shell: a customer screen (window or page) is open now; call the result when it closes */
    attach(): () => void {
      attached++
      changed()
      let done = false
      return () => {
        if (done) return
        done = true
        attached--
        changed()
      }
    },
    /** how the shell opens its customer screen: Electron shows its window (null), browser mode answers the page's address */
    setOpener(fn: () => Promise<string | null>) {
      opener = fn
    },
    /** after a check-in: the first name and points only */
    showCustomer(c: Customer) {
      if (session && session.step !== 'done') return // the customer is in the middle of signing up
      // the same customer again (AIQ's answer after this counter's copy): the rewards already shown stay
      const rewards = shown.mode === 'customer' && shown.contactID === c.contactID ? shown.rewards : []
      show({ mode: 'customer', contactID: c.contactID, phone: c.phone ?? null, firstName: c.firstName, points: c.points, pendingPoints: c.pendingPoints, rewards })
      changed()
    },
    /** the rewards panel loaded: the names of the unlocked ones, if this customer is still shown */
    showRewards(ref: { contactID?: string; phone?: string }, names: string[]) {
      if (shown.mode !== 'customer') return
      const same = ref.contactID ? shown.contactID === ref.contactID : !!ref.phone && shown.phone === ref.phone
      if (!same) return
      shown = { ...shown, rewards: names.slice(0, 50) }
      changed()
    },
    /** the signup used the customer's answers: the session is over */
    signedUp() {
      session = null
      deps.onStatus(status())
    },
    consentFor(phone: string) {
      return session?.step === 'done' && session.customerPhone === phone ? { sms: session.sms, dataRetention: session.dataRetention } : null
    },
    api: {
      getCustomerScreen: async () => status(),
      openCustomerScreen: async () => ({ url: opener ? await opener() : null, status: status() }),
      askCustomerConsent: async ({ phone, firstName }: { phone: string; firstName: string }) => {
        if (attached === 0) throw new CounterError('invalid_input', 'No customer screen is open. Open it with “Customer screen” in the header, or ask the customer and choose for them.')
        const askRetention = deps.consents.settings().askDataRetention
        session = {
          counterPhone: phone,
          firstName,
          step: askRetention ? 'data_retention' : 'phone',
          typed: '',
          customerPhone: null,
          dataRetention: null,
          sms: null,
          disclosure: deps.consents.disclosure(),
        }
        show({ mode: 'signup' })
        changed()
        return status()
      },
      cancelCustomerConsent: async () => {
        session = null
        show({ mode: 'idle' })
        changed()
        return status()
      },
      clearCustomerScreen: async () => {
        if (session && session.step !== 'done') return status() // Cancel is the way out of a signup in progress
        session = null
        show({ mode: 'idle' })
        changed()
        return status()
      },
    },
    customerApi: {
      getCustomerView: async () => view(),
      typeCustomerPhone: async ({ key }: { key: string }) => {
        if (!session || session.step !== 'phone') throw new CounterError('invalid_input', 'The keypad is not on the screen now.')
        if (key === 'back') session.typed = session.typed.slice(0, -1)
        else if (key === 'done') {
          if (session.typed.length !== 10) throw new CounterError('invalid_input', 'Type all 10 digits of your phone number.')
          session.customerPhone = session.typed
          session.step = 'sms'
        } else if (session.typed.length < 10) session.typed += key
        changed()
        return view()
      },
      chooseConsent: async ({ channel, choice }: { channel: 'sms' | 'data_retention'; choice: Choice }) => {
        const step = channel === 'sms' ? 'sms' : 'data_retention'
        if (!session || session.step !== step) throw new CounterError('invalid_input', 'That choice is not on the screen now.')
        // the data-retention choice comes before the customer types their number: it is recorded against the counter's
        const phone = channel === 'sms' ? session.customerPhone! : session.counterPhone
        deps.consents.record({ phone, channel, choice, givenBy: 'customer_screen', disclosure: session.disclosure })
        if (channel === 'data_retention') {
          session.dataRetention = choice
          if (choice === 'no') finish()
          else session.step = 'phone'
        } else {
          session.sms = choice
          finish()
        }
        changed()
        return view()
      },
    },
  }
}
export type CustomerScreen = ReturnType<typeof createCustomerScreen>

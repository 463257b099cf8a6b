import type { RecentCustomer } from './recent-view'
// The shape of the renderer's store: one flat object assembled from slices (each in state/slices/, combined in
// store.ts). The slices' interfaces live here, so a slice file imports this and nothing imports a slice back.
import type { StoreApi } from 'zustand/vanilla'
import type { CustomerScreenStatus } from '../../../shared/contract'
import type { CounterClient } from '../api'
import type { AppStatus, Approval, CheckInResult, Customer, IdCheckOutcome, MethodInput, MethodName, MethodOutput, OutboxEntry, RedemptionEntry, StaffStatus, Trait, RecentAwards } from '../../../shared/contract'
import type { Panel } from './panels'

export type Screen = 'checkin' | 'search' | 'queue' | 'report' | 'settings'
export type Rewards = MethodOutput<'getRewards'>
export type Visit = MethodOutput<'getVisits'>['visits'][number]
export type TimelineEvent = MethodOutput<'getTimeline'>['events'][number]
export type Recommendation = MethodOutput<'getRecommendations'>['products'][number]
export type Overrides = MethodOutput<'getOverrides'>['overrides']
export type StoreOption = MethodOutput<'listStores'>['stores'][number]
export type ShiftReport = MethodOutput<'shiftReport'>
export type SignUpInput = Parameters<CounterClient['signUp']>[0]

export interface PanelData {
  rewards: Rewards
  visits: Visit[]
  timeline: TimelineEvent[]
  recommendations: Recommendation[]
  traits: Trait[]
  overrides: Overrides
}
export type PanelKey = keyof PanelData
export type ProfilePanels = { [K in PanelKey]: Panel<PanelData[K]> }

export type Dialog = { kind: 'award'; direction: 'award' | 'deduct' } | { kind: 'redeem'; rewardId: string } | null

/** A short message on the check-in screen after something was done (role=status). */
export type Notice = { tone: 'ok' | 'warn' | 'error'; text: string } | null

export interface StatusSlice {
  status: AppStatus | null
  statusError: string | null
  loadStatus(): Promise<void>
  applyStatus(status: AppStatus): void
  /** the manager has read that the database was damaged and what was recovered */
  dismissDatabaseNotice(): Promise<void>
  applyDirectory(directory: AppStatus['directory']): void
  /** a directory change's answer, shown unless one of main's directory events came while it was asked (that is newer) */
  directoryAnswer(ask: () => Promise<AppStatus['directory']>): Promise<void>
  /** an award is on disk: counted as pending at once, before main's next status event says so */
  countAward(entry: OutboxEntry): void
  /** first run: practise in the training sandbox, then the check-in screen; main's refusal in words, or null */
  startTraining(): Promise<string | null>
}

export interface NavSlice {
  /** the character the scanner is set to send before each scan, or null (timing alone tells scans from typing) */
  scannerPrefix: string | null
  setScannerPrefix(prefix: string | null): void
  screen: Screen
  /** bumps whenever focus must go back to the check-in field */
  focusTick: number
  dialog: Dialog
  /** focus goes back to the check-in field (every slice that is done with a flow calls this) */
  focusCheckIn(): void
  goTo(screen: Screen): void
  returnToCheckIn(): void
  /** the dialog opens on a clean slate: no award or redemption from before */
  openDialog(dialog: NonNullable<Dialog>): void
  /** the dialog goes and focus goes back to the check-in field */
  closeDialog(): void
  /** the dialog goes; focus stays where it is (what comes next takes it) */
  dismissDialog(): void
}

export interface CheckInSlice {
  checkin: {
    state: 'idle' | 'loading' | 'done' | 'failed'
    input: string
    result: CheckInResult | null
    error: string | null
    /** each check-in gets a number; an answer for an older one is dropped */
    seq: number
    /** the result is this counter's copy, shown while AIQ's own answer is on its way */
    askingAiq?: boolean
  }
  /** what is in the check-in field right now */
  draft: string
  notice: Notice
  setDraft(draft: string): void
  checkIn(input: string): Promise<void>
  openCustomer(customer: Customer): void
  /** the customer just signed up (or opened) is on screen, their panels loading; the screen and the notice stay */
  showCustomer(customer: Customer): void
  /** the result on screen takes what changed (a balance after an award, AIQ's fresh record); the same check-in */
  updateResult(change: (result: CheckInResult | null) => CheckInResult | null): void
  nextCustomer(): void
  setNotice(notice: Notice): void
}

/** The profile of the customer on screen: its panels, and what a budtender changes there. */
export interface ProfileSlice {
  panels: ProfilePanels
  /** the profile goes blank: another customer, or none */
  clearPanels(): void
  loadPanel(key: PanelKey): Promise<void>
  addTrait(trait: Trait, approval?: Approval): Promise<boolean>
  saveOverride(key: string, value: string | number | boolean | null, approval?: Approval): Promise<boolean>
  requestSmsConsent(): Promise<void>
}

export interface AwardSlice {
  award: { state: 'idle' | 'saving' | 'failed'; error: string | null }
  budtender: string
  /** the signed-in budtender is who awards (main decides); `approval` is the manager's PIN where the rules ask for it */
  /** the old "Not saved: …" goes as soon as the budtender changes what they typed */
  clearAwardError(): void
  /** a dialog opens: nothing saving and no error from an award before */
  resetAward(): void
  awardPoints(input: { value: number; reason: string; budtender?: string; approval?: Approval }): Promise<boolean>
  /** points this customer got in the last minutes, here or at another counter (null until asked, or when none) */
  recentAwards: RecentAwards | null
  /** asked when the award dialog opens */
  loadRecentAwards(): Promise<void>
}

export interface SignupSlice {
  stores: Panel<StoreOption[]>
  signup: { state: 'idle' | 'saving' | 'failed'; error: string | null }
  loadStores(): Promise<void>
  signUp(input: SignUpInput): Promise<boolean>
  /** a new check-in: no signup saving and no error from the last one */
  resetSignup(): void
}

export type RedemptionReport = MethodOutput<'redemptionReport'>

export interface RedeemSlice {
  /** the redemption dialog: idle (choosing / typing), sending, done (a result to show, whatever it was), failed (nothing happened) */
  redeem: { state: 'idle' | 'sending' | 'done' | 'failed'; result: RedemptionEntry | null; error: string | null }
  redeemReward(input: { rewardId: string; posTransactionId: string; approval?: Approval }): Promise<RedemptionEntry | null>
  /** an in-doubt or not-sent redemption: AIQ's list is looked at first (main decides whether anything is sent) */
  retryRedemption(id: string): Promise<void>
  /** a dialog opens: no result or error from a redemption before */
  resetRedemption(): void
  redemptions: Panel<RedemptionReport>
  loadRedemptions(): Promise<void>
}

export interface SearchSlice {
  search: { query: string; state: 'idle' | 'loading' | 'done' | 'failed'; results: Customer[]; total: number; error: string | null }
  searchCustomers(query: string): Promise<void>
  /** a few customers by name for a form (the Queue's Fix customer), answered to the caller: the Search screen is left as it is */
  findCustomers(query: string, limit: number): Promise<Customer[]>
}

export interface ReportSlice {
  report: Panel<ShiftReport>
  /** whole days on this computer's calendar (yyyy-mm-dd); none: the range shown last, today at first */
  /** the last customers checked in at this counter (memory only: gone at restart) */
  recent: RecentCustomer[]
  rememberCheckIn(c: Customer): void
  reportRange: { fromDay: string; toDay: string } | null
  loadReport(range?: { fromDay: string; toDay: string }): Promise<void>
}

export type FixQueuedInput = Parameters<CounterClient['fixOutboxCustomer']>[0]
export type DiscardQueuedInput = Parameters<CounterClient['discardOutboxEntry']>[0]

export interface OutboxSlice {
  outbox: OutboxEntry[]
  applyOutbox(entries: OutboxEntry[]): void
  /** entries main just answered with (an award saved, say): each replaces its row, the rest stay */
  updateOutbox(entries: OutboxEntry[]): void
  /** the Queue screen while it is up: its first load, what went wrong (role=alert), what an action did (role=status) */
  /** `retrying`: the award a Retry now notice is about (the notice lasts only while that award is still on its way) */
  queue: { loading: boolean; problem: string | null; notice: string | null; retrying?: { id: string; label: string } | null }
  /** the Queue screen came up: loads the queue and counts main's events; returns what to call when it goes */
  openQueue(): () => void
  clearQueueProblem(): void
  retryQueued(entry: OutboxEntry): Promise<void>
  /** each resolves with main's refusal in words (for the dialog), or null once done and the notice says so */
  fixQueuedCustomer(input: FixQueuedInput): Promise<string | null>
  discardQueued(input: DiscardQueuedInput): Promise<string | null>
}

export type RecoverManagerPinInput = Parameters<CounterClient['recoverManagerPin']>[0]

export interface StaffSlice {
  staff: StaffStatus | null
  loadStaff(): Promise<void>
  applyStaff(s: StaffStatus): void
  /** resolves with an error message, or null when signed in */
  signInBudtender(staffId: string, pin: string): Promise<string | null>
  /** idle: keep the customer and any open dialog for whoever signs in next (a typed award is not lost) */
  signOutBudtender(opts?: { idle?: boolean }): Promise<void>
  setUpManager(name: string, pin: string): Promise<string | null>
  /** the signed-in person's own PIN; resolves with main's refusal in words, or null once changed (the notice says so) */
  changeMyPin(oldPin: string, newPin: string): Promise<string | null>
  /** a forgotten manager PIN, reset with the AIQ API key; the refusal in words, or null once that manager is signed in */
  recoverManagerPin(input: RecoverManagerPinInput): Promise<string | null>
  /** a key or a click: tells main at most every 30 s that the budtender is still here */
  stillHere(): void
  /** the "Join loyalty" of the customer on screen was asked for from elsewhere (the award dialog): that check-in's seq */
  joinAsked: number | null
  askToJoin(): void
}

/** The ID check of a scanned licence: on screen while its card is up, gone when the card goes. */
export interface IdCheckSlice {
  idCheck: { state: 'idle' | 'checking' | 'done' | 'failed'; outcome: IdCheckOutcome | null; error: string | null }
  checkId(scan: string): Promise<void>
  overrideIdCheck(reason: string, approval: Approval): Promise<string | null>
  /** the licence's details go (a sign-out), focus stays where it is */
  forgetIdCheck(): void
  /** the card goes and focus goes back to the check-in field */
  closeIdCheck(): void
}

export interface CustomerScreenSlice {
  customerScreen: CustomerScreenStatus | null
  customerScreenError: string | null
  loadCustomerScreen(): Promise<void>
  applyCustomerScreen(s: CustomerScreenStatus): void
  /** Electron shows its window (null); browser mode answers the customer page's address to open */
  openCustomerScreen(): Promise<string | null>
  askCustomerConsent(phone: string, firstName: string): Promise<void>
  cancelCustomerConsent(): Promise<void>
}

export interface SettingsSlice {
  /** unlocked: Settings' changes carry main's pass; pinAgain: a change that grants power waits for the manager's PIN */
  settingsLock: { unlocked: boolean; pinAgain: { method: MethodName; input: object } | null }
  /** with the manager's PIN, or none for a manager signed in at the counter (their session); main's refusal throws */
  unlockSettings(approval?: Approval): Promise<void>
  /** idle, Settings left, or main forgot the pass: the next change needs the PIN again */
  lockSettings(): void
  /** the manager's PIN for the change waiting (null: cancelled, nothing is changed) */
  answerPinAgain(approval: Approval | null): void
  /** a Settings read or change: with the pass (or the PIN again) while unlocked; the plain call while locked (first run) */
  settingsCall<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>
}

export type CounterState = CustomerScreenSlice &
  SettingsSlice &
  StatusSlice &
  NavSlice &
  CheckInSlice &
  ProfileSlice &
  AwardSlice &
  SignupSlice &
  SearchSlice &
  ReportSlice &
  OutboxSlice &
  RedeemSlice &
  StaffSlice &
  IdCheckSlice

/** What the store needs from the page: the time, and a place to remember small preferences. */
export interface StoreDeps {
  now(): number
  prefs: { get(key: string): string | null; set(key: string, value: string): void }
}

export type SetState = StoreApi<CounterState>['setState']
export type GetState = StoreApi<CounterState>['getState']
/** A slice's creator: given the client, the one store's set and get, and the page's deps, it returns its part. */
export type SliceCreator<S> = (api: CounterClient, set: SetState, get: GetState, deps: StoreDeps) => S

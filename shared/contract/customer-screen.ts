// The customer screen: what it may show (CustomerView: a first name, points and reward names, never a last name, phone
// or email; the customer's own typed phone only while they type it) and what it may send (its own inputs). The
// counter's side of it (CustomerScreenStatus and the consent ledger's rows) is here too; methods.ts names the calls.
import { z } from 'zod'
import { Millis, Phone10 } from './domain'
import type { CustomerEventName, CustomerMethodName } from './customer-names'
import type { Result } from './domain'

export const ConsentChannel = z.enum(['sms', 'data_retention'])
export const ConsentChoice = z.enum(['yes', 'no'])
export const GivenBy = z.enum(['customer_screen', 'budtender'])

export const Disclosure = z.object({ version: z.number().int().positive(), text: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })
export type Disclosure = z.infer<typeof Disclosure>

export const CustomerView = z.discriminatedUnion('view', [
  z.object({ view: z.literal('idle'), storeName: z.string() }).strict(),
  z
    .object({
      view: z.literal('customer'),
      storeName: z.string(),
      firstName: z.string().max(80),
      points: z.number(),
      pendingPoints: z.number(),
      /** names of the rewards their points unlock now */
      rewards: z.array(z.string().max(200)).max(50),
    })
    .strict(),
  z
    .object({
      view: z.literal('signup'),
      storeName: z.string(),
      step: z.enum(['data_retention', 'phone', 'sms']),
      /** the digits the customer has typed so far on the keypad (their own number, on their own screen) */
      typed: z.string().regex(/^\d{0,10}$/),
      /** the customer's number differs from the one the budtender typed */
      mismatch: z.boolean(),
      /** the paragraph to read at this step, the customer's number in it */
      disclosure: z.string(),
    })
    .strict(),
  z.object({ view: z.literal('thanks'), storeName: z.string(), firstName: z.string().max(80) }).strict(),
])
export type CustomerView = z.infer<typeof CustomerView>

export const customerMethods = {
  getCustomerView: { input: z.object({}).strict(), output: CustomerView },
  /** a key on the keypad: a digit, or 'back', or 'done' (the phone is complete) */
  typeCustomerPhone: { input: z.object({ key: z.enum(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'back', 'done']) }).strict(), output: CustomerView },
  chooseConsent: { input: z.object({ channel: ConsentChannel, choice: ConsentChoice }).strict(), output: CustomerView },
} as const satisfies Record<CustomerMethodName, { input: z.ZodType; output: z.ZodType }>

export const customerEvents = { customerViewChanged: CustomerView } as const satisfies Record<CustomerEventName, z.ZodType>

export type CustomerMethodArgs<M extends CustomerMethodName> = z.output<(typeof customerMethods)[M]['input']>
export type CustomerMethodOutput<M extends CustomerMethodName> = z.output<(typeof customerMethods)[M]['output']>

/** What `window.customerScreen` is (the customer page's preload, or the bridge's customer client). */
export type CustomerScreenApi = {
  [M in CustomerMethodName]: (input: z.input<(typeof customerMethods)[M]['input']>) => Promise<Result<CustomerMethodOutput<M>>>
} & { onCustomerViewChanged: (listener: (view: CustomerView) => void) => () => void }

// ---- the counter's side ---------------------------------------------------------------------

export const CustomerScreenStatus = z.object({
  /** a customer screen is open (a window on the second display, or the page in browser mode) */
  open: z.boolean(),
  /** the customer screen is asking for consent (the counter shows "Waiting for the customer…") */
  asking: z.boolean(),
  counterPhone: Phone10.nullable(),
  /** the number the customer typed, once complete */
  customerPhone: Phone10.nullable(),
  mismatch: z.boolean(),
  dataRetention: ConsentChoice.nullable(),
  sms: ConsentChoice.nullable(),
  /** both answers are in (or the customer declined data retention) */
  answered: z.boolean(),
})
export type CustomerScreenStatus = z.infer<typeof CustomerScreenStatus>

export const ConsentRow = z.object({
  id: z.number().int(),
  aiqAt: Millis,
  counterAt: Millis,
  phoneMasked: z.string(),
  phoneHash: z.string(),
  channel: ConsentChannel,
  choice: ConsentChoice,
  disclosureVersion: z.number().int().nullable(),
  disclosureSha256: z.string().nullable(),
  counterName: z.string(),
  budtender: z.string(),
  givenBy: GivenBy,
})
export type ConsentRow = z.infer<typeof ConsentRow>

export const ConsentSettings = z.object({
  storeName: z.string().trim().min(1, 'the store’s name').max(80),
  programName: z.string().trim().min(1, 'the program’s name').max(80),
  terms: z.string().trim().min(1, 'a link or words for the terms').max(300),
  /** AIQ texts the customer to confirm (reply Y): on unless the store turned it off */
  doubleOptIn: z.boolean(),
  /** ask a data-retention consent first (as Oregon requires) */
  askDataRetention: z.boolean(),
})
export type ConsentSettings = z.infer<typeof ConsentSettings>

// The customer screen joined to check-in and signup: a check-in shows the customer their first name and points, the
// rewards panel adds the unlocked rewards' names, and a signup carries the SMS choice the customer made (on their own
// screen) or the budtender stated (on the customer's word), with a ledger row either way.
import type { CheckInResult, MethodArgs, MethodOutput } from '../../shared/contract'
import { CounterError } from '../errors'
import type { ConsentService } from './consents'
import type { CustomerScreen } from './customer-screen'
import type { CustomerService } from './customers'

export function withCustomerScreen(customers: CustomerService, screen: CustomerScreen, consents: ConsentService): CustomerService {
  return {
    ...customers,
    async checkIn(args: MethodArgs<'checkIn'>): Promise<CheckInResult> {
      const result = await customers.checkIn(args)
      if (result.kind === 'customer') screen.showCustomer(result.customer)
      return result
    },
    async checkInFromDirectory(args: MethodArgs<'checkInFromDirectory'>): Promise<MethodOutput<'checkInFromDirectory'>> {
      const found = await customers.checkInFromDirectory(args)
      if (found.hit) screen.showCustomer(found.hit.customer)
      return found
    },
    async getRewards(ref) {
      const rewards = await customers.getRewards(ref)
      if (!rewards.hidePoints) screen.showRewards(ref, rewards.rewards.filter((r) => r.unlocked).map((r) => r.name))
      return rewards
    },
    async signUp(args: MethodArgs<'signUp'>): Promise<MethodOutput<'signUp'>> {
      const { doubleOptIn } = consents.settings()
      if (args.consentFrom === 'customer_screen') {
        const given = screen.consentFor(args.phone)
        if (!given) throw new CounterError('invalid_input', 'The customer has not chosen on their screen yet (or typed another number). Wait for them, or Cancel and ask them yourself.')
        if (given.dataRetention === 'no')
          throw new CounterError('invalid_input', 'The customer did not agree to the store keeping their details, so they cannot join. They can still buy today.')
        // the customer's own tap decides; the ledger row was written when they tapped
        const out = await customers.signUp({ ...args, sms: given.sms === 'yes' ? 'double_opt_in' : 'none' }, { doubleOptIn })
        screen.signedUp()
        return out
      }
      // on the customer's word: recorded before anything is sent, against the disclosure version in force
      consents.record({ phone: args.phone, channel: 'sms', choice: args.sms === 'double_opt_in' ? 'yes' : 'no', givenBy: 'budtender', disclosure: consents.disclosure() })
      return customers.signUp(args, { doubleOptIn })
    },
  }
}

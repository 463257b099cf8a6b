// The customer screen as the counter sees it: open or not, and while it asks for consent, what the customer typed
// and chose (pushed by main within a second of their tap).
import { errorMessage } from '../../api'
import type { CustomerScreenSlice, SliceCreator } from '../types'

export const createCustomerScreenSlice: SliceCreator<CustomerScreenSlice> = (api, set) => ({
  customerScreen: null,
  customerScreenError: null,
  async loadCustomerScreen() {
    try {
      set({ customerScreen: await api.getCustomerScreen({}), customerScreenError: null })
    } catch (e) {
      set({ customerScreenError: errorMessage(e) })
    }
  },
  applyCustomerScreen: (customerScreen) => set({ customerScreen }),
  async openCustomerScreen() {
    try {
      const { url, status } = await api.openCustomerScreen({})
      set({ customerScreen: status, customerScreenError: null })
      return url
    } catch (e) {
      set({ customerScreenError: errorMessage(e) })
      return null
    }
  },
  async askCustomerConsent(phone, firstName) {
    try {
      set({ customerScreen: await api.askCustomerConsent({ phone, firstName }), customerScreenError: null })
    } catch (e) {
      set({ customerScreenError: errorMessage(e) })
    }
  },
  async cancelCustomerConsent() {
    try {
      set({ customerScreen: await api.cancelCustomerConsent({}), customerScreenError: null })
    } catch (e) {
      set({ customerScreenError: errorMessage(e) })
    }
  },
})

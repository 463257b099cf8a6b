// Customer search: the newest query wins; a slower, older answer is dropped.
import { errorMessage } from '../../api'
import { looksLikeLicenceData } from '../../../../shared/aamva'
import type { SearchSlice, SliceCreator } from '../types'

export const createSearchSlice: SliceCreator<SearchSlice> = (api, set, get) => ({
  search: { query: '', state: 'idle', results: [], total: 0, error: null },
  async searchCustomers(query) {
    // a licence typed or split into the search box is the ID check's, never a search at AIQ
    if (looksLikeLicenceData(query)) {
      set({ search: { query: '', state: 'idle', results: [], total: 0, error: null } })
      return get().checkId(query)
    }
    set({ search: { query, state: 'loading', results: [], total: 0, error: null } })
    try {
      const { results, total } = await api.searchCustomers({ query, limit: 25 })
      if (get().search.query === query) set({ search: { query, state: 'done', results, total, error: null } })
    } catch (e) {
      if (get().search.query === query) set({ search: { query, state: 'failed', results: [], total: 0, error: errorMessage(e) } })
    }
  },
  findCustomers: async (query, limit) => (await api.searchCustomers({ query, limit })).results,
})

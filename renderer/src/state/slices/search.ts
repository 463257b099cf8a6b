// Customer search: the newest query wins; a slower, older answer is dropped.
import { errorMessage } from '../../api'
import type { SearchSlice, SliceCreator } from '../types'

export const createSearchSlice: SliceCreator<SearchSlice> = (api, set, get) => ({
  search: { query: '', state: 'idle', results: [], total: 0, error: null },
  async searchCustomers(query) {
    set({ search: { query, state: 'loading', results: [], total: 0, error: null } })
    try {
      const { results, total } = await api.searchCustomers({ query, limit: 25 })
      if (get().search.query === query) set({ search: { query, state: 'done', results, total, error: null } })
    } catch (e) {
      if (get().search.query === query) set({ search: { query, state: 'failed', results: [], total: 0, error: errorMessage(e) } })
    }
  },
})

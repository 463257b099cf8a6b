// Find a customer who can't remember their number: by name, email or phone. While AIQ can't be reached, main answers
// from this counter's copy of the customer list, and the screen says so.
import { useEffect, useRef, useState } from 'react'
import { formatPhone } from '../../../../shared/phone'
import { useCounter, useCounterStore } from '../../state/react'
import { formatBalance } from '../../../../shared/points'
import { balance } from '../../state/selectors'

export function SearchScreen() {
  const store = useCounterStore()
  const search = useCounter((s) => s.search)
  const online = useCounter((s) => s.status?.online ?? true)
  const [query, setQuery] = useState(search.query)
  const [problem, setProblem] = useState<string | null>(null)
  const ref = useRef<HTMLInputElement>(null)
  useEffect(() => ref.current?.focus(), [])

  return (
    <section className="card search" aria-labelledby="search-title">
      <h1 id="search-title">Search customers</h1>
      <form
        className="inline-form"
        role="search"
        aria-label="Customer search"
        onSubmit={(e) => {
          e.preventDefault()
          const q = query.trim()
          if (q.length < 2) return setProblem('Type at least 2 letters or digits.')
          setProblem(null)
          void store.getState().searchCustomers(q)
        }}
      >
        <label>
          Name, email or phone
          <input ref={ref} type="search" value={query} autoComplete="off" onChange={(e) => setQuery(e.target.value)} />
        </label>
        <button type="submit">Search</button>
      </form>
      {problem && <p role="alert">{problem}</p>}
      {search.state === 'loading' && <p role="status">Searching…</p>}
      {search.state === 'failed' && <p role="alert">{search.error}</p>}
      {search.state === 'done' && (
        <>
          {!online && (
            <p className="notice warn" role="note">
              AIQ can’t be reached: these are from this counter’s copy of the customer list, and points may be out of date.
            </p>
          )}
          <p role="status">
            {search.total === 0 ? `No customers match “${search.query}”.` : `${search.total} found${search.total > search.results.length ? `, showing ${search.results.length}` : ''}.`}
          </p>
          <ul className="results" aria-label="Search results">
            {search.results.map((c) => {
              const name = `${c.firstName} ${c.lastName}`.trim() || 'Unnamed customer'
              return (
                <li key={c.contactID}>
                  <button type="button" className="result" aria-label={`Open ${name}`} onClick={() => store.getState().openCustomer(c)}>
                    <strong>{name}</strong>
                    <span>{c.phone ? formatPhone(c.phone) : 'no phone'}</span>
                    <span className="muted">{c.email ?? ''}</span>
                    <span>{formatBalance(balance(c))}</span>
                    <span>{c.member ? 'Member' : 'Not a member'}</span>
                  </button>
                </li>
              )
            })}
          </ul>
        </>
      )}
    </section>
  )
}

// Keeps the staff view fresh (on start and when the account changes), tells main the budtender is still here on any
// key or click, and signs them out after the configured idle minutes (main does too, on its own clock).
import { useEffect } from 'react'
import { useCounter, useCounterStore } from '../../state/react'

export function useStaffSession() {
  const store = useCounterStore()
  const mode = useCounter((s) => s.status?.mode ?? null)
  const signedIn = useCounter((s) => s.staff?.signedIn?.id ?? null)
  const idleMinutes = useCounter((s) => s.staff?.rules.idleMinutes ?? null)

  useEffect(() => {
    if (mode !== null) void store.getState().loadStaff()
  }, [mode, store])

  useEffect(() => {
    if (!signedIn || !idleMinutes) return
    let last = Date.now()
    const active = () => {
      last = Date.now()
      store.getState().stillHere()
    }
    const timer = setInterval(() => {
      if (Date.now() - last >= idleMinutes * 60_000) void store.getState().signOutBudtender({ idle: true })
    }, 5_000)
    window.addEventListener('keydown', active, true)
    window.addEventListener('pointerdown', active, true)
    return () => {
      clearInterval(timer)
      window.removeEventListener('keydown', active, true)
      window.removeEventListener('pointerdown', active, true)
    }
  }, [signedIn, idleMinutes, store])
}

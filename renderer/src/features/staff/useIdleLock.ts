// Calls `onIdle` once nobody has pressed a key, clicked, typed or scrolled for `ms` while `active`.
import { useEffect } from 'react'

const INPUT = ['keydown', 'pointerdown', 'input', 'wheel'] as const

export function useIdleLock(active: boolean, ms: number, onIdle: () => void): void {
  useEffect(() => {
    if (!active) return
    let timer = setTimeout(onIdle, ms)
    const again = () => {
      clearTimeout(timer)
      timer = setTimeout(onIdle, ms)
    }
    for (const e of INPUT) window.addEventListener(e, again, true)
    return () => {
      clearTimeout(timer)
      for (const e of INPUT) window.removeEventListener(e, again, true)
    }
  }, [active, ms, onIdle])
}

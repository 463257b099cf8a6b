// A Settings section's round trip with main: what is saved now is loaded once, and Save shows busy, then "Saved."
// or main's reason. Calls go through the settings slice, which adds the unlocked screen's pass.
import { useEffect, useState } from 'react'
import { errorMessage } from '../../api'
import { useCounter } from '../../state/react'
import type { SettingsSlice } from '../../state/types'

type Call = SettingsSlice['settingsCall']

export function useSettingsSave<T>(load: (call: Call) => Promise<T>, show: (saved: T) => void) {
  const call = useCounter((s) => s.settingsCall)
  const [problem, setProblem] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  // loaded once per opening of Settings (locking them unmounts the sections); `show` only puts main's answer in the
  // section's state, so the one of the render that asked is as good as the latest
  useEffect(() => {
    let live = true
    load(call).then(
      (v) => live && show(v),
      (e: unknown) => live && setProblem(errorMessage(e)),
    )
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [call])

  return {
    problem,
    saved,
    busy,
    /** the form changed: the old "Saved." or reason goes */
    edited() {
      setSaved(false)
      setProblem(null)
    },
    async save(work: (call: Call) => Promise<T>) {
      setBusy(true)
      setProblem(null)
      setSaved(false)
      try {
        show(await work(call))
        setSaved(true)
      } catch (e) {
        setProblem(errorMessage(e))
      } finally {
        setBusy(false)
      }
    },
  }
}

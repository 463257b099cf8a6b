// A Settings section's round trip with main: what is saved now is loaded once, and Save shows busy, then "Saved."
// or main's reason. Calls go through useApi(): inside Settings that client carries the manager's pass
// (SettingsLock's StoreProvider, withApproval), which a slice's plain client would not, so this is a hook, not a slice.
import { useEffect, useState } from 'react'
import { errorMessage, type CounterClient } from '../../api'
import { useApi } from '../../state/react'

export function useSettingsSave<T>(load: (api: CounterClient) => Promise<T>, show: (saved: T) => void) {
  const api = useApi()
  const [problem, setProblem] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  // loaded again only when the client changes (Settings locked and opened again); `show` only puts main's answer in
  // the section's state, so the one of the render that asked is as good as the latest
  useEffect(() => {
    let live = true
    load(api).then(
      (v) => live && show(v),
      (e: unknown) => live && setProblem(errorMessage(e)),
    )
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [api])

  return {
    problem,
    saved,
    busy,
    /** the form changed: the old "Saved." or reason goes */
    edited() {
      setSaved(false)
      setProblem(null)
    },
    async save(work: (api: CounterClient) => Promise<T>) {
      setBusy(true)
      setProblem(null)
      setSaved(false)
      try {
        show(await work(api))
        setSaved(true)
      } catch (e) {
        setProblem(errorMessage(e))
      } finally {
        setBusy(false)
      }
    },
  }
}

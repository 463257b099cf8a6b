import { useCounter } from '../state/react'

/** The last thing done on the check-in screen ("Saved — will sync", "Text sent", an error). */
export function Notice() {
  const notice = useCounter((s) => s.notice)
  if (!notice) return null
  return (
    <p className={`notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
      {notice.text}
    </p>
  )
}

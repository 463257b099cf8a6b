// A modal dialog: role=dialog, aria-modal, focus kept inside (Tab and Shift+Tab wrap). Esc is handled by the app shell.
import { useEffect, useId, useRef, type ReactNode } from 'react'

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

export function Dialog(props: { title: string; children: ReactNode; role?: 'dialog' | 'alertdialog'; wide?: boolean }) {
  const ref = useRef<HTMLDivElement>(null)
  const titleId = useId()

  useEffect(() => {
    const el = ref.current
    if (!el) return
    if (el.getClientRects().length > 0 && !el.contains(document.activeElement)) (el.querySelector<HTMLElement>('[autofocus], ' + FOCUSABLE) ?? el).focus()
    const trap = (e: KeyboardEvent) => {
      // hidden behind the sign-in screen: that screen has the keyboard
      if (e.key !== 'Tab' || el.getClientRects().length === 0) return
      const items = [...el.querySelectorAll<HTMLElement>(FOCUSABLE)]
      const first = items[0]
      const last = items[items.length - 1]
      if (!first || !last) return e.preventDefault()
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault()
        last.focus()
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault()
        first.focus()
      } else if (!el.contains(document.activeElement)) {
        e.preventDefault()
        first.focus()
      }
    }
    document.addEventListener('keydown', trap)
    return () => document.removeEventListener('keydown', trap)
  }, [])

  // back from behind the sign-in screen: focus comes back into the dialog
  const shown = useRef(true)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const visible = el.getClientRects().length > 0
    if (visible && !shown.current && !el.contains(document.activeElement)) (el.querySelector<HTMLElement>('[autofocus], ' + FOCUSABLE) ?? el).focus()
    shown.current = visible
  })

  return (
    <div className="backdrop">
      <div ref={ref} className={props.wide ? 'dialog wide' : 'dialog'} role={props.role ?? 'dialog'} aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
      </div>
    </div>
  )
}

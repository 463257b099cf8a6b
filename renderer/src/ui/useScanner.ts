// Listens to every key on the page and turns scanner bursts into check-ins, wherever focus is — except into a field
// that asks for scans itself (data-accepts-scan, e.g. the POS transaction id scanned off a receipt): it gets the text,
// unless the text is a licence: that always goes to the ID check, never into a field (and from there to AIQ).
import { useEffect, useRef } from 'react'
import { createScanner, stripScannedTail, type ScannerOptions } from '../../../shared/scanner'
import { looksLikeLicenceData } from '../../../shared/aamva'

export const CHECK_IN_FIELD_ID = 'check-in-field'
/** the attribute a field sets to take a scan as its own text instead of a check-in */
export const ACCEPTS_SCAN = 'data-accepts-scan'

/** React controls its inputs' values: set through the native setter and tell React with an input event. */
function setInputValue(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value)
  el.dispatchEvent(new Event('input', { bubbles: true }))
}

/** Where the caret is (the scanner typed at it), or null for inputs without one (email, number). */
function caretOf(el: HTMLInputElement | HTMLTextAreaElement): number | undefined {
  try {
    return el.selectionEnd ?? undefined
  } catch {
    return undefined
  }
}

export function useScanner(onScan: (text: string) => void, options: Partial<ScannerOptions> = {}) {
  const onScanRef = useRef(onScan)
  onScanRef.current = onScan
  const prefix = options.prefix ?? null

  useEffect(() => {
    const scanner = createScanner({ ...options, prefix })
    let timer: ReturnType<typeof setTimeout> | undefined
    /** the Enter or Tab pressed last: a scan that ended with Enter into a field that takes scans submits its form */
    let ended: string | null = null

    const act = (v: { scan: string | null; released: 'Enter' | 'Tab' | null }) => {
      if (v.scan) {
        const el = document.activeElement
        const licence = looksLikeLicenceData(v.scan)
        if ((el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.hasAttribute(ACCEPTS_SCAN) && !licence) {
          setInputValue(el, stripScannedTail(el.value, v.scan, caretOf(el)) + v.scan)
          // the scanner's Enter was held back: submit once React has the new value
          const form = ended === 'Enter' ? el.form : null
          if (form) setTimeout(() => form.requestSubmit(), 0)
          return
        }
        if ((el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && (el.id !== CHECK_IN_FIELD_ID || licence)) {
          const cleaned = stripScannedTail(el.value, v.scan, caretOf(el))
          if (cleaned !== el.value) setInputValue(el, cleaned)
        }
        onScanRef.current(v.scan)
      } else if (v.released === 'Enter') {
        // We held an Enter that turned out to be a person's: do what it would have done.
        const el = document.activeElement
        if (el instanceof HTMLInputElement && el.form) el.form.requestSubmit()
        else if (el instanceof HTMLButtonElement) el.click()
      }
    }

    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing || e.repeat) return
      // When the key was pressed, not when we got round to it: a busy page must not make a scan look like typing.
      const at = e.timeStamp > 0 ? e.timeStamp : performance.now()
      if (e.key === 'Enter' || e.key === 'Tab') ended = e.key
      const v = scanner.key(e, at)
      if (v.swallow) {
        e.preventDefault()
        e.stopImmediatePropagation()
      }
      act(v)
      schedule()
    }
    // until time settles the burst (a licence waits longer than a card): tick, and tick again while it is not settled
    const schedule = () => {
      clearTimeout(timer)
      if (scanner.busy) timer = setTimeout(() => {
        act(scanner.tick(performance.now()))
        schedule()
      }, scanner.waitMs + 10)
    }
    window.addEventListener('keydown', onKey, true)
    return () => {
      clearTimeout(timer)
      window.removeEventListener('keydown', onKey, true)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [prefix])
}

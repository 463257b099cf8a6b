// Where the customer screen's window goes (pure, no Electron): full-screen on a display that is not the counter's
// (the primary); it follows displays being plugged in and out, and closes when no second display is left, so it never
// covers the budtender's screen on its own.
export type Rect = { x: number; y: number; width: number; height: number }
export type DisplayLike = { id: number; bounds: Rect }

/** the display for the customer: the first one that is not the primary, in the order the OS lists them */
export function customerDisplay(displays: readonly DisplayLike[], primaryId: number): DisplayLike | null {
  return displays.find((d) => d.id !== primaryId) ?? null
}

export type Placement = { action: 'open' | 'move'; display: DisplayLike } | { action: 'close' } | { action: 'none' }

/** What to do after a display change, given where the customer window is now (null: not open). */
export function placeCustomerWindow(displays: readonly DisplayLike[], primaryId: number, currentDisplayId: number | null): Placement {
  const target = customerDisplay(displays, primaryId)
  if (!target) return currentDisplayId === null ? { action: 'none' } : { action: 'close' }
  if (currentDisplayId === null) return { action: 'open', display: target }
  // still on a display that is there and is not the counter's: leave it where it is
  if (currentDisplayId !== primaryId && displays.some((d) => d.id === currentDisplayId)) return { action: 'none' }
  return { action: 'move', display: target }
}

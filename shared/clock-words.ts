// What the header says when this computer's clock is off from AIQ's (the offset comes from AIQ's answers).

/** beyond this the manager is told; below it the clock is close enough */
export const CLOCK_TOLERANCE_MS = 2 * 60_000

/** How far off the counter's clock is, in the manager's words, or null while it is within the tolerance. */
export function clockWarning(offsetMs: number | null): string | null {
  if (offsetMs === null || Math.abs(offsetMs) <= CLOCK_TOLERANCE_MS) return null
  const minutes = Math.round(Math.abs(offsetMs) / 60_000)
  const amount = minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minutes`
  return `This computer's clock is ${amount} ${offsetMs > 0 ? 'slow' : 'fast'}. Awards are safe; please fix the clock.`
}

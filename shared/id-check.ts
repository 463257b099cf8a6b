// The ID check's verdict: old enough and not expired, on the store's calendar day. Pure.
import type { AamvaLicence } from './aamva'

export type IdVerdict = 'pass' | 'under_age' | 'expired' | 'unreadable'

export interface IdCheck {
  verdict: IdVerdict
  /** whole years on `today`; null when unreadable */
  age: number | null
  minimumAge: number
  /** why dates that were read cannot be believed (a misread barcode), when the verdict is unreadable for that */
  problem?: string | null
}

/** A card is issued for at most this many years (8 in the strictest US states); more is a misread. */
export const LONGEST_VALIDITY_YEARS = 20

/** The adult-use and medical minimum ages (California 4 CCR §15404). */
export const MINIMUM_AGE = { adult: 21, medical: 18 } as const

/** yyyy-mm-dd of an instant in a time zone (the store's; the counter's own when none is given). */
export function calendarDay(ms: number, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(ms))
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}

/** Whole years from `dob` to `today` (both yyyy-mm-dd). A 29 February birthday turns a year older on 1 March. */
export function ageOn(dob: string, today: string): number {
  const [by, bm, bd] = dob.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number]
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0)
}

/** Under age first (it cannot be fixed by a new card), then expired. The card is still valid on its expiry day. */
export function checkLicence(licence: AamvaLicence | null, today: string, minimumAge: number): IdCheck {
  if (!licence) return { verdict: 'unreadable', age: null, minimumAge }
  // a misread date must not read as "under age" (or as years of validity left): the card is checked by eye instead
  if (licence.dateOfBirth > today) return { verdict: 'unreadable', age: null, minimumAge, problem: 'The date of birth read from the licence is in the future.' }
  if (licence.expiry > addYears(today, LONGEST_VALIDITY_YEARS)) {
    return { verdict: 'unreadable', age: null, minimumAge, problem: `The expiry date read from the licence is more than ${LONGEST_VALIDITY_YEARS} years away.` }
  }
  const age = ageOn(licence.dateOfBirth, today)
  if (age < minimumAge) return { verdict: 'under_age', age, minimumAge }
  if (licence.expiry < today) return { verdict: 'expired', age, minimumAge }
  return { verdict: 'pass', age, minimumAge }
}

/** The same yyyy-mm-dd `years` later, for comparing as text (29 February stays as written: still in order). */
function addYears(day: string, years: number): string {
  const y = String(Number(day.slice(0, 4)) + years).padStart(4, '0')
  return `${y}${day.slice(4)}`
}

/** The headline a budtender reads on the pass/fail screen. */
export function verdictText(c: IdCheck): string {
  switch (c.verdict) {
    case 'pass':
      return `ID OK — ${c.age} years old`
    case 'under_age':
      return `Under ${c.minimumAge} — do not serve (${c.age} years old)`
    case 'expired':
      return 'ID expired — do not serve'
    case 'unreadable':
      return 'ID could not be read — check it by eye'
  }
}

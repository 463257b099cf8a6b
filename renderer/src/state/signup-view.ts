// The signup form's date of birth: a real past date of someone at least 18 (the youngest a store may sign up). Pure.
import { MINIMUM_AGE } from '../../../shared/id-check'

/** What is wrong with a typed date of birth (yyyy-mm-dd, '' = not given), in the budtender's words; null when fine. */
export function birthdayProblem(date: string, today: Date): string | null {
  if (date === '') return null
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return 'Type the date of birth as month, day and year.'
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const born = new Date(Date.UTC(y, mo - 1, d))
  if (born.getUTCMonth() !== mo - 1 || born.getUTCDate() !== d) return 'That date of birth is not a real date.'
  const t = { y: today.getFullYear(), m: today.getMonth() + 1, d: today.getDate() }
  const age = t.y - y - (t.m < mo || (t.m === mo && t.d < d) ? 1 : 0)
  if (age < 0) return 'That date of birth is in the future.'
  if (age < MINIMUM_AGE.medical) return `That date of birth makes them ${age}: loyalty members must be at least ${MINIMUM_AGE.medical}.`
  if (age > 120) return 'That date of birth is more than 120 years ago. Check the year.'
  return null
}

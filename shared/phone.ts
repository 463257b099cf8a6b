import { parsePhoneNumberFromString } from 'libphonenumber-js/min'

/** AIQ's 10 national digits, made only by toPhone10: a function that takes one never needs to parse it again. */
export type Phone10 = string & { readonly __brand: 'Phone10' }

/**
 * A US phone in any common format ("(555) 201-0001", "+1 555 201 0001", "555.201.0001", "15552010001")
 * as AIQ's 10 national digits, or null when it is not a plausible US number.
 */
export function toPhone10(input: string): Phone10 | null {
  const trimmed = input.trim()
  if (!/^[+\d\s().\-]{7,25}$/.test(trimmed)) return null
  const digits = trimmed.replace(/\D/g, '')
  if (digits.length < 10 || digits.length > 11) return null
  const parsed = parsePhoneNumberFromString(trimmed, 'US')
  if (parsed?.countryCallingCode !== '1') return null
  const national = String(parsed.nationalNumber)
  return national.length === 10 ? (national as Phone10) : null
}

/** "5552010001" -> "(555) 201-0001" for display. */
export function formatPhone(phone10: string): string {
  return phone10.length === 10 ? `(${phone10.slice(0, 3)}) ${phone10.slice(3, 6)}-${phone10.slice(6)}` : phone10
}

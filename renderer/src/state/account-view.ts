// Selectors for Settings: the account form's checks and how a connection test reads.
import type { AppStatus, ConnectionTest } from '../../../shared/contract'
import { checkServerUrl } from '../../../shared/server-url'

export const KEY_SAVED_TEXT = "Key saved in this computer's keychain"

export const TEST_LABEL: Record<ConnectionTest['result'], string> = {
  connected: 'Connected',
  key_rejected: 'Key rejected',
  unreachable: "Can't reach AIQ",
}

export type AccountForm = { uid: string; apiKey: string; baseUrl: string }

/** What is wrong with the form before anything is sent, or null. A saved account may test without retyping its key. */
export function accountFormProblem(form: AccountForm, purpose: 'test' | 'save', keySaved: boolean): string | null {
  if (!/^\d{1,10}$/.test(form.uid.trim())) return 'The AIQ account id is a number (up to 10 digits).'
  if (!form.apiKey && (purpose === 'save' || !keySaved)) return 'Enter the API key.'
  if (form.apiKey.length > 512) return 'That API key is too long.'
  if (form.apiKey && !/^[^\s\p{Cc}\p{Cf}]+$/u.test(form.apiKey.trim()))
    return 'The API key has spaces or invisible characters in it. Copy it again from AIQ and paste it.'
  const url = form.baseUrl.trim()
  if (url) {
    const checked = checkServerUrl(url)
    if (!checked.ok) return checked.message
  }
  return null
}

/** The form as the contract wants it: empty optional fields left out. */
export function accountInput(form: AccountForm): { uid: string; apiKey?: string; baseUrl?: string } {
  const out: { uid: string; apiKey?: string; baseUrl?: string } = { uid: form.uid.trim() }
  if (form.apiKey) out.apiKey = form.apiKey
  const url = form.baseUrl.trim()
  if (url) out.baseUrl = url
  return out
}

/** The key is in the keychain when a live account is saved; the renderer never learns more than that. */
export const keySaved = (status: AppStatus | null) => status?.mode === 'live' && status.uid !== null

export const isFirstRun = (status: AppStatus | null) => status?.mode === 'unconfigured'

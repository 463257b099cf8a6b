// One way to run a contract method against the services, shared by the Electron IPC router and the test bridge:
// validate the input with the contract, check who may call it (the contract's rule for the method), call the service, and turn any failure into a typed error a budtender can act on.
// Anything unexpected (code 'internal', or a disk that refused a write) also leaves one masked log line saying which action failed and how.
import { methods, type MethodName, type Result, type CounterErrorShape } from '../shared/contract'
import { access, isSettingsChange } from '../shared/contract/access'
import { toCounterError } from './errors'
import type { Services } from './services'

export async function dispatch(services: Services, method: string, raw: unknown): Promise<Result<unknown>> {
  if (!Object.hasOwn(methods, method)) {
    return { ok: false, error: { code: 'invalid_input', message: `Unknown action "${method}".` } }
  }
  const name = method as MethodName
  // a lone UTF-16 surrogate cannot be stored, sent to AIQ or URL-encoded: refused here, not half-way through a service
  const broken = notText(raw ?? {})
  if (broken !== null) {
    const where = broken.length ? `${broken.join('.')}: ` : ''
    return { ok: false, error: { code: 'invalid_input', message: `Please check the input — ${where}it has a character that is not valid text.` } }
  }
  const parsed = methods[name].input.safeParse(raw ?? {})
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_input', message: describeIssues(parsed.error.issues) } }
  }
  try {
    const rule = access[name]
    await services.access.check(rule, parsed.data)
    const handler = services.api[name] as (args: unknown) => Promise<unknown>
    // Outputs are checked too: the renderer gets exactly the contract's fields and nothing a service added by mistake.
    return { ok: true, value: methods[name].output.parse(await handler(isSettingsChange(rule) ? withoutApproval(parsed.data) : parsed.data)) }
  } catch (e) {
    const error = toCounterError(e)
    if (error.code === 'internal' || error.code === 'storage_error') {
      const fields = parsed.data && typeof parsed.data === 'object' ? Object.keys(parsed.data) : []
      services.log?.error({ method: name, fields, err: e }, `"${name}" failed unexpectedly`)
    }
    return { ok: false, error }
  }
}

/** the approval was the caller's ticket in (checked above); a Settings change reaches its service without it */
function withoutApproval(args: unknown): unknown {
  if (args === null || typeof args !== 'object') return args
  const { approval: _, ...change } = args as { approval?: unknown }
  return change
}

/** The path to the first string (value or key) holding a lone surrogate, or null when all of it is valid text. */
function notText(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null
  if (value === null || typeof value !== 'object' || depth > 32) return null
  for (const [k, v] of Object.entries(value)) {
    if (LONE_SURROGATE.test(k)) return [...path, '(a name)']
    const found = notText(v, [...path, k], depth + 1)
    if (found) return found
  }
  return null
}
// with the u flag a surrogate pair is one code point, so this matches only a surrogate standing alone
const LONE_SURROGATE = /[\uD800-\uDFFF]/u

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const first = issues[0]
  if (!first) return 'That input is not valid.'
  const where = first.path.length ? `${first.path.map(String).join('.')}: ` : ''
  return `Please check the input — ${where}${first.message}.`
}

export type { CounterErrorShape }

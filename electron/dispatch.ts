// One way to run a contract method against the services, shared by the Electron IPC router and the test bridge:
// validate the input with the contract, call the service, and turn any failure into a typed error a budtender can act on.
import { methods, type MethodName, type Result, type CounterErrorShape } from '../shared/contract'
import { toCounterError } from './errors'
import type { Services } from './services'

export async function dispatch(services: Services, method: string, raw: unknown): Promise<Result<unknown>> {
  if (!Object.hasOwn(methods, method)) {
    return { ok: false, error: { code: 'invalid_input', message: `Unknown action "${method}".` } }
  }
  const name = method as MethodName
  const parsed = methods[name].input.safeParse(raw ?? {})
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_input', message: describeIssues(parsed.error.issues) } }
  }
  try {
    const handler = services.api[name] as (args: unknown) => Promise<unknown>
    // Outputs are checked too: the renderer gets exactly the contract's fields and nothing a service added by mistake.
    return { ok: true, value: methods[name].output.parse(await handler(parsed.data)) }
  } catch (e) {
    return { ok: false, error: toCounterError(e) }
  }
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const first = issues[0]
  if (!first) return 'That input is not valid.'
  const where = first.path.length ? `${first.path.map(String).join('.')}: ` : ''
  return `Please check the input — ${where}${first.message}.`
}

export type { CounterErrorShape }

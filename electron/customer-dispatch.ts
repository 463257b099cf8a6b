// The customer screen's calls: only its own small contract (customerMethods), checked the same way as the counter's.
// A counter method named here is unknown, whatever the caller sends.
import { customerMethods, type CustomerMethodName, type Result } from '../shared/contract'
import { toCounterError } from './errors'
import type { Services } from './services'

export async function dispatchCustomer(services: Services, method: string, raw: unknown): Promise<Result<unknown>> {
  if (!services.customer || !Object.hasOwn(customerMethods, method)) {
    return { ok: false, error: { code: 'invalid_input', message: `Unknown action "${method}".` } }
  }
  const name = method as CustomerMethodName
  const parsed = customerMethods[name].input.safeParse(raw ?? {})
  if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: 'That input is not valid.' } }
  try {
    const handler = services.customer.api[name] as (args: unknown) => Promise<unknown>
    return { ok: true, value: customerMethods[name].output.parse(await handler(parsed.data)) }
  } catch (e) {
    const error = toCounterError(e)
    if (error.code === 'internal' || error.code === 'storage_error') services.log?.error({ method: name, err: e }, `customer screen "${name}" failed unexpectedly`)
    return { ok: false, error }
  }
}

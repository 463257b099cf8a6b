// Run in a child process by keyring.test.ts with a broken D-Bus environment: tries to save and read a key through the
// real keytar and prints what happened as one JSON line. Exits explicitly: a hung keychain call would keep it alive.
import { createCredentialStore } from '../../../electron/secrets'
import { CounterError } from '../../../electron/errors'

const [service = 'AIQ Counter test', apiKey = 'k', timeout = '2000'] = process.argv.slice(2)
const store = createCredentialStore({ service, timeoutMs: Number(timeout) })

async function attempt(what: string, work: () => Promise<unknown>) {
  const started = Date.now()
  try {
    const value = await work()
    return { what, ok: true, value, ms: Date.now() - started }
  } catch (e) {
    const code = e instanceof CounterError ? e.code : 'not a CounterError'
    return { what, ok: false, code, message: (e as Error).message, ms: Date.now() - started }
  }
}

async function main() {
  const results = [
    await attempt('set', () => store.set('4242', apiKey)),
    await attempt('get', () => store.get('4242')),
    await attempt('available', () => store.available()),
  ]
  process.stdout.write(JSON.stringify(results) + '\n', () => process.exit(0))
}
void main()

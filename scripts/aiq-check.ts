// `npm run aiq:check`: the Settings › Check AIQ compatibility report from the command line, for support.
// Read-only: each AIQ read endpoint once, for one customer named by phone; nothing is written to AIQ.
//
//   npm run aiq:check -- --uid 4242 --phone 3035550100 [--base-url https://lab.alpineiq.com]   (key from AIQ_API_KEY)
//   npm run aiq:check -- --sandbox [wild|documented] [--phone 3035550100]                       (the built-in sandbox)
//
// Prints the report (PII masked). Exit 0: every endpoint reached and understood; 1: not; 2: usage error.
import { createAiqClient, DEFAULT_BASE_URL } from '../electron/aiq/client'
import { runCompatibilityCheck } from '../electron/aiq/compat'
import { isAiqError } from '../electron/aiq/errors'
import { PERSONAS, startSandbox, type Sandbox, type SandboxProfile } from '../electron/sandbox'
import { formatCompatReport } from '../shared/compat-report'
import { toPhone10 } from '../shared/phone'

const USAGE = `Usage:
  npm run aiq:check -- --uid <account id> --phone <customer phone> [--base-url https://lab.alpineiq.com]
      The API key is read from the AIQ_API_KEY environment variable (never from a flag).
  npm run aiq:check -- --sandbox [wild|documented] [--phone <customer phone>]
      Checks against the built-in AIQ sandbox (default phone: a practice member).

Calls each AIQ read endpoint once for that customer; writes nothing to AIQ.
Exit status: 0 all reached and understood, 1 not, 2 usage error.`

export type CheckArgs =
  | { kind: 'live'; uid: string; phone: string; baseUrl: string; apiKey: string }
  | { kind: 'sandbox'; profile: SandboxProfile | undefined; phone: string }
  | { kind: 'help' }

export class UsageError extends Error {}

const PROFILES = ['wild', 'documented'] as const

/** argv (after the script name) and the environment -> what to run, or a UsageError that says what is wrong. */
export function parseCheckArgs(argv: readonly string[], env: Record<string, string | undefined>): CheckArgs {
  const flags = new Map<string, string | true>()
  const take = (name: string, value: string | true) => {
    if (flags.has(name)) throw new UsageError(`--${name} is given twice.`)
    flags.set(name, value)
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (!arg.startsWith('--')) throw new UsageError(`Unexpected argument "${arg.replace(/\d{5,}/g, '…')}".`)
    const eq = arg.indexOf('=')
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq)
    const inline = eq === -1 ? undefined : arg.slice(eq + 1)
    if (/^(api-?key|key|apikey|token)$/i.test(name)) throw new UsageError('The API key is never a flag: set the AIQ_API_KEY environment variable.')
    if (name === 'help' || name === 'h') return { kind: 'help' }
    if (name === 'sandbox') {
      const next = argv[i + 1]
      if (inline !== undefined) take(name, inline)
      else if (next !== undefined && !next.startsWith('--')) {
        take(name, next)
        i++
      } else take(name, true)
      continue
    }
    if (name !== 'uid' && name !== 'phone' && name !== 'base-url') throw new UsageError(`Unknown option --${name}.`)
    const value = inline ?? argv[++i]
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value.`)
    take(name, value)
  }

  const phoneRaw = flags.get('phone')
  const phone = typeof phoneRaw === 'string' ? toPhone10(phoneRaw) : null
  if (typeof phoneRaw === 'string' && !phone) throw new UsageError('--phone is not a US phone number: give 10 digits, e.g. 3035550100.')

  const sandbox = flags.get('sandbox')
  if (sandbox !== undefined) {
    if (flags.has('uid') || flags.has('base-url')) throw new UsageError('--sandbox checks the built-in sandbox: leave out --uid and --base-url.')
    if (sandbox !== true && !(PROFILES as readonly string[]).includes(sandbox)) throw new UsageError(`--sandbox takes wild or documented, not "${sandbox}".`)
    return { kind: 'sandbox', profile: sandbox === true ? undefined : (sandbox as SandboxProfile), phone: phone ?? PERSONAS.member.phone }
  }

  const uid = flags.get('uid')
  if (typeof uid !== 'string') throw new UsageError('--uid is missing: the AIQ account id (a number), from Settings › API & Tracking in AIQ.')
  if (!/^\d{1,10}$/.test(uid.trim())) throw new UsageError('--uid is the AIQ account id: a number of up to 10 digits.')
  if (!phone) throw new UsageError("--phone is missing: the phone of a customer who is in AIQ.")
  const baseUrl = (flags.get('base-url') as string | undefined) ?? DEFAULT_BASE_URL
  if (!/^https?:\/\/[^/?#]+/i.test(baseUrl) || !URL.canParse(baseUrl)) throw new UsageError('--base-url must be a full address, like https://lab.alpineiq.com.')
  const apiKey = env.AIQ_API_KEY?.trim()
  if (!apiKey) throw new UsageError('AIQ_API_KEY is not set: put the API key in that environment variable (never on the command line).')
  return { kind: 'live', uid: uid.trim(), phone, baseUrl, apiKey }
}

export async function main(argv: readonly string[], env: Record<string, string | undefined>, io = { out: process.stdout, err: process.stderr }): Promise<number> {
  let args: CheckArgs
  try {
    args = parseCheckArgs(argv, env)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    io.err.write(`aiq:check: ${e.message}\n\n${USAGE}\n`)
    return 2
  }
  if (args.kind === 'help') {
    io.out.write(`${USAGE}\n`)
    return 0
  }

  let sandbox: Sandbox | null = null
  try {
    let client
    if (args.kind === 'sandbox') {
      sandbox = await startSandbox({ port: 0, ...(args.profile ? { profile: args.profile } : {}) })
      io.err.write(`Started the built-in AIQ sandbox (${sandbox.profile} profile) at ${sandbox.url}\n`)
      client = createAiqClient({ baseUrl: sandbox.url, uid: sandbox.uid, apiKey: sandbox.apiKey, limiter: null })
    } else {
      try {
        client = createAiqClient({ baseUrl: args.baseUrl, uid: args.uid, apiKey: args.apiKey })
      } catch (e) {
        io.err.write(`aiq:check: ${isAiqError(e) ? e.message : 'could not set up the AIQ client.'}\n`)
        return 2
      }
    }
    const report = await runCompatibilityCheck(client, args.phone, {
      training: args.kind === 'sandbox',
      onProgress: (done, total) => io.err.write(`Checked ${done} of ${total}\n`),
    })
    io.out.write(formatCompatReport(report))
    return report.ok ? 0 : 1
  } catch (e) {
    io.err.write(`aiq:check: the check stopped: ${isAiqError(e) ? e.message : 'an error in the app (not an AIQ problem).'}\n`)
    return 1
  } finally {
    await sandbox?.close()
  }
}

const isMain = process.argv[1] !== undefined && /aiq-check\.[cm]?[tj]s$/.test(process.argv[1])
if (isMain) {
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    () => {
      process.stderr.write('aiq:check: an error in the app (not an AIQ problem).\n')
      process.exit(1)
    },
  )
}

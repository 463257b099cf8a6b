// The AIQ sandbox in a process of its own, for benchmarks where AIQ's own work (building and serialising 2,000-row
// pages) must not land on the counter's event loop: real AIQ runs on other machines. Parent and child talk in JSON
// lines over stdin/stdout. Run directly, this file is the child.
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { startSandbox, type Sandbox } from '../../electron/sandbox'

export type RemoteRequest = { method: string; path: string; url: string }
export interface RemoteSandbox {
  url: string
  uid: string
  apiKey: string
  /** loyalty members with a phone and distinct names */
  members(count: number): Promise<Array<{ phone: string; contactID: string }>>
  /** requests received so far (all of them, in order) */
  requests(): Promise<RemoteRequest[]>
  ledgerLength(): Promise<number>
  stop(): Promise<void>
  restart(): Promise<void>
  /** AIQ's clock (the sandbox's) this far ahead of the real one */
  ahead(ms: number): Promise<void>
  close(): Promise<void>
}

type Call = { id: number; cmd: string; args?: unknown[] }

export async function startRemoteSandbox(opts: { personas: number }): Promise<RemoteSandbox> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', __filename, String(opts.personas)], { stdio: ['pipe', 'pipe', 'inherit'] })
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  let next = 0
  const lines = createInterface({ input: child.stdout! })
  lines.on('line', (line) => {
    const msg = JSON.parse(line) as { id: number; ok: boolean; value?: unknown; error?: string }
    const w = waiting.get(msg.id)
    waiting.delete(msg.id)
    if (msg.ok) w?.resolve(msg.value)
    else w?.reject(new Error(msg.error))
  })
  child.on('exit', () => {
    for (const w of waiting.values()) w.reject(new Error('the sandbox process ended'))
    waiting.clear()
  })
  const call = <T>(cmd: string, ...args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      const id = next++
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject })
      child.stdin!.write(`${JSON.stringify({ id, cmd, args } satisfies Call)}\n`)
    })
  const info = await call<{ url: string; uid: string; apiKey: string }>('info')
  return {
    ...info,
    members: (count) => call('members', count),
    requests: () => call('requests'),
    ledgerLength: () => call('ledgerLength'),
    stop: () => call('stop'),
    restart: () => call('restart'),
    ahead: (ms: number) => call('ahead', ms),
    async close() {
      await call('close').catch(() => undefined)
      child.kill()
    },
  }
}

function members(sandbox: Sandbox, count: number) {
  const seen = new Set<string>()
  const out: Array<{ phone: string; contactID: string }> = []
  for (const p of sandbox.data.list()) {
    const name = `${p.firstName} ${p.lastName}`
    if (!p.loyalty || p.blocklisted || !p.mobilePhone || seen.has(name)) continue
    seen.add(name)
    out.push({ phone: p.mobilePhone, contactID: p.contactID })
    if (out.length >= count) break
  }
  return out
}

async function serve(personas: number) {
  let aheadMs = 0
  const sandbox = await startSandbox({ port: 0, personas, clock: { now: () => Date.now() + aheadMs } })
  const say = (v: object) => process.stdout.write(`${JSON.stringify(v)}\n`)
  const commands: Record<string, (...args: never[]) => unknown> = {
    info: () => ({ url: sandbox.url, uid: sandbox.uid, apiKey: sandbox.apiKey }),
    members: (count: number) => members(sandbox, count),
    requests: () => sandbox.requests.map((r) => ({ method: r.method, path: r.path, url: r.url })),
    ledgerLength: () => sandbox.ledger.length,
    stop: () => sandbox.stop(),
    restart: () => sandbox.restart(),
    ahead: (ms: number) => void (aheadMs = ms),
    close: async () => {
      await sandbox.close()
      setImmediate(() => process.exit(0))
    },
  }
  for await (const line of createInterface({ input: process.stdin })) {
    const { id, cmd, args = [] } = JSON.parse(line) as Call
    try {
      say({ id, ok: true, value: (await commands[cmd]!(...(args as never[]))) ?? null })
    } catch (e) {
      say({ id, ok: false, error: (e as Error).message })
    }
  }
}

if (process.argv[1] === __filename) void serve(Number(process.argv[2] ?? 20_000))

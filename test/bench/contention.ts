// Check-in latency while the counter's background work competes for AIQ's rate limit, against check-in latency idle,
// both measured in the same run through the real services (createServices) over the sandbox (in a process of its own,
// as AIQ is), with ONE real rate
// limiter shared by every AIQ client the services make (the account's budget: check-ins, the outbox, the directory).
//
// Idle: nothing else talks to AIQ. Loaded: a directory pull (restarted whenever it finishes) and a 1,000-award outbox
// drain run the whole time, enough to saturate the limiter on their own. The awards are a backlog, as after an
// outage: queued while AIQ was unreachable, and the services' clock is then moved on two minutes, so the engine sees
// queue retries, not awards a budtender just pressed (those it may send at interactive priority).
//
// A check-in is timed at the service level: checkIn (lookup, the list search when the lookup names no contact,
// persona), then the profile's panel calls in parallel as the renderer makes them (rewards = persona + wallet, visits,
// timeline, recommendations, traits, overrides): ~10 AIQ calls in all. Check-ins arrive as customers do: not back to
// back (so the idle run does not throttle itself), and not on a fixed beat either (on a beat, the background's token
// timing locks onto the check-ins and every one lands on the same moment of the cycle). Gaps are drawn, seeded and the
// same in both phases, from 75-125% of `everyMs`.
//
// Whatever the limiter and its callers do is what is measured: a caller that does not ask for background priority is
// served as interactive, and the ratio shows it. The note says how many interactive calls waited in the limiter and how
// long the event loop stalled, to tell the limiter's share of a slow check-in from the main thread's.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createRateLimiter, DEFAULT_RATE, DEFAULT_RESERVE, type MeasuredRateLimiter, type RateLimiterStats } from '../../electron/aiq/rate-limit'
import { PERSONAS } from '../../electron/sandbox'
import { startRemoteSandbox, type RemoteSandbox } from './remote-sandbox'
import type { CredentialStore } from '../../electron/secrets'
import { createServices, type Services } from '../../electron/services'
import { percentile, prng, type Row } from './table'
import { PRACTICE_MANAGER_PIN, signInPractice } from '../support/counter'

export type ContentionOptions = {
  /** check-ins per phase (idle, loaded) */
  checkIns?: number
  /** a check-in starts this many ms after the previous one on average (or as soon as it is done, if it took longer) */
  everyMs?: number
  /** awards queued when the loaded phase starts (0: no drain) */
  awards?: number
  /** run the directory pull in the loaded phase (default true) */
  pull?: boolean
  ratePerSec?: number
  burst?: number
  /** personas in the sandbox: the directory pull reads them in pages of 2000 */
  personas?: number
}

type Sample = { checkIn: number; profile: number }
type Phase = { samples: Sample[]; seconds: number; requests: number; byKind: Record<string, number>; stats: RateLimiterStats; loopP99Ms: number; loopMaxMs: number }

/** The key lives in memory: the bench must not need (or touch) the desktop keychain. */
function memorySecrets(): CredentialStore {
  const keys = new Map<string, string>()
  return {
    get: async (uid) => keys.get(uid) ?? null,
    set: async (uid, key) => void keys.set(uid, key),
    delete: async (uid) => keys.delete(uid),
    available: async () => true,
  }
}

async function checkInAndProfile(services: Services, phone: string): Promise<Sample> {
  const t0 = performance.now()
  const r = await services.api.checkIn({ input: phone })
  const t1 = performance.now()
  if (r.kind !== 'customer' || r.source !== 'live') throw new Error(`bench: check-in of ${phone} gave ${r.kind}${r.kind === 'customer' ? ` from ${r.source}` : ''}`)
  const contactID = r.customer.contactID
  await Promise.all([
    services.api.getRewards({ contactID }),
    services.api.getVisits({ contactID }),
    services.api.getTimeline({ contactID }),
    services.api.getRecommendations({ contactID }),
    services.api.getTraits({ contactID }),
    services.api.getOverrides({ contactID }),
  ])
  return { checkIn: t1 - t0, profile: performance.now() - t0 }
}

/** What a sandbox request was, for the note: an award PUT, a directory page (the pull's 2000-row list), or other. */
const kindOf = (r: { method: string; path: string; url: string }) =>
  r.method === 'PUT' && /\/adjust\/loyaltyPoints\//i.test(r.path)
    ? 'award'
    : /^\/api\/v1\.1\/piis\/[^/]+$/i.test(r.path) && /[?&]limit=500\b/.test(r.url)
      ? 'page'
      : 'other'


async function phase(services: Services, sandbox: RemoteSandbox, limiter: MeasuredRateLimiter, people: Array<{ phone: string }>, n: number, everyMs: number): Promise<Phase> {
  const before = (await sandbox.requests()).length
  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  const gap = prng(7)
  const t0 = performance.now()
  let due = t0
  const samples: Sample[] = []
  for (let i = 0; i < n; i++) {
    const now = performance.now()
    if (due > now) await new Promise((r) => setTimeout(r, due - now))
    samples.push(await checkInAndProfile(services, people[i % people.length]!.phone))
    due += everyMs * (0.75 + gap() / 2)
  }
  const seconds = (performance.now() - t0) / 1000
  loop.disable()
  const seen = (await sandbox.requests()).slice(before)
  const byKind: Record<string, number> = {}
  for (const r of seen) byKind[kindOf(r)] = (byKind[kindOf(r)] ?? 0) + 1
  return { samples, seconds, requests: seen.length, byKind, stats: limiter.stats(), loopP99Ms: loop.percentile(99) / 1e6, loopMaxMs: loop.max / 1e6 }
}

const minus = (a: RateLimiterStats['interactive'], b: RateLimiterStats['interactive']) => ({
  acquired: a.acquired - b.acquired,
  waited: a.waited - b.waited,
  totalWaitMs: a.totalWaitMs - b.totalWaitMs,
})

export async function benchContention(opts: ContentionOptions = {}): Promise<Row[]> {
  const n = opts.checkIns ?? 40
  // a customer every 2.5 s is a very busy counter; at the app's own rate (5/s) it leaves the background 1.5/s
  const everyMs = opts.everyMs ?? 2500
  const awards = opts.awards ?? 1000
  const ratePerSec = opts.ratePerSec ?? DEFAULT_RATE.ratePerSec
  const burst = opts.burst ?? DEFAULT_RATE.burst
  const dataDir = mkdtempSync(join(tmpdir(), 'aiqc-bench-contention-'))
  // AIQ in a process of its own, as real AIQ is: its page building and serialising is not the counter's work
  const sandbox = await startRemoteSandbox({ personas: opts.personas ?? 20_000 })
  const limiter = createRateLimiter({ ratePerSec, burst })
  let skewMs = 0
  const services = await createServices({
    dataDir,
    clock: { now: () => Date.now() + skewMs },
    secrets: memorySecrets(),
    startTraining: async () => ({ url: sandbox.url, uid: sandbox.uid, apiKey: sandbox.apiKey }),
    aiqTimeoutMs: 30_000, // a queued call must not time out: the limiter wait is what is being measured
    aiqLimiter: limiter,
  })
  let keepPulling: NodeJS.Timeout | undefined
  try {
    await services.api.setDirectoryEnabled({ enabled: false }) // no pull in the idle phase
    await services.api.useTrainingMode({})
    await signInPractice(services)
    const people = await sandbox.members(n + 10)
    if (people.length < n) throw new Error(`bench: only ${people.length} members to check in`)
    for (const p of people.slice(n, n + 5)) await checkInAndProfile(services, p.phone) // warm up (JIT, sockets, SQLite)
    await new Promise((r) => setTimeout(r, (burst * 1000) / ratePerSec)) // and let the bucket fill again

    const idle = await phase(services, sandbox, limiter, people, n, everyMs)

    // ---- loaded: a backlog of 1,000 awards and a directory pull, both running for the whole phase ----
    const mark = performance.now()
    await sandbox.stop() // AIQ unreachable while the awards are queued
    for (let i = 0; i < awards; i++) {
      await services.api.awardPoints({
        customer: { contactID: PERSONAS.member.contactID },
        customerName: 'Maya Lopez',
        value: (i % 50) + 1,
        reason: `bench award ${i}`,
        budtender: 'Bench',
      })
    }
    // … and the outage lasted a while: the engine reckons in AIQ's time, so AIQ's clock moves on too
    skewMs = 2 * 60_000
    await sandbox.ahead(skewMs)
    await sandbox.restart()
    process.stderr.write(`bench: contention: idle phase ${idle.seconds.toFixed(1)} s, ${awards} awards queued in ${((performance.now() - mark) / 1000).toFixed(1)} s\n`)
    let pulls = 0
    const pull = async () => {
      const st = (await services.api.getStatus({})).directory
      if (st.refresh.state === 'running') return
      pulls += 1
      await services.api.refreshDirectory({})
    }
    if (opts.pull !== false) {
      await services.api.setDirectoryEnabled({ enabled: true, approval: PRACTICE_MANAGER_PIN })
      await pull()
      keepPulling = setInterval(() => void pull().catch(() => {}), 250)
    }
    // AIQ answers a check-in: the engine stops probing and drains at once (the first try may still meet a socket
    // the restart closed)
    for (let tries = 0; (await services.api.checkIn({ input: people[n]!.phone })).kind !== 'customer'; tries++) {
      if (tries > 20) throw new Error('bench: AIQ did not come back')
      await new Promise((r) => setTimeout(r, 100))
    }
    // background is in full swing before the first check-in, and the bucket has refilled as before the idle phase
    await new Promise((r) => setTimeout(r, Math.max(1000, (burst * 1000) / ratePerSec)))
    if (awards && (await sandbox.ledgerLength()) === 0) throw new Error('bench: the award drain did not start')
    const startStats = limiter.stats()
    const loaded = await phase(services, sandbox, limiter, people, n, everyMs)
    clearInterval(keepPulling)
    keepPulling = undefined
    process.stderr.write(`bench: contention: loaded phase ${loaded.seconds.toFixed(1)} s\n`)
    const left = (await services.api.getStatus({})).outbox
    if (awards && left.pending + left.sending === 0) process.stderr.write('bench: contention: the award drain finished before the phase did; raise awards\n')

    const p95 = (ph: Phase, k: keyof Sample) => percentile(ph.samples.map((s) => s[k]).sort((a, b) => a - b), 95)
    const p50 = (ph: Phase, k: keyof Sample) => percentile(ph.samples.map((s) => s[k]).sort((a, b) => a - b), 50)
    const wait = minus(loaded.stats.interactive, startStats.interactive)
    const bg = minus(loaded.stats.background, startStats.background)
    const rps = loaded.requests / loaded.seconds
    const reserve = Math.min(DEFAULT_RESERVE, burst - 1)
    const setup = `limiter ${ratePerSec}/s burst ${burst} reserve ${reserve}, one for all; n=${n} per phase, one every ${everyMs} ms ±25%`
    const calls = Math.round(idle.requests / n)
    const load = [opts.pull !== false ? 'a directory pull' : '', awards ? `a ${awards.toLocaleString('en-US')}-award drain` : ''].filter(Boolean).join(' + ')
    const rows: Row[] = []
    for (const [k, what] of [['checkIn', 'check-in'], ['profile', `check-in + profile panels (${calls} AIQ calls)`]] as const) {
      const v = p95(loaded, k)
      const b = p95(idle, k)
      rows.push({
        name: `${what} p95 while ${load || 'nothing'} run${load.includes('+') ? '' : 's'}`,
        value: v,
        unit: 'ms',
        baseline: b,
        ratio: v / b,
        note: `goal ≤1.2x; baseline: idle p95; p50 ${p50(loaded, k).toFixed(1)} vs ${p50(idle, k).toFixed(1)} ms; ${setup}`,
      })
    }
    rows.push({
      name: 'AIQ requests/s while those check-ins ran',
      value: rps,
      unit: 'req/s',
      baseline: ratePerSec,
      ratio: rps / ratePerSec,
      note:
        `baseline: the limit; sent: ${loaded.byKind.award ?? 0} awards, ${loaded.byKind.page ?? 0} directory pages (pull #${pulls}), ${loaded.byKind.other ?? 0} other; ` +
        `limiter: ${wait.acquired} interactive calls, ${wait.waited} waited (${wait.totalWaitMs.toFixed(0)} ms in all), ${bg.acquired} background, ` +
        `${loaded.stats.throttled - startStats.throttled} 429s; event-loop delay p99 ${loaded.loopP99Ms.toFixed(0)} ms, max ${loaded.loopMaxMs.toFixed(0)} (idle ${idle.loopP99Ms.toFixed(0)}, ${idle.loopMaxMs.toFixed(0)})`,
    })
    return rows
  } finally {
    if (keepPulling) clearInterval(keepPulling)
    await services.close()
    await sandbox.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

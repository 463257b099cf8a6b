// A private D-Bus session with its own gnome-keyring, for a test file that locks and unlocks the keychain without
// disturbing the other test files (which share the keyring scripts/with-keyring.sh started). Point this process at
// it with `process.env = { ...process.env, ...k.env }` before keytar is first used (libsecret keeps its connection).
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const PASSWORD = 'test'
const LOGIN = '/org/freedesktop/secrets/collection/login'

export type PrivateKeyring = { env: Record<string, string>; lock(): void; unlock(): void; stop(): void }

export function startPrivateKeyring(): PrivateKeyring {
  const scratch = mkdtempSync(join(tmpdir(), 'aiqc-private-keyring-'))
  mkdirSync(join(scratch, 'data'))
  mkdirSync(join(scratch, 'runtime'), { mode: 0o700 })
  const out = execFileSync('dbus-daemon', ['--session', '--fork', '--nopidfile', '--print-address=1', '--print-pid=1'], { encoding: 'utf8' }).trim().split('\n')
  const [address, pid] = [out[0]!, Number(out[1])]
  const env = { DBUS_SESSION_BUS_ADDRESS: address, XDG_RUNTIME_DIR: join(scratch, 'runtime'), XDG_DATA_HOME: join(scratch, 'data') }
  const started = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets', '--daemonize'], { input: PASSWORD, env: { ...process.env, ...env }, encoding: 'utf8' })
  if (started.status !== 0) throw new Error(`gnome-keyring-daemon failed: ${started.stderr}`)
  return {
    env,
    /** what a screen lock or a timeout does to the login keyring */
    lock() {
      execFileSync('gdbus', ['call', '--session', '--dest', 'org.freedesktop.secrets', '--object-path', '/org/freedesktop/secrets', '--method', 'org.freedesktop.Secret.Service.Lock', `[objectpath '${LOGIN}']`], {
        env: { ...process.env, ...env },
        stdio: 'ignore',
      })
    },
    /** what typing the password into the unlock prompt does (there is no display here for the prompt itself) */
    unlock() {
      execFileSync('/usr/bin/python3', [join(__dirname, '../../scripts/keyring-unlock.py')], { input: PASSWORD, env: { ...process.env, ...env }, stdio: ['pipe', 'ignore', 'inherit'] })
    },
    stop() {
      // only this bus's keyring daemon: other test files have their own
      const owner = spawnSync('gdbus', ['call', '--session', '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus', '--method', 'org.freedesktop.DBus.GetConnectionUnixProcessID', 'org.freedesktop.secrets'], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
      })
      const keyringPid = Number(/\(uint32 (\d+),\)/.exec(owner.stdout ?? '')?.[1])
      for (const p of [keyringPid, pid])
        try {
          if (p) process.kill(p)
        } catch {
          /* already gone */
        }
      rmSync(scratch, { recursive: true, force: true })
    },
  }
}

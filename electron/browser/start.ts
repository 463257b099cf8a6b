// Browser mode (`npm run start:browser`, and `npm start` where there is no Electron binary): AIQ Counter in any local
// browser. The same renderer and main-process services, served on 127.0.0.1 behind a per-run token. Built with the
// rest to out/main/browser.js, so it runs on plain Node.
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { createServices } from '../services'
import { createCredentialStore } from '../secrets'
import { createLogger } from '../log'
import { FolderInUseError } from '../data-folder/lock'
import { makePrivateFolder } from '../data-folder/private'
import { startBridge } from './bridge'

/** built: out/main/browser.js beside out/renderer; from source (tests): electron/browser/ with the build in out/ */
function rendererDir(): string {
  const built = resolve(__dirname, '../renderer')
  return existsSync(join(built, 'index.html')) ? built : resolve(__dirname, '../../out/renderer')
}

/** built: out/main/background-worker.js beside this file; from source the services find electron/background/worker.ts */
function builtWorker(): { backgroundWorker?: string } {
  const file = join(__dirname, 'background-worker.js')
  return existsSync(file) ? { backgroundWorker: file } : {}
}

async function main() {
  const dataDir = process.env.AIQC_DATA_DIR ?? join(homedir(), '.local', 'share', 'aiq-counter-browser')
  makePrivateFolder(dataDir) // 0700, like the app's: it holds the store's customers
  const log = createLogger({ dir: dataDir })
  const services = await createServices({ dataDir, secrets: createCredentialStore(), log, ...builtWorker() })
  const bridge = await startBridge({
    services,
    rendererDir: rendererDir(),
    port: Number(process.env.PORT ?? 0),
    injectClient: true,
  })

  const stop = async () => {
    await bridge.close()
    await services.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  // only now: a Ctrl+C (or a test's SIGTERM) right after this line must find the handlers that close the outbox
  console.log(`AIQ Counter is running. Open this link in a browser on this computer:\n\n  ${bridge.url}\n\nData: ${dataDir}\nPress Ctrl+C to stop.`)
}

main().catch((e: unknown) => {
  // another counter has this folder (only one may sync its outbox): say so plainly, and which folder
  if (e instanceof FolderInUseError) console.error(`${e.message}\nData: ${e.dir}`)
  else console.error(`AIQ Counter could not start: ${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})

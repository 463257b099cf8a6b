// The counter's data folder holds the store's customers and its outbox: only the person running the app may read it.
// Folders 0700, files 0600, whatever the umask, and existing ones (from an older build) tightened on every start.
// One place for both shells: the Electron app and browser mode open the folder through createServices, the
// database through openDatabase and the log through createLogger, which all call these.
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs'

export const PRIVATE_FOLDER_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

export function makePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE })
  chmodSync(dir, PRIVATE_FOLDER_MODE) // mkdir leaves an existing folder as it was, and applies the umask
}

/** Tighten a file that exists (a missing one is fine), or create it empty and private first when asked. */
export function makePrivateFile(file: string, opts: { create?: boolean } = {}): void {
  if (opts.create) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE))
  try {
    chmodSync(file, PRIVATE_FILE_MODE)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
}

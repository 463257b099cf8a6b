// Issue 10, item 12: one counter per data folder, in this process too (a second one is refused, with the holder's pid).
import { mkdirSync, statSync } from 'node:fs'
import { afterEach, expect, it } from 'vitest'
import { FolderInUseError, lockDataFolder, LOCK_FILE, PID_FILE, type FolderLock } from '../../../../electron/data-folder/lock'
import { tempDir } from '../../../support/temp-db'

const tmp = tempDir('aiqc-lock-')
const held: FolderLock[] = []
afterEach(() => {
  for (const l of held.splice(0)) l.release()
  tmp.cleanup()
})
const take = (dir: string) => {
  const l = lockDataFolder(dir)
  held.push(l)
  return l
}

it('the first counter gets the folder; a second is refused with the message and the holder\'s pid', () => {
  tmp.file('x')
  take(tmp.dir)
  let refused: unknown
  try {
    take(tmp.dir)
  } catch (e) {
    refused = e
  }
  expect(refused).toBeInstanceOf(FolderInUseError)
  expect((refused as FolderInUseError).pid).toBe(process.pid)
  expect((refused as Error).message).toBe(`This data folder is in use by another AIQ Counter (pid ${process.pid}). Close that one first.`)
})

it('once released, the folder can be taken again; releasing twice is harmless', () => {
  tmp.file('x')
  const first = take(tmp.dir)
  first.release()
  first.release()
  expect(() => take(tmp.dir)).not.toThrow()
})

it('two folders are two locks', () => {
  for (const name of ['a', 'b']) mkdirSync(tmp.file(name))
  take(tmp.file('a'))
  take(tmp.file('b'))
  expect(held).toHaveLength(2)
})

it('the lock and pid files are private (0600)', () => {
  tmp.file('x')
  take(tmp.dir)
  expect(statSync(tmp.file(LOCK_FILE)).mode & 0o777).toBe(0o600)
  expect(statSync(tmp.file(PID_FILE)).mode & 0o777).toBe(0o600)
})

import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { DATABASE_FILE, DataDirError } from './database'

export interface BackupSummary {
  messages: number
  /** Files copied: every whole file the copied database knows. */
  files: number
  /** Whole files the database knew that were gone by the time they were copied (deleted meanwhile). */
  filesMissing: number
  /** The database's size plus the files'. */
  bytes: number
}

/**
 * Copies a data folder while its server keeps running. The database goes
 * through SQLite's online backup, so the copy is one consistent moment
 * (copying the file and its write-ahead log by hand could catch a commit
 * half-way). Then come the uploaded files
 * that moment knows as whole; a file still arriving is left out, as the copy
 * does not know it either. The copy is itself a data folder:
 * `npm run server -- --data <to>` runs it.
 */
export async function backupDataDir(from: string, to: string): Promise<BackupSummary> {
  const source = join(from, DATABASE_FILE)
  if (!existsSync(source)) throw new DataDirError(`no Parley database in ${from} (expected ${DATABASE_FILE})`)
  if (existsSync(to) && readdirSync(to).length > 0) {
    throw new DataDirError(`backup folder ${to} is not empty: choose a new one, so no backup is overwritten`)
  }
  mkdirSync(join(to, 'files'), { recursive: true })
  const target = join(to, DATABASE_FILE)
  const live = new Database(source, { fileMustExist: true })
  let bytes: number
  try {
    // Every page in one step, inside one read of the log: a write from the
    // server between steps would start a paced backup over, so a busy server
    // could keep it from ever finishing. The server's writes go on meanwhile.
    const { totalPages } = await live.backup(target, { progress: () => 0x7fffffff })
    bytes = totalPages * (live.pragma('page_size', { simple: true }) as number)
  } finally {
    live.close()
  }

  const copy = new Database(target)
  try {
    const messages = copy.prepare('SELECT count(*) FROM messages').pluck().get() as number
    const whole = copy.prepare('SELECT id, size FROM files WHERE complete = 1').all() as Array<{
      id: string
      size: number
    }>
    let files = 0
    for (const { id, size } of whole) {
      try {
        copyFileSync(join(from, 'files', id), join(to, 'files', id))
        files++
        bytes += size
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
    }
    return { messages, files, filesMissing: whole.length - files, bytes }
  } finally {
    copy.close()
  }
}

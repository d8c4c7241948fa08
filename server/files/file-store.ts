import { randomBytes } from 'node:crypto'
import { mkdirSync, statfsSync } from 'node:fs'
import { appendFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { LIMITS, type FileInfo } from '../../protocol'
import type { Db } from '../storage/database'

/** A file as the server keeps it. */
export interface StoredFile extends FileInfo {
  roomId: string
  uploader: string
  /** Every byte is in. */
  complete: boolean
  /** The message that carries it; null while unsent (0 while one is being stored). */
  messageId: number | null
}

export interface NewFile {
  roomId: string
  uploader: string
  name: string
  size: number
  type: string
}

/** A chunk that does not continue the upload where the server has it. */
export class ChunkOutOfPlaceError extends Error {
  override name = 'ChunkOutOfPlaceError'
  constructor(readonly received: number) {
    super(`The server has ${received} bytes of this file: the next chunk starts there`)
  }
}

/** Storing the file would leave the disk with less than the reserve. */
export class NoSpaceError extends Error {
  override name = 'NoSpaceError'
  constructor() {
    super('The server is short of disk space for files')
  }
}

/** The file was discarded while its chunks arrived. */
export class FileGoneError extends Error {
  override name = 'FileGoneError'
}

export interface FileStoreOptions {
  /**
   * Free disk space files never take: the database, its log and the system
   * need it too. A full disk would stop messages, not only files.
   */
  reserveBytes?: number
  /** The disk's free bytes where the files are (tests give their own). */
  freeBytes?: (dir: string) => number
}

/** 512 MiB. */
export const DEFAULT_FILE_SPACE_RESERVE = 512 * 2 ** 20

function diskFreeBytes(dir: string): number {
  const { bavail, bsize } = statfsSync(dir)
  return bavail * bsize
}

export interface FileStore {
  /** Takes an upload on; throws NoSpaceError when the disk cannot hold it and the reserve. */
  begin(file: NewFile): StoredFile
  get(id: string): StoredFile | undefined
  /**
   * Appends a chunk at `offset` and resolves with the bytes the server has.
   * A chunk it has already (a retry whose ack was lost) changes nothing.
   */
  write(file: StoredFile, offset: number, data: Uint8Array): Promise<number>
  /** Where a sent file's bytes are, for downloading; null for a file unsent, unfinished, deleted or unknown. */
  download(id: string): { path: string; file: StoredFile } | null
  /** Removes a file and its bytes (its message was deleted). */
  discard(id: string): Promise<void>
  /** Discards uploads that no message carried within `LIMITS.fileUnsentTtlMs`; how many. */
  sweep(now?: number): Promise<number>
}

interface FileRow {
  id: string
  room_id: string
  uploader: string
  name: string
  size: number
  type: string
  complete: number
  message_id: number | null
}

function toFile(row: FileRow): StoredFile {
  return {
    id: row.id,
    roomId: row.room_id,
    uploader: row.uploader,
    name: row.name,
    size: row.size,
    type: row.type,
    complete: row.complete === 1,
    messageId: row.message_id,
  }
}

/**
 * Files' bytes in `dir` (the data folder's files/), one per file, named by
 * its random id: `<id>.part` while it arrives, `<id>` once whole. What the
 * file is and who sent it is in SQLite. How much has arrived is the part
 * file's size, so an upload resumes where it stopped, across a restart too.
 */
export function createFileStore(
  db: Db,
  dir: string,
  { reserveBytes = DEFAULT_FILE_SPACE_RESERVE, freeBytes = diskFreeBytes }: FileStoreOptions = {},
): FileStore {
  mkdirSync(dir, { recursive: true })
  const insert = db.prepare<[string, string, string, string, number, string, number]>(
    'INSERT INTO files (id, room_id, uploader, name, size, type, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const select = db.prepare<[string], FileRow>('SELECT * FROM files WHERE id = ?')
  const markComplete = db.prepare<[string]>('UPDATE files SET complete = 1 WHERE id = ?')
  const remove = db.prepare<[string]>('DELETE FROM files WHERE id = ?')
  const selectUnsent = db.prepare<[number], { id: string }>(
    'SELECT id FROM files WHERE message_id IS NULL AND created_at < ?',
  )
  const partPath = (id: string): string => join(dir, `${id}.part`)
  const wholePath = (id: string): string => join(dir, id)

  /** Bytes received per upload in progress, read from its part file after a restart. */
  const received = new Map<string, number>()
  /** The size of each upload begun here and not yet whole: disk space already promised. */
  const promised = new Map<string, number>()
  /** Each file's chunks are written one after another, even if a retry overlaps its original. */
  const queues = new Map<string, Promise<unknown>>()
  function inTurn<T>(id: string, task: () => Promise<T>): Promise<T> {
    const run = (queues.get(id) ?? Promise.resolve()).then(task, task)
    const settled = run.catch(() => {})
    queues.set(id, settled)
    void settled.then(() => {
      if (queues.get(id) === settled) queues.delete(id)
    })
    return run
  }
  async function receivedOf(file: StoredFile): Promise<number> {
    if (file.complete) return file.size
    const known = received.get(file.id)
    if (known !== undefined) return known
    const size = await stat(partPath(file.id)).then(
      (stats) => stats.size,
      () => 0,
    )
    received.set(file.id, size)
    return size
  }

  function discard(id: string): Promise<void> {
    return inTurn(id, async () => {
      remove.run(id)
      received.delete(id)
      promised.delete(id)
      await Promise.all([rm(partPath(id), { force: true }), rm(wholePath(id), { force: true })])
    })
  }

  return {
    begin({ roomId, uploader, name, size, type }) {
      let owed = size
      for (const bytes of promised.values()) owed += bytes
      if (freeBytes(dir) - owed < reserveBytes) throw new NoSpaceError()
      const id = randomBytes(16).toString('hex')
      promised.set(id, size)
      insert.run(id, roomId, uploader, name, size, type, Date.now())
      received.set(id, 0)
      return { id, roomId, uploader, name, size, type, complete: false, messageId: null }
    },
    get(id) {
      const row = select.get(id)
      return row && toFile(row)
    },
    write(file, offset, data) {
      return inTurn(file.id, async () => {
        const row = select.get(file.id)
        // Discarded meanwhile (its message deleted, or unsent for an hour).
        if (!row) throw new FileGoneError()
        const current = toFile(row)
        const have = await receivedOf(current)
        if (offset + data.byteLength <= have) return have
        if (offset !== have || have + data.byteLength > current.size) throw new ChunkOutOfPlaceError(have)
        await appendFile(partPath(file.id), data).catch((error: NodeJS.ErrnoException) => {
          throw error.code === 'ENOSPC' ? new NoSpaceError() : error
        })
        const now = have + data.byteLength
        if (now < current.size) {
          received.set(file.id, now)
          return now
        }
        await rename(partPath(file.id), wholePath(file.id))
        markComplete.run(file.id)
        received.delete(file.id)
        promised.delete(file.id)
        return now
      })
    },
    download(id) {
      const row = select.get(id)
      if (!row || row.complete !== 1 || !row.message_id) return null
      return { path: wholePath(id), file: toFile(row) }
    },
    discard,
    async sweep(now = Date.now()) {
      const unsent = selectUnsent.all(now - LIMITS.fileUnsentTtlMs)
      for (const { id } of unsent) await discard(id)
      return unsent.length
    },
  }
}

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { prepareMatch, toFtsQuery, type SearchQuery } from '../../server/messages/search-query'
import { createSearchThread, SearchesBusyError, type SearchThread } from '../../server/messages/search-thread'
import { createSqliteRoomStore } from '../../server/rooms/sqlite-room-store'
import { DATABASE_FILE, openDatabase, type Db } from '../../server/storage/database'

describe('the search thread', () => {
  let dir: string
  let db: Db
  let thread: SearchThread | undefined
  const query = (words: string, limit = 10): SearchQuery => ({
    fts: toFtsQuery(words)!,
    roomIds: ['general'],
    before: Number.MAX_SAFE_INTEGER,
    limit,
  })
  const notInline = vi.fn(() => {
    throw new Error('searched on the server connection')
  })

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-search-thread-'))
    db = openDatabase(dir)
    createSqliteRoomStore(db)
    const insert = db.prepare("INSERT INTO messages (room_id, author, text, ts) VALUES ('general', 'ann', ?, 0)")
    const index = db.prepare('INSERT INTO messages_fts (rowid, text) VALUES (?, ?)')
    db.transaction(() => {
      for (const text of ['lunch at noon', 'the lab report', 'lunch moved', 'Lab closed']) {
        index.run(insert.run(text).lastInsertRowid, text)
      }
    })()
    notInline.mockClear()
  })
  afterEach(() => {
    thread?.stop()
    thread = undefined
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers as the server connection would, from its own connection', async () => {
    const errors: unknown[] = []
    thread = createSearchThread({ file: db.name, inline: notInline, onError: (error) => errors.push(error) })
    const inline = prepareMatch(db)
    for (const words of ['lab', 'lunch', 'lunch noon', 'nothing']) {
      expect(await thread.match(query(words))).toEqual(inline(query(words)))
    }
    expect(await thread.match(query('lab'))).toEqual([4, 2])
    // Messages committed after it started are there too.
    const id = Number(
      db.prepare("INSERT INTO messages (room_id, author, text, ts) VALUES ('general', 'bob', 'lab', 0)").run()
        .lastInsertRowid,
    )
    db.prepare('INSERT INTO messages_fts (rowid, text) VALUES (?, ?)').run(id, 'lab')
    expect(await thread.match(query('lab'))).toEqual([id, 4, 2])
    expect(notInline).not.toHaveBeenCalled()
    expect(errors).toEqual([])
  })

  it('refuses a search while too many wait, and takes the next once they are answered', async () => {
    thread = createSearchThread({ file: db.name, inline: notInline, onError: () => {}, maxWaiting: 2 })
    const first = thread.match(query('lab'))
    const second = thread.match(query('lunch'))
    await expect(thread.match(query('noon'))).rejects.toBeInstanceOf(SearchesBusyError)
    expect(await Promise.all([first, second])).toEqual([
      [4, 2],
      [3, 1],
    ])
    expect(await thread.match(query('noon'))).toEqual([1])
  })

  it('searches on the server connection when the thread cannot start, and says why once', async () => {
    const errors: unknown[] = []
    const inline = vi.fn(prepareMatch(db))
    // The thread opens its file read-only and never creates one: this one is not there.
    const missing = join(dir, 'elsewhere', DATABASE_FILE)
    thread = createSearchThread({ file: missing, inline, onError: (error) => errors.push(error) })
    expect(await Promise.all([thread.match(query('lab')), thread.match(query('lunch'))])).toEqual([
      [4, 2],
      [3, 1],
    ])
    expect(await thread.match(query('noon'))).toEqual([1])
    expect(inline).toHaveBeenCalledTimes(3)
    expect(errors).toHaveLength(1)
    expect(String(errors[0])).toMatch(/unable to open|directory does not exist|SQLITE_CANTOPEN/i)
  })

  it('fails the searches waiting on a thread that died, and starts a new one for the next', async () => {
    // A thread that dies on the word "crash" and finds message 42 for anything else.
    const script = `const { parentPort } = require('node:worker_threads')
      parentPort.postMessage({ ready: true })
      parentPort.on('message', ({ id, query }) => {
        if (query.fts.includes('crash')) process.exit(3)
        parentPort.postMessage({ id, ids: [42] })
      })`
    const errors: unknown[] = []
    thread = createSearchThread({ file: db.name, inline: notInline, onError: (error) => errors.push(error), script })
    expect(await thread.match(query('fine'))).toEqual([42])
    await expect(thread.match(query('crash'))).rejects.toThrow(/exited \(code 3\)/)
    expect(await thread.match(query('fine again'))).toEqual([42])
    expect(errors.map(String)).toEqual([expect.stringMatching(/exited \(code 3\)/)])
    expect(notInline).not.toHaveBeenCalled()
  })

  it('fails the searches still waiting when the server stops, and takes no more', async () => {
    thread = createSearchThread({ file: db.name, inline: notInline, onError: () => {} })
    const waiting = thread.match(query('lab'))
    thread.stop()
    await expect(waiting).rejects.toThrow(/stopping/)
    await expect(thread.match(query('lab'))).rejects.toThrow(/stopping/)
  })
})

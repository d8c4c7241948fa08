import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { toFtsQuery } from '../../server/messages/search-query'
import type { SearchJob, SearchOutcome } from '../../server/messages/search-thread'
import { createSqliteRoomStore } from '../../server/rooms/sqlite-room-store'
import { openDatabase } from '../../server/storage/database'

/** Where the hosted server looks for its search thread: beside the main bundle. */
const BUILT_WORKER = resolve('out/main/search-worker.js')

describe('the desktop build', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  it('carries the hosted server search thread beside the main bundle, and it answers a search', async () => {
    expect(existsSync(BUILT_WORKER), `${BUILT_WORKER} is missing: run npm run build first`).toBe(true)
    const dir = mkdtempSync(join(tmpdir(), 'parley-built-worker-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const db = openDatabase(dir)
    cleanups.push(() => db.close())
    createSqliteRoomStore(db)
    const id = Number(
      db.prepare("INSERT INTO messages (room_id, author, text, ts) VALUES ('general', 'ann', 'built', 0)").run()
        .lastInsertRowid,
    )
    db.prepare('INSERT INTO messages_fts (rowid, text) VALUES (?, ?)').run(id, 'built')

    const worker = new Worker(BUILT_WORKER, { workerData: { file: db.name } })
    cleanups.push(() => worker.terminate())
    const answers: SearchOutcome[] = []
    const answered = new Promise<void>((done, fail) => {
      worker.on('message', (outcome: SearchOutcome) => {
        answers.push(outcome)
        if ('id' in outcome) done()
      })
      worker.on('error', fail)
    })
    const job: SearchJob = {
      id: 7,
      query: { fts: toFtsQuery('buil')!, roomIds: ['general'], before: Number.MAX_SAFE_INTEGER, limit: 5 },
    }
    worker.postMessage(job)
    await answered
    expect(answers).toEqual([{ ready: true }, { id: 7, ids: [id] }])
  })
})

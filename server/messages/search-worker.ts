/**
 * The search thread (see search-thread.ts): its own read-only connection to
 * the server's database, answering one search at a time, so a search that
 * walks a large index holds this thread and not the server's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { lendNameKey } from '../storage/name-key'
import { prepareMatch } from './search-query'
import type { SearchJob, SearchOutcome } from './search-thread'

const port = parentPort!
const db = new Database((workerData as { file: string }).file, { readonly: true, fileMustExist: true })
lendNameKey(db)
const match = prepareMatch(db)

port.on('message', ({ id, query }: SearchJob) => {
  let outcome: SearchOutcome
  try {
    outcome = { id, ids: match(query) }
  } catch (error) {
    outcome = { id, error: error instanceof Error ? error.message : String(error) }
  }
  port.postMessage(outcome)
})
port.on('close', () => db.close())
port.postMessage({ ready: true } satisfies SearchOutcome)

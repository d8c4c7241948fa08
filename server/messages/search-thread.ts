import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { MatchIds, SearchQuery } from './search-query'

/** A search sent to the thread. */
export interface SearchJob {
  id: number
  query: SearchQuery
}

/** What the thread answers: `ready` once, then one outcome per job. */
export type SearchOutcome = { ready: true } | { id: number; ids: number[] } | { id: number; error: string }

/** More searches wait for the thread than it takes: the request is answered RATE_LIMITED. */
export class SearchesBusyError extends Error {
  override name = 'SearchesBusyError'
}

export interface SearchThread {
  /** The ids a search finds; rejects with SearchesBusyError when too many wait already. */
  match(query: SearchQuery): Promise<number[]>
  /** Ends the thread (before the database closes); searches still waiting fail. */
  stop(): void
}

export interface SearchThreadOptions {
  /** The server's database file; the thread opens it read-only. */
  file: string
  /** The same search on the server's own connection, for when the thread cannot start at all. */
  inline: MatchIds
  onError: (error: unknown) => void
  /** Searches waiting for the thread beyond which another is refused. */
  maxWaiting?: number
  /** A script to run as the thread instead of search-worker (tests). */
  script?: string
}

interface Waiter {
  query: SearchQuery
  resolve: (ids: number[]) => void
  reject: (error: unknown) => void
}

/**
 * The thread's code: beside this file in a build. When the server runs from
 * its sources (`npm run server`, the tests), it is TypeScript, imported
 * through tsx's API (Node 20 does not apply `--import` hooks to a worker's
 * entry), by a one-line script.
 */
function threadEntry(): { entry: URL | string; eval: boolean } {
  const here = import.meta.url
  if (!here.endsWith('.ts')) return { entry: new URL('./search-worker.js', here), eval: false }
  const manifest = createRequire(here).resolve('tsx/package.json')
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>
  }
  const api = new URL(exports['./esm/api']!.import.default, pathToFileURL(manifest)).href
  const source = new URL('./search-worker.ts', here).href
  const script = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}))`
  return { entry: script, eval: true }
}

/**
 * Searches on a worker thread. A word in every message of a large room makes
 * FTS5 gather its whole list of matches first (about 50 ms at 1M messages);
 * on the event loop that would hold every other connection's messages for as
 * long. The thread starts with the first search. If it cannot start (a
 * build without its file), searches run inline, as before it existed; if it
 * fails later, the searches waiting on it fail and the next one starts it again.
 */
export function createSearchThread({
  file,
  inline,
  onError,
  maxWaiting = 32,
  script,
}: SearchThreadOptions): SearchThread {
  const waiting = new Map<number, Waiter>()
  let worker: Worker | undefined
  let ready = false
  let unavailable = false
  let stopped = false
  let nextId = 1

  function failed(from: Worker, error: unknown): void {
    if (worker !== from) return
    worker = undefined
    onError(error)
    const waiters = [...waiting.values()]
    waiting.clear()
    if (!ready) {
      // It never ran a search: it cannot start here, so the server's connection answers from now on.
      unavailable = true
      for (const waiter of waiters) runInline(waiter)
    } else {
      for (const waiter of waiters) waiter.reject(error)
    }
    ready = false
  }

  function runInline({ query, resolve, reject }: Waiter): void {
    try {
      resolve(inline(query))
    } catch (error) {
      reject(error)
    }
  }

  function start(): Worker {
    const { entry, eval: isScript } = script === undefined ? threadEntry() : { entry: script, eval: true }
    const started = new Worker(entry, { workerData: { file }, eval: isScript })
    // Never what keeps a process alive: the server's own handles decide that.
    started.unref()
    started.on('message', (outcome: SearchOutcome) => {
      if ('ready' in outcome) {
        ready = true
        return
      }
      const waiter = waiting.get(outcome.id)
      if (!waiter) return
      waiting.delete(outcome.id)
      if ('error' in outcome) waiter.reject(new Error(`search failed: ${outcome.error}`))
      else waiter.resolve(outcome.ids)
    })
    started.on('error', (error) => failed(started, error))
    started.on('exit', (code) => failed(started, new Error(`the search thread exited (code ${code})`)))
    return started
  }

  return {
    match(query) {
      if (stopped) return Promise.reject(new Error('the server is stopping'))
      if (unavailable) return Promise.resolve().then(() => inline(query))
      if (waiting.size >= maxWaiting) return Promise.reject(new SearchesBusyError('Too many searches at once'))
      worker ??= start()
      const id = nextId++
      const sent = worker
      return new Promise<number[]>((resolve, reject) => {
        waiting.set(id, { query, resolve, reject })
        sent.postMessage({ id, query } satisfies SearchJob)
      })
    },
    stop() {
      stopped = true
      const running = worker
      worker = undefined
      for (const waiter of waiting.values()) waiter.reject(new Error('the server is stopping'))
      waiting.clear()
      void running?.terminate()
    },
  }
}

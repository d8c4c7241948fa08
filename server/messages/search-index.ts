import { LIMITS } from '../../protocol'
import type { Db } from '../storage/database'

/** Messages indexed per step: about 5 ms here, so others' messages never wait long behind one. */
const BATCH = 500

export interface SearchIndex {
  /**
   * Indexes up to `max` messages stored since the last call, oldest first;
   * returns whether every stored message is now indexed.
   */
  catchUp(max?: number): boolean
  /**
   * Indexes everything stored, a batch now and one per turn of the event loop
   * after, until it is up to date. A batch that fails (a full disk) is
   * reported and tried again at the next pause in writes.
   */
  drain(): void
  /** Keeps an indexed message's entry in step with an edit (its new text) or a deletion (null). */
  replace(id: number, oldText: string, newText: string | null): void
  /** Ids of the messages in `roomIds` that hold every term, newest first, below `before`. */
  search(query: string, roomIds: string[], before: number, limit: number): number[]
  stop(): void
}

/**
 * A search's words as an FTS5 query: each one quoted, so nothing a person
 * types is query syntax, and matched as a word or the start of one; all are
 * required. A single character matches only itself: as a start it would
 * match a large part of every word there is, and FTS5 gathers every match of
 * a prefix before it can order them. Null when nothing is left to look for.
 */
export function toFtsQuery(query: string): string | null {
  const terms = query
    .split(/\s+/)
    .map((term) => term.replaceAll('"', ''))
    .filter((term) => /[\p{L}\p{N}]/u.test(term))
    .slice(0, LIMITS.searchTermsMax)
  if (terms.length === 0) return null
  return terms.map((term) => (/^[\p{L}\p{N}]$/u.test(term) ? `"${term}"` : `"${term}"*`)).join(' ')
}

/**
 * Full-text search over messages (SQLite FTS5), kept off the send path: a
 * message is indexed after it is stored, when writes pause or before a
 * search, never in the commit that a send waits for. Indexing in the commit
 * would write the index's pages with every message.
 */
export function createSearchIndex(db: Db, onError: (error: unknown) => void): SearchIndex {
  const selectFrom = db.prepare<[number, number], { id: number; text: string; deleted_at: number | null }>(
    'SELECT id, text, deleted_at FROM messages WHERE id > ? ORDER BY id LIMIT ?',
  )
  const insert = db.prepare<[number, string]>('INSERT INTO messages_fts (rowid, text) VALUES (?, ?)')
  const remove = db.prepare<[number, string]>(
    "INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', ?, ?)",
  )
  const saveMark = db.prepare<[number]>('UPDATE search_state SET indexed_upto = ?')
  const match = db.prepare<[string, number, string, number], { id: number }>(
    `SELECT f.rowid AS id FROM messages_fts f JOIN messages m ON m.id = f.rowid
     WHERE messages_fts MATCH ? AND f.rowid < ? AND m.room_id IN (SELECT value FROM json_each(?))
     ORDER BY f.rowid DESC LIMIT ?`,
  )
  /** Every message with an id up to this one is indexed. */
  let indexedUpTo = (db.prepare('SELECT indexed_upto AS mark FROM search_state').get() as { mark: number }).mark

  const step = db.transaction((max: number): number => {
    const rows = selectFrom.all(indexedUpTo, max)
    for (const row of rows) if (row.deleted_at === null) insert.run(row.id, row.text)
    if (rows.length > 0) {
      indexedUpTo = rows[rows.length - 1]!.id
      saveMark.run(indexedUpTo)
    }
    return rows.length
  })

  let draining: NodeJS.Immediate | undefined
  /** One batch; whether there is more to do. */
  function batch(): boolean {
    try {
      return db.open && !index.catchUp()
    } catch (error) {
      onError(error)
      return false
    }
  }
  const more = (): void => {
    draining = undefined
    if (batch()) draining = setImmediate(more)
  }

  const index: SearchIndex = {
    catchUp(max = BATCH) {
      return step(max) < max
    },
    drain() {
      if (!draining && batch()) draining = setImmediate(more)
    },
    replace(id, oldText, newText) {
      // Not indexed yet: the indexer will read the text as it is then.
      if (id > indexedUpTo) return
      if (oldText !== '') remove.run(id, oldText)
      if (newText !== null) insert.run(id, newText)
    },
    search(query, roomIds, before, limit) {
      const fts = toFtsQuery(query)
      if (fts === null || roomIds.length === 0) return []
      return match.all(fts, before, JSON.stringify(roomIds), limit).map((row) => row.id)
    },
    stop() {
      clearImmediate(draining)
      draining = undefined
    },
  }
  return index
}

import { nameKey } from '../../protocol'
import type { Db } from '../storage/database'

/** What the index holds of a message: its words, and its file's name (its author's key, too, in `message_authors`). */
export interface Indexed {
  text: string
  fileName: string | null
  deleted: boolean
}

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
  replace(id: number, before: Indexed, newText: string | null): void
  stop(): void
}

/**
 * The full-text index over messages (SQLite FTS5), kept off the send path: a
 * message is indexed after it is stored, when writes pause or before a
 * search, never in the commit that a send waits for. Indexing in the commit
 * would write the index's pages with every message. Searches read it
 * through search-query.ts, on the search thread.
 */
export function createSearchIndex(db: Db, onError: (error: unknown) => void): SearchIndex {
  const selectFrom = db.prepare<
    [number, number],
    { id: number; author: string; text: string; file_name: string | null; deleted_at: number | null }
  >('SELECT id, author, text, file_name, deleted_at FROM messages WHERE id > ? ORDER BY id LIMIT ?')
  const insert = db.prepare<[number, string, string | null]>(
    'INSERT INTO messages_fts (rowid, text, file_name) VALUES (?, ?, ?)',
  )
  // A deleted message stays in this one: a search reads only the undeleted.
  const insertAuthor = db.prepare<[string, number]>('INSERT INTO message_authors (name_key, id) VALUES (?, ?)')
  // External content: an entry is removed by the values it was indexed with.
  const remove = db.prepare<[number, string, string | null]>(
    "INSERT INTO messages_fts (messages_fts, rowid, text, file_name) VALUES ('delete', ?, ?, ?)",
  )
  const saveMark = db.prepare<[number]>('UPDATE search_state SET indexed_upto = ?')
  /** Every message with an id up to this one is indexed. */
  let indexedUpTo = (db.prepare('SELECT indexed_upto AS mark FROM search_state').get() as { mark: number }).mark

  const step = db.transaction((max: number): number => {
    const rows = selectFrom.all(indexedUpTo, max)
    for (const row of rows) {
      if (row.deleted_at !== null) continue
      insert.run(row.id, row.text, row.file_name)
      insertAuthor.run(nameKey(row.author), row.id)
    }
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
    replace(id, before, newText) {
      // Not indexed yet: the indexer will read the text as it is then. Deleted: never indexed, or removed then.
      if (id > indexedUpTo || before.deleted) return
      remove.run(id, before.text, before.fileName)
      if (newText !== null) insert.run(id, newText, before.fileName)
    },
    stop() {
      clearImmediate(draining)
      draining = undefined
    },
  }
  return index
}

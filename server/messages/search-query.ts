import { LIMITS } from '../../protocol'
import type { Db } from '../storage/database'

/** One search, as the index runs it: ids below `before`, newest first. */
export interface SearchQuery {
  /** From `toFtsQuery`. */
  fts: string
  roomIds: string[]
  before: number
  limit: number
}

/** Runs a search against an index; the ids of the matching messages. */
export type MatchIds = (query: SearchQuery) => number[]

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

/** The search over `db`'s index: the same statement for the server's connection and the search thread's. */
export function prepareMatch(db: Db): MatchIds {
  const match = db.prepare<[string, number, string, number], number>(
    `SELECT f.rowid FROM messages_fts f JOIN messages m ON m.id = f.rowid
     WHERE messages_fts MATCH ? AND f.rowid < ? AND m.room_id IN (SELECT value FROM json_each(?))
     ORDER BY f.rowid DESC LIMIT ?`,
  )
  match.pluck()
  return ({ fts, roomIds, before, limit }) => match.all(fts, before, JSON.stringify(roomIds), limit)
}

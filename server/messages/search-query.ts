import { LIMITS } from '../../protocol'
import type { Db } from '../storage/database'

/** One search, as the index runs it: ids below `before`, newest first. */
export interface SearchQuery {
  /** From `toFtsQuery`; null to find every message (of `authorKey`'s). */
  fts: string | null
  /** Only messages whose author has this name key. */
  authorKey?: string
  /** Only messages with a file. */
  hasFile?: boolean
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

/**
 * Everything one person said (`from:` with no words): newest first through
 * their own entries in the index, CROSS JOIN keeping that order of tables, so
 * a person who wrote little is found without reading everyone's messages.
 */
export const BY_AUTHOR_QUERY = `SELECT a.id FROM message_authors a CROSS JOIN messages m ON m.id = a.id
  WHERE a.name_key = ? AND a.id < ? AND m.room_id IN (SELECT value FROM json_each(?)) AND m.deleted_at IS NULL
    AND (? = 0 OR m.file IS NOT NULL)
  ORDER BY a.id DESC LIMIT ?`

/**
 * Every message with a file (`has:file` with no words or person): newest
 * first through the index of messages with files (migration 37), so the
 * walk reads only those.
 */
export const FILES_QUERY = `SELECT id FROM messages INDEXED BY messages_with_files
  WHERE file IS NOT NULL AND deleted_at IS NULL AND id < ? AND room_id IN (SELECT value FROM json_each(?))
  ORDER BY id DESC LIMIT ?`

/** The search over `db`'s index: the same statements for the server's connection and the search thread's (both lend `name_key`). */
export function prepareMatch(db: Db): MatchIds {
  const match = db.prepare<[string, number, string, string | null, string | null, number, number], number>(
    `SELECT f.rowid FROM messages_fts f JOIN messages m ON m.id = f.rowid
     WHERE messages_fts MATCH ? AND f.rowid < ? AND m.room_id IN (SELECT value FROM json_each(?))
       AND (? IS NULL OR name_key(m.author) = ?) AND (? = 0 OR m.file IS NOT NULL)
     ORDER BY f.rowid DESC LIMIT ?`,
  )
  const byAuthor = db.prepare<[string, number, string, number, number], number>(BY_AUTHOR_QUERY)
  const withFiles = db.prepare<[number, string, number], number>(FILES_QUERY)
  match.pluck()
  byAuthor.pluck()
  withFiles.pluck()
  return ({ fts, authorKey, hasFile = false, roomIds, before, limit }) => {
    const rooms = JSON.stringify(roomIds)
    const files = hasFile ? 1 : 0
    if (fts !== null) return match.all(fts, before, rooms, authorKey ?? null, authorKey ?? null, files, limit)
    if (authorKey !== undefined) return byAuthor.all(authorKey, before, rooms, files, limit)
    return hasFile ? withFiles.all(before, rooms, limit) : []
  }
}

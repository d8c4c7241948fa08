import { LIMITS } from '../../protocol'
import type { Db } from '../storage/database'

/** One search, as the index runs it: ids below `before` (and from `since` to `until`), newest first. */
export interface SearchQuery {
  /** From `toFtsQuery`; null to find every message (of `authorKey`'s). */
  fts: string | null
  /** Only messages whose author has this name key. */
  authorKey?: string
  /** Only messages with a file. */
  hasFile?: boolean
  /** Only messages sent at this time or later (ms since the epoch). */
  since?: number
  /** Only messages sent before this time. */
  until?: number
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
  WHERE a.name_key = ? AND a.id >= ? AND a.id < ? AND m.ts >= ? AND m.ts < ?
    AND m.room_id IN (SELECT value FROM json_each(?)) AND m.deleted_at IS NULL AND (? = 0 OR m.file IS NOT NULL)
  ORDER BY a.id DESC LIMIT ?`

/**
 * Every message with a file (`has:file` with no words or person): newest
 * first through the index of messages with files (migration 37), so the
 * walk reads only those.
 */
export const FILES_QUERY = `SELECT id FROM messages INDEXED BY messages_with_files
  WHERE file IS NOT NULL AND deleted_at IS NULL AND id >= ? AND id < ? AND ts >= ? AND ts < ?
    AND room_id IN (SELECT value FROM json_each(?))
  ORDER BY id DESC LIMIT ?`

/**
 * A room's messages sent in a stretch of days (`after:`, `before:`, `on:`
 * with no words, person or file): newest first along the room's ids that the
 * days span. Run per room and merged, so each room reads at most a page,
 * however busy the others are.
 */
export const DAYS_QUERY = `SELECT id FROM messages
  WHERE room_id = ? AND id >= ? AND id < ? AND ts >= ? AND ts < ? AND deleted_at IS NULL
  ORDER BY id DESC LIMIT ?`

/**
 * The first message id sent at `ts` or later; one past the newest if none.
 * Ids rise with the time they were stored, so halving the range of ids finds
 * it in about 20 lookups by id, with no index on the time that every send
 * would have to keep up. A clock set back while the server ran can put a
 * message out of that order; the queries check its time too, so at worst
 * it is missed, never wrongly found.
 */
function firstIdFrom(ts: number, next: (id: number) => { id: number; ts: number } | undefined, newest: number): number {
  let low = 1
  let high = newest + 1
  while (low < high) {
    const middle = Math.floor((low + high) / 2)
    const found = next(middle)
    if (found === undefined || found.ts >= ts) high = middle
    else low = found.id + 1
  }
  return next(low)?.id ?? newest + 1
}

/** The search over `db`'s index: the same statements for the server's connection and the search thread's (both lend `name_key`). */
export function prepareMatch(db: Db): MatchIds {
  type Span = [low: number, below: number, since: number, until: number]
  const match = db.prepare<[string, ...Span, string, string | null, string | null, number, number], number>(
    `SELECT f.rowid FROM messages_fts f JOIN messages m ON m.id = f.rowid
     WHERE messages_fts MATCH ? AND f.rowid >= ? AND f.rowid < ? AND m.ts >= ? AND m.ts < ?
       AND m.room_id IN (SELECT value FROM json_each(?))
       AND (? IS NULL OR name_key(m.author) = ?) AND (? = 0 OR m.file IS NOT NULL)
     ORDER BY f.rowid DESC LIMIT ?`,
  )
  const byAuthor = db.prepare<[string, ...Span, string, number, number], number>(BY_AUTHOR_QUERY)
  const withFiles = db.prepare<[...Span, string, number], number>(FILES_QUERY)
  const inDays = db.prepare<[string, ...Span, number], number>(DAYS_QUERY)
  const nextFrom = db.prepare<[number], { id: number; ts: number }>(
    'SELECT id, ts FROM messages WHERE id >= ? ORDER BY id LIMIT 1',
  )
  const selectNewest = db.prepare<[], number | null>('SELECT max(id) FROM messages')
  match.pluck()
  byAuthor.pluck()
  withFiles.pluck()
  inDays.pluck()
  selectNewest.pluck()
  const next = (id: number) => nextFrom.get(id)
  return ({ fts, authorKey, hasFile = false, since, until, roomIds, before, limit }) => {
    const rooms = JSON.stringify(roomIds)
    const files = hasFile ? 1 : 0
    // Days become a span of ids too, so each query walks only the messages sent in them.
    const dated = since !== undefined || until !== undefined
    const newest = dated ? (selectNewest.get() ?? 0) : 0
    const low = since === undefined ? 0 : firstIdFrom(since, next, newest)
    const below = Math.min(before, until === undefined ? before : firstIdFrom(until, next, newest))
    if (low >= below) return []
    const span: Span = [low, below, since ?? 0, until ?? Number.MAX_SAFE_INTEGER]
    if (fts !== null) return match.all(fts, ...span, rooms, authorKey ?? null, authorKey ?? null, files, limit)
    if (authorKey !== undefined) return byAuthor.all(authorKey, ...span, rooms, files, limit)
    if (hasFile) return withFiles.all(...span, rooms, limit)
    if (!dated) return []
    const found = roomIds.flatMap((roomId) => inDays.all(roomId, ...span, limit))
    return found.sort((a, b) => b - a).slice(0, limit)
  }
}

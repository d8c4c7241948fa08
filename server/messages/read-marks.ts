import { nameKey } from '../../protocol'
import type { Db } from '../storage/database'

/**
 * How far each person has read each room, kept by the server, so a count of
 * unread messages follows a person from one device to the next. A mark only
 * moves forward, so a device that read less never takes it back. Marking a
 * room unread is kept beside it, until the person reads past that point.
 */
export interface ReadMarkStore {
  /** Raises `reader`'s mark in a room to `upTo` (if higher); the mark as it is now. */
  raise(reader: string, roomId: string, upTo: number): number
  /** `reader` marked what follows `after` in a room unread: it counts so until they read past it. */
  markUnread(reader: string, roomId: string, after: number): void
  /** `reader` read a room up to `upTo`: a room they marked unread before that is theirs read again. */
  readPast(reader: string, roomId: string, upTo: number): void
  /** `reader`'s marks in these rooms, for those that have one, and where they marked it unread. */
  of(reader: string, roomIds: string[]): Map<string, { upTo: number; unreadAfter?: number }>
  /** `reader`'s mark in one room, if they have one (whether or not they marked it unread since: a DM's Seen). */
  markOf(reader: string, roomId: string): number | undefined
  /** Whether this person shares read receipts (everyone does until they say otherwise). */
  sharesReceipts(name: string): boolean
  setSharesReceipts(name: string, share: boolean): void
}

export function createSqliteReadMarks(db: Db): ReadMarkStore {
  const upsert = db
    .prepare<[string, string, number], number>(
      `INSERT INTO read_marks (name_key, room_id, up_to) VALUES (?, ?, ?)
       ON CONFLICT (name_key, room_id) DO UPDATE SET up_to = max(up_to, excluded.up_to)
       RETURNING up_to`,
    )
    .pluck()
  const setUnread = db.prepare<[string, string, number, number]>(
    `INSERT INTO read_marks (name_key, room_id, up_to, unread_after) VALUES (?, ?, ?, ?)
     ON CONFLICT (name_key, room_id) DO UPDATE SET unread_after = excluded.unread_after`,
  )
  const clearUnread = db.prepare<[string, string, number]>(
    'UPDATE read_marks SET unread_after = NULL WHERE name_key = ? AND room_id = ? AND unread_after < ?',
  )
  const select = db.prepare<[string, string], { room_id: string; up_to: number; unread_after: number | null }>(
    `SELECT room_id, up_to, unread_after FROM read_marks
     WHERE name_key = ? AND room_id IN (SELECT value FROM json_each(?))`,
  )
  const selectOne = db
    .prepare<[string, string], number>('SELECT up_to FROM read_marks WHERE name_key = ? AND room_id = ?')
    .pluck()
  const selectWithheld = db.prepare<[string], number>('SELECT 1 FROM receipts_withheld WHERE name_key = ?').pluck()
  const insertWithheld = db.prepare<[string]>('INSERT OR IGNORE INTO receipts_withheld (name_key) VALUES (?)')
  const deleteWithheld = db.prepare<[string]>('DELETE FROM receipts_withheld WHERE name_key = ?')
  return {
    raise: (reader, roomId, upTo) => upsert.get(nameKey(reader), roomId, upTo)!,
    markUnread: (reader, roomId, after) => void setUnread.run(nameKey(reader), roomId, after, after),
    readPast: (reader, roomId, upTo) => void clearUnread.run(nameKey(reader), roomId, upTo),
    of(reader, roomIds) {
      const rows = select.all(nameKey(reader), JSON.stringify(roomIds))
      return new Map(
        rows.map((row) => [
          row.room_id,
          row.unread_after === null ? { upTo: row.up_to } : { upTo: row.up_to, unreadAfter: row.unread_after },
        ]),
      )
    },
    markOf: (reader, roomId) => selectOne.get(nameKey(reader), roomId),
    sharesReceipts: (name) => selectWithheld.get(nameKey(name)) === undefined,
    setSharesReceipts(name, share) {
      if (share) deleteWithheld.run(nameKey(name))
      else insertWithheld.run(nameKey(name))
    },
  }
}

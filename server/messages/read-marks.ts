import { nameKey } from '../../protocol'
import type { Db } from '../storage/database'

/**
 * How far each person has read each room, kept by the server, so a count of
 * unread messages follows a person from one device to the next. A mark only
 * moves forward: a device that read less never takes it back.
 */
export interface ReadMarkStore {
  /** Raises `reader`'s mark in a room to `upTo` (if higher); the mark as it is now. */
  raise(reader: string, roomId: string, upTo: number): number
  /** `reader`'s marks in these rooms, for those that have one. */
  of(reader: string, roomIds: string[]): Map<string, number>
  /** `reader`'s mark in one room, if they have one. */
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
  const select = db.prepare<[string, string], { room_id: string; up_to: number }>(
    'SELECT room_id, up_to FROM read_marks WHERE name_key = ? AND room_id IN (SELECT value FROM json_each(?))',
  )
  const selectOne = db
    .prepare<[string, string], number>('SELECT up_to FROM read_marks WHERE name_key = ? AND room_id = ?')
    .pluck()
  const selectWithheld = db.prepare<[string], number>('SELECT 1 FROM receipts_withheld WHERE name_key = ?').pluck()
  const insertWithheld = db.prepare<[string]>('INSERT OR IGNORE INTO receipts_withheld (name_key) VALUES (?)')
  const deleteWithheld = db.prepare<[string]>('DELETE FROM receipts_withheld WHERE name_key = ?')
  return {
    raise: (reader, roomId, upTo) => upsert.get(nameKey(reader), roomId, upTo)!,
    of(reader, roomIds) {
      const rows = select.all(nameKey(reader), JSON.stringify(roomIds))
      return new Map(rows.map((row) => [row.room_id, row.up_to]))
    },
    markOf: (reader, roomId) => selectOne.get(nameKey(reader), roomId),
    sharesReceipts: (name) => selectWithheld.get(nameKey(name)) === undefined,
    setSharesReceipts(name, share) {
      if (share) deleteWithheld.run(nameKey(name))
      else insertWithheld.run(nameKey(name))
    },
  }
}

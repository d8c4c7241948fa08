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
  return {
    raise: (reader, roomId, upTo) => upsert.get(nameKey(reader), roomId, upTo)!,
    of(reader, roomIds) {
      const rows = select.all(nameKey(reader), JSON.stringify(roomIds))
      return new Map(rows.map((row) => [row.room_id, row.up_to]))
    },
  }
}

import { isNotifyLevel, nameKey, type NotifyLevel } from '../../protocol'
import type { Db } from '../storage/database'

/**
 * The notification level each person chose for a room (its own, rather than
 * the one for everywhere), kept by the server so it follows them to every
 * device: muted on the laptop is muted on the phone.
 */
export interface RoomLevelStore {
  /** This person's levels, by room id. */
  of(name: string): Record<string, NotifyLevel>
  /** Gives a room a level of its own, or (null) has it follow the one for everywhere again. */
  set(name: string, roomId: string, level: NotifyLevel | null): void
}

export function createSqliteRoomLevels(db: Db): RoomLevelStore {
  const select = db.prepare<[string], { room_id: string; level: string }>(
    'SELECT room_id, level FROM room_levels WHERE name_key = ?',
  )
  const upsert = db.prepare<[string, string, string]>(
    `INSERT INTO room_levels (name_key, room_id, level) VALUES (?, ?, ?)
     ON CONFLICT (name_key, room_id) DO UPDATE SET level = excluded.level`,
  )
  const remove = db.prepare<[string, string]>('DELETE FROM room_levels WHERE name_key = ? AND room_id = ?')
  return {
    of(name) {
      const levels: Record<string, NotifyLevel> = {}
      for (const row of select.all(nameKey(name))) if (isNotifyLevel(row.level)) levels[row.room_id] = row.level
      return levels
    },
    set(name, roomId, level) {
      if (level === null) remove.run(nameKey(name), roomId)
      else upsert.run(nameKey(name), roomId, level)
    },
  }
}

import { nameKey } from '../../protocol'
import type { Db } from '../storage/database'

/**
 * The rooms and DMs each person marked as favourites: listed first in their
 * sidebar, on every device, kept by the server.
 */
export interface RoomFavouriteStore {
  /** This person's favourites, by room id, in the order they were marked. */
  of(name: string): string[]
  /** Marks a room as a favourite, or (false) takes it off; either twice changes nothing. */
  set(name: string, roomId: string, favourite: boolean): void
  /** Puts those of `roomIds` that are favourites first, in that order, the rest after as they were; the order now. */
  order(name: string, roomIds: readonly string[]): string[]
}

export function createSqliteRoomFavourites(db: Db): RoomFavouriteStore {
  // See the migration: rowid order is the order marked in.
  const select = db
    .prepare<[string], string>('SELECT room_id FROM room_favourites WHERE name_key = ? ORDER BY rowid')
    .pluck()
  const insert = db.prepare<[string, string]>(
    'INSERT INTO room_favourites (name_key, room_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
  )
  const remove = db.prepare<[string, string]>('DELETE FROM room_favourites WHERE name_key = ? AND room_id = ?')
  const removeAll = db.prepare<[string]>('DELETE FROM room_favourites WHERE name_key = ?')
  // Written again in the new order: rowid order is the order.
  const rewrite = db.transaction((key: string, ordered: readonly string[]) => {
    removeAll.run(key)
    for (const roomId of ordered) insert.run(key, roomId)
  })
  return {
    of: (name) => select.all(nameKey(name)),
    order(name, roomIds) {
      const key = nameKey(name)
      const now = select.all(key)
      const named = [...new Set(roomIds)].filter((roomId) => now.includes(roomId))
      const ordered = [...named, ...now.filter((roomId) => !named.includes(roomId))]
      rewrite(key, ordered)
      return ordered
    },
    set(name, roomId, favourite) {
      if (favourite) insert.run(nameKey(name), roomId)
      else remove.run(nameKey(name), roomId)
    },
  }
}

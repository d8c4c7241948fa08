import { nameKey } from '../../protocol'
import type { Db } from '../storage/database'

/** The DMs each person closed: out of their list, on every device, until a message comes in one. */
export interface HiddenDmStore {
  /** The DMs `name` closed, by room id. */
  of(name: string): string[]
  /** Closes a DM for `name`, or (false) opens it again; either twice changes nothing. */
  set(name: string, roomId: string, hidden: boolean): void
  /** Who closed this DM, as name keys. */
  closedBy(roomId: string): string[]
}

export function createSqliteHiddenDms(db: Db): HiddenDmStore {
  const select = db.prepare<[string], string>('SELECT room_id FROM hidden_dms WHERE name_key = ?').pluck()
  const selectByRoom = db.prepare<[string], string>('SELECT name_key FROM hidden_dms WHERE room_id = ?').pluck()
  const insert = db.prepare<[string, string]>(
    'INSERT INTO hidden_dms (name_key, room_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
  )
  const remove = db.prepare<[string, string]>('DELETE FROM hidden_dms WHERE name_key = ? AND room_id = ?')
  return {
    of: (name) => select.all(nameKey(name)),
    set(name, roomId, hidden) {
      if (hidden) insert.run(nameKey(name), roomId)
      else remove.run(nameKey(name), roomId)
    },
    closedBy: (roomId) => selectByRoom.all(roomId),
  }
}

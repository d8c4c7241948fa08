import { nameKey } from '../../protocol'
import type { Db } from '../storage/database'

/** One message a person saved: when, and when to remind them of it (null for no reminder). */
export interface SavedEntry {
  savedAt: number
  remindAt: number | null
}

/** The messages each person saved for later, by name, so the list follows them to every device. */
export interface SavedMessageStore {
  /** Saves `id` for `name` (keeping the first time saved, and any reminder); when it is saved now. */
  save(name: string, id: number, at: number): number
  unsave(name: string, id: number): void
  /** Sets or (null) clears when to remind `name` of a message they saved. */
  remind(name: string, id: number, at: number | null): void
  /** When `name` saved `id` and its reminder, if they did save it. */
  entry(name: string, id: number): SavedEntry | undefined
  count(name: string): number
  /** What `name` saved, the latest first. */
  list(name: string, limit: number): Array<SavedEntry & { id: number }>
}

export function createSqliteSavedMessages(db: Db): SavedMessageStore {
  const insert = db
    .prepare<[string, number, number], number>(
      `INSERT INTO saved_messages (name_key, message_id, saved_at) VALUES (?, ?, ?)
       ON CONFLICT (name_key, message_id) DO UPDATE SET saved_at = saved_at RETURNING saved_at`,
    )
    .pluck()
  const remove = db.prepare<[string, number]>('DELETE FROM saved_messages WHERE name_key = ? AND message_id = ?')
  const selectOne = db.prepare<[string, number], SavedEntry>(
    'SELECT saved_at AS savedAt, remind_at AS remindAt FROM saved_messages WHERE name_key = ? AND message_id = ?',
  )
  const updateReminder = db.prepare<[number | null, string, number]>(
    'UPDATE saved_messages SET remind_at = ? WHERE name_key = ? AND message_id = ?',
  )
  const selectCount = db.prepare<[string], number>('SELECT count(*) FROM saved_messages WHERE name_key = ?').pluck()
  const selectList = db.prepare<[string, number], SavedEntry & { id: number }>(
    `SELECT message_id AS id, saved_at AS savedAt, remind_at AS remindAt FROM saved_messages
     WHERE name_key = ? ORDER BY saved_at DESC, message_id DESC LIMIT ?`,
  )
  return {
    save: (name, id, at) => insert.get(nameKey(name), id, at)!,
    unsave: (name, id) => void remove.run(nameKey(name), id),
    remind: (name, id, at) => void updateReminder.run(at, nameKey(name), id),
    entry: (name, id) => selectOne.get(nameKey(name), id),
    count: (name) => selectCount.get(nameKey(name))!,
    list: (name, limit) => selectList.all(nameKey(name), limit),
  }
}

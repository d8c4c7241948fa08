import { nameKey } from '../../protocol'
import type { Db } from '../storage/database'

/** The messages each person saved for later, by name, so the list follows them to every device. */
export interface SavedMessageStore {
  /** Saves `id` for `name` (keeping the first time saved); when it is saved now. */
  save(name: string, id: number, at: number): number
  unsave(name: string, id: number): void
  /** When `name` saved `id`, if they did. */
  savedAt(name: string, id: number): number | undefined
  count(name: string): number
  /** What `name` saved, the latest first. */
  list(name: string, limit: number): Array<{ id: number; savedAt: number }>
}

export function createSqliteSavedMessages(db: Db): SavedMessageStore {
  const insert = db
    .prepare<[string, number, number], number>(
      `INSERT INTO saved_messages (name_key, message_id, saved_at) VALUES (?, ?, ?)
       ON CONFLICT (name_key, message_id) DO UPDATE SET saved_at = saved_at RETURNING saved_at`,
    )
    .pluck()
  const remove = db.prepare<[string, number]>('DELETE FROM saved_messages WHERE name_key = ? AND message_id = ?')
  const selectOne = db
    .prepare<[string, number], number>('SELECT saved_at FROM saved_messages WHERE name_key = ? AND message_id = ?')
    .pluck()
  const selectCount = db.prepare<[string], number>('SELECT count(*) FROM saved_messages WHERE name_key = ?').pluck()
  const selectList = db.prepare<[string, number], { id: number; savedAt: number }>(
    `SELECT message_id AS id, saved_at AS savedAt FROM saved_messages
     WHERE name_key = ? ORDER BY saved_at DESC, message_id DESC LIMIT ?`,
  )
  return {
    save: (name, id, at) => insert.get(nameKey(name), id, at)!,
    unsave: (name, id) => void remove.run(nameKey(name), id),
    savedAt: (name, id) => selectOne.get(nameKey(name), id),
    count: (name) => selectCount.get(nameKey(name))!,
    list: (name, limit) => selectList.all(nameKey(name), limit),
  }
}

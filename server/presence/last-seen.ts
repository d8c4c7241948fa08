import { nameKey } from '../../protocol'
import type { Db } from '../storage/database'

/**
 * When each person (by name) was last online: noted as they join and as
 * their last connection leaves, so a crash of the server leaves them seen
 * at their last join rather than at some older leaving.
 */
export interface LastSeenStore {
  note(name: string, at: number): void
  /** When `name` was last online; undefined if never. */
  of(name: string): number | undefined
}

export function createSqliteLastSeen(db: Db): LastSeenStore {
  const upsert = db.prepare<[string, number]>(
    'INSERT INTO last_seen (name_key, at) VALUES (?, ?) ON CONFLICT (name_key) DO UPDATE SET at = excluded.at',
  )
  const select = db.prepare<[string], number>('SELECT at FROM last_seen WHERE name_key = ?').pluck()
  return {
    note: (name, at) => void upsert.run(nameKey(name), at),
    of: (name) => select.get(nameKey(name)),
  }
}

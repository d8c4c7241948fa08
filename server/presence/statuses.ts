import { nameKey } from '../../protocol'
import type { Db } from '../storage/database'

/** What each person (by name) says they are doing, kept while they are offline, so it is there when they come back. */
export interface StatusStore {
  /** '' when they have none. */
  of(name: string): string
  /** '' clears it. */
  set(name: string, status: string): void
}

export function createSqliteStatuses(db: Db): StatusStore {
  const upsert = db.prepare<[string, string]>(
    'INSERT INTO statuses (name_key, status) VALUES (?, ?) ON CONFLICT (name_key) DO UPDATE SET status = excluded.status',
  )
  const remove = db.prepare<[string]>('DELETE FROM statuses WHERE name_key = ?')
  const select = db.prepare<[string], string>('SELECT status FROM statuses WHERE name_key = ?').pluck()
  return {
    of: (name) => select.get(nameKey(name)) ?? '',
    set(name, status) {
      if (status === '') remove.run(nameKey(name))
      else upsert.run(nameKey(name), status)
    },
  }
}

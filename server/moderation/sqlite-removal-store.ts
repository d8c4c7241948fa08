import type { Db } from '../storage/database'
import type { RemovalStore, StoredRemoval } from './removals'

interface Row {
  name: string
  removed_by: string
  until: number
  keys: string
}

/** Removals on disk, so a server restarted within the hour still keeps out whoever was removed for a day. */
export function createSqliteRemovalStore(db: Db): RemovalStore {
  const select = db.prepare<[], Row>('SELECT name, removed_by, until, keys FROM removals')
  const upsert = db.prepare<[string, string, string, number, string]>(
    `INSERT INTO removals (name_key, name, removed_by, until, keys) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name_key) DO UPDATE SET name = excluded.name, removed_by = excluded.removed_by,
       until = excluded.until, keys = excluded.keys`,
  )
  const remove = db.prepare<[string]>('DELETE FROM removals WHERE name_key = ?')
  return {
    load: () =>
      select.all().map((row): StoredRemoval => ({
        removal: { name: row.name, by: row.removed_by, until: row.until },
        keys: JSON.parse(row.keys) as string[],
      })),
    save(nameKey, { removal, keys }) {
      upsert.run(nameKey, removal.name, removal.by, removal.until, JSON.stringify(keys))
    },
    delete(nameKey) {
      remove.run(nameKey)
    },
  }
}

import { nameKey } from '../../protocol'
import type { Db } from '../storage/database'

/** Whom each person ignores, by name, so it follows them to every device. */
export interface IgnoredPeopleStore {
  /** The names `name` ignores, as written when ignored, in the order they were. */
  of(name: string): string[]
  /** The same as name keys, for comparing. */
  keysOf(name: string): string[]
  set(name: string, other: string, ignored: boolean): void
}

export function createSqliteIgnoredPeople(db: Db): IgnoredPeopleStore {
  const insert = db.prepare<[string, string, string]>(
    `INSERT INTO ignored_people (name_key, ignored_key, ignored_name) VALUES (?, ?, ?)
     ON CONFLICT (name_key, ignored_key) DO NOTHING`,
  )
  const remove = db.prepare<[string, string]>('DELETE FROM ignored_people WHERE name_key = ? AND ignored_key = ?')
  const select = db.prepare<[string], { name: string; key: string }>(
    'SELECT ignored_name AS name, ignored_key AS key FROM ignored_people WHERE name_key = ? ORDER BY rowid',
  )
  return {
    of: (name) => select.all(nameKey(name)).map((row) => row.name),
    keysOf: (name) => select.all(nameKey(name)).map((row) => row.key),
    set(name, other, ignored) {
      if (ignored) insert.run(nameKey(name), nameKey(other), other)
      else remove.run(nameKey(name), nameKey(other))
    },
  }
}

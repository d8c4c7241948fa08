import { nameKey } from '../../protocol'
import type { Db } from '../storage/database'

/**
 * When each person (by name) was last online: noted as they join, as their
 * last connection leaves, and every few minutes for everyone online, so a
 * crash of the server leaves them seen minutes before it rather than at
 * their join. Shown both ways, as read receipts are: who hides theirs sees
 * nobody's.
 */
export interface LastSeenStore {
  note(name: string, at: number): void
  /** Notes everyone in `names` as online at `at`, in one transaction. */
  noteAll(names: string[], at: number): void
  /** When `name` was last online; undefined if never. */
  of(name: string): number | undefined
  /** Whether `name` shows when they were last online (everyone does, unless they turned it off). */
  shares(name: string): boolean
  setShares(name: string, share: boolean): void
}

export function createSqliteLastSeen(db: Db): LastSeenStore {
  const upsert = db.prepare<[string, number]>(
    'INSERT INTO last_seen (name_key, at) VALUES (?, ?) ON CONFLICT (name_key) DO UPDATE SET at = excluded.at',
  )
  const select = db.prepare<[string], number>('SELECT at FROM last_seen WHERE name_key = ?').pluck()
  const hidden = db.prepare<[string], number>('SELECT 1 FROM last_seen_hidden WHERE name_key = ?').pluck()
  const hide = db.prepare<[string]>('INSERT OR IGNORE INTO last_seen_hidden (name_key) VALUES (?)')
  const show = db.prepare<[string]>('DELETE FROM last_seen_hidden WHERE name_key = ?')
  return {
    note: (name, at) => void upsert.run(nameKey(name), at),
    noteAll: db.transaction((names: string[], at: number) => {
      for (const name of names) upsert.run(nameKey(name), at)
    }),
    of: (name) => select.get(nameKey(name)),
    shares: (name) => hidden.get(nameKey(name)) === undefined,
    setShares: (name, share) => void (share ? show : hide).run(nameKey(name)),
  }
}

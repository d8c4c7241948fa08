import { nameKey } from '../../protocol'
import type { Db } from '../storage/database'

/** A person's status: what they say they are doing, and when it clears itself, if they said. */
export interface Status {
  /** '' for none. */
  text: string
  until?: number
}

/** What each person (by name) says they are doing, kept while they are offline, so it is there when they come back. */
export interface StatusStore {
  /** Their status; one whose time has come is none. */
  of(name: string): Status
  /** '' clears it; `until`, when it clears itself. */
  set(name: string, text: string, until?: number): void
  /** Clears every status whose time has come by `now`; the name keys they were under. */
  sweep(now: number): string[]
}

export function createSqliteStatuses(db: Db): StatusStore {
  const upsert = db.prepare<[string, string, number | null]>(
    `INSERT INTO statuses (name_key, status, clear_at) VALUES (?, ?, ?)
     ON CONFLICT (name_key) DO UPDATE SET status = excluded.status, clear_at = excluded.clear_at`,
  )
  const remove = db.prepare<[string]>('DELETE FROM statuses WHERE name_key = ?')
  const select = db.prepare<[string], { status: string; clear_at: number | null }>(
    'SELECT status, clear_at FROM statuses WHERE name_key = ?',
  )
  const removeDue = db.prepare<[number], string>('DELETE FROM statuses WHERE clear_at <= ? RETURNING name_key').pluck()
  return {
    of(name) {
      const row = select.get(nameKey(name))
      if (!row || (row.clear_at !== null && row.clear_at <= Date.now())) return { text: '' }
      return { text: row.status, ...(row.clear_at !== null && { until: row.clear_at }) }
    },
    set(name, text, until) {
      if (text === '') remove.run(nameKey(name))
      else upsert.run(nameKey(name), text, until ?? null)
    },
    sweep: (now) => removeDue.all(now),
  }
}

import type Database from 'better-sqlite3'
import { nameKey } from '../../protocol'

/**
 * Names compare by `nameKey` everywhere (case and Unicode form aside), which
 * SQL has no form of: each connection gets it as `name_key(text)`. Its own
 * module, so the search thread lends it without loading the migrations.
 */
export function lendNameKey(db: Database.Database): void {
  db.function('name_key', { deterministic: true }, (name: unknown) => nameKey(String(name)))
}

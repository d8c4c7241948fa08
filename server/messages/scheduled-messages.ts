import { nameKey, type ScheduledMessage } from '../../protocol'
import type { Db } from '../storage/database'

/** A scheduled message with what sending it needs: who wrote it, and whether as a moderator. */
export interface ScheduledEntry extends ScheduledMessage {
  author: string
  moderator: boolean
}

export interface NewScheduled {
  author: string
  moderator: boolean
  roomId: string
  text: string
  at: number
  replyTo?: number
}

/** Messages waiting to go out later, kept across restarts. */
export interface ScheduledMessageStore {
  add(entry: NewScheduled): ScheduledEntry
  get(id: number): ScheduledEntry | undefined
  /** New words or time; either one clears a failure, so the message is tried again at its time. */
  change(id: number, change: { text?: string; at?: number }): void
  /** Kept, not sent: `reason` says why it could not go. */
  fail(id: number, reason: string): void
  remove(id: number): void
  /** What `name` has waiting, the soonest first. */
  list(name: string): ScheduledMessage[]
  count(name: string): number
  /** Everyone's messages due at `now`, the soonest first; failed ones wait for their writer. */
  due(now: number, limit: number): ScheduledEntry[]
  /** When the next one is due, if any is waiting. */
  next(): number | undefined
}

interface Row {
  id: number
  author: string
  moderator: number
  roomId: string
  text: string
  replyTo: number | null
  at: number
  failed: string | null
}

const COLUMNS = `id, author, moderator, room_id AS roomId, text, reply_to AS replyTo, at, failed`

function entryOf({ moderator, replyTo, failed, ...rest }: Row): ScheduledEntry {
  return {
    ...rest,
    moderator: moderator === 1,
    ...(replyTo !== null && { replyTo }),
    ...(failed !== null && { failed }),
  }
}

/** What the writer sees of it: not the rights it goes out with. */
export function asShown({ author: _author, moderator: _moderator, ...message }: ScheduledEntry): ScheduledMessage {
  return message
}

export function createSqliteScheduledMessages(db: Db): ScheduledMessageStore {
  const insert = db.prepare<[string, string, number, string, string, number | null, number], Row>(
    `INSERT INTO scheduled_messages (name_key, author, moderator, room_id, text, reply_to, at)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`,
  )
  const selectOne = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM scheduled_messages WHERE id = ?`)
  const update = db.prepare<[string | null, number | null, number]>(
    `UPDATE scheduled_messages SET text = coalesce(?, text), at = coalesce(?, at), failed = NULL WHERE id = ?`,
  )
  const markFailed = db.prepare<[string, number]>('UPDATE scheduled_messages SET failed = ? WHERE id = ?')
  const remove = db.prepare<[number]>('DELETE FROM scheduled_messages WHERE id = ?')
  const selectList = db.prepare<[string], Row>(
    `SELECT ${COLUMNS} FROM scheduled_messages WHERE name_key = ? ORDER BY at, id`,
  )
  const selectCount = db.prepare<[string], number>('SELECT count(*) FROM scheduled_messages WHERE name_key = ?').pluck()
  const selectDue = db.prepare<[number, number], Row>(
    `SELECT ${COLUMNS} FROM scheduled_messages WHERE failed IS NULL AND at <= ? ORDER BY at, id LIMIT ?`,
  )
  const selectNext = db
    .prepare<[], number | null>('SELECT min(at) FROM scheduled_messages WHERE failed IS NULL')
    .pluck()
  return {
    add: ({ author, moderator, roomId, text, at, replyTo }) =>
      entryOf(insert.get(nameKey(author), author, moderator ? 1 : 0, roomId, text, replyTo ?? null, at)!),
    get: (id) => {
      const row = selectOne.get(id)
      return row && entryOf(row)
    },
    change: (id, { text, at }) => void update.run(text ?? null, at ?? null, id),
    fail: (id, reason) => void markFailed.run(reason, id),
    remove: (id) => void remove.run(id),
    list: (name) => selectList.all(nameKey(name)).map((row) => asShown(entryOf(row))),
    count: (name) => selectCount.get(nameKey(name))!,
    due: (now, limit) => selectDue.all(now, limit).map(entryOf),
    next: () => selectNext.get() ?? undefined,
  }
}

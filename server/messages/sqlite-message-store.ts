import {
  addressedTo,
  LIMITS,
  nameKey,
  quoteOf,
  sameName,
  type FileInfo,
  type Forwarded,
  type Message,
  type Poll,
  type Reaction,
} from '../../protocol'
import type Database from 'better-sqlite3'
import type { Db } from '../storage/database'
import { groupCommit } from '../storage/group-commit'
import { idleCheckpoint } from '../storage/idle-checkpoint'
import { FileTakenError, type MessageStore, type NewMessage } from './message-store'
import { createSearchIndex } from './search-index'
import { prepareMatch, toFtsQuery } from './search-query'
import { createSearchThread, type SearchThread } from './search-thread'

/** How many unindexed messages a search indexes before it runs (about 20 ms); a longer backlog is indexed in the background. */
const SEARCH_CATCH_UP = 2000

interface MessageRow {
  id: number
  room_id: string
  author: string
  text: string
  client_id: string | null
  ts: number
  edited_at: number | null
  deleted_at: number | null
  deleted_by: string | null
  rev: number
  reply_to: number | null
  /** JSON of the Reaction[], or null for none. */
  reactions: string | null
  /** JSON of the FileInfo, or null for none. */
  file: string | null
  pinned_at: number | null
  pinned_by: string | null
  /** JSON of the Poll, or null if it is not one. */
  poll: string | null
  /** 1 where its `@room` notifies everyone (Message.everyone). */
  everyone: number | null
  /** JSON of the Forwarded, or null if it passes nothing on. */
  forwarded: string | null
  /** The answered message's, through the join: present when reply_to is. */
  quote_author: string | null
  quote_text: string | null
  quote_deleted_at: number | null
  quote_file_name: string | null
  /** How many messages, not deleted, answer it: kept by the store as replies come and go (migration 47). */
  replies: number
  /** The same for the message it answers; null when it answers none. */
  quote_replies: number | null
}

/**
 * Every read of messages, each with the start of the message it answers as
 * that one is now. Messages are never removed (a deletion leaves a
 * tombstone), so the join always finds it. Each carries how many answer it,
 * and its quote how many answer the quoted one, as the rows keep them: every
 * copy the server sends keeps a thread's count right, replies beyond what an
 * app has loaded included, for the cost of reading a column.
 */
const SELECT = `SELECT m.*, q.author AS quote_author, substr(q.text, 1, ${LIMITS.quoteMaxLength}) AS quote_text,
  q.deleted_at AS quote_deleted_at, q.file ->> '$.name' AS quote_file_name, q.replies AS quote_replies
  FROM messages m LEFT JOIN messages q ON q.id = m.reply_to`

/**
 * A room's changes after a change number. `rev > 0` is spelled out: SQLite
 * uses a partial index only where the query implies the index's WHERE, and
 * `rev > ?` does not, so without it a catch-up read every message of the
 * room (133 ms in a room of 1M, against 0.13 ms).
 */
export const CHANGES_QUERY = `${SELECT} WHERE m.room_id = ? AND m.rev > 0 AND m.rev > ? ORDER BY m.rev ASC LIMIT ?`

function toMessage(row: MessageRow): Message {
  const message: Message = {
    id: row.id,
    clientId: row.client_id,
    roomId: row.room_id,
    author: row.author,
    text: row.text,
    ts: row.ts,
  }
  // Only changed messages carry these, so a new message's packet stays as small as before.
  if (row.edited_at !== null) message.editedAt = row.edited_at
  if (row.deleted_at !== null) message.deletedAt = row.deleted_at
  if (row.deleted_by !== null) message.deletedBy = row.deleted_by
  if (row.rev > 0) message.rev = row.rev
  if (row.reactions !== null) message.reactions = JSON.parse(row.reactions) as Reaction[]
  if (row.file !== null) message.file = JSON.parse(row.file) as FileInfo
  if (row.pinned_at !== null) message.pinned = { by: row.pinned_by!, at: row.pinned_at }
  if (row.poll !== null) message.poll = JSON.parse(row.poll) as Poll
  if (row.everyone === 1) message.everyone = true
  if (row.forwarded !== null) message.forwarded = JSON.parse(row.forwarded) as Forwarded
  if (row.replies > 0) message.replies = row.replies
  if (row.reply_to !== null) {
    const deletedAt = row.quote_deleted_at ?? undefined
    const file = row.quote_file_name === null ? undefined : { name: row.quote_file_name }
    message.replyTo = quoteOf({ id: row.reply_to, author: row.quote_author!, text: row.quote_text!, deletedAt, file })
    if (row.quote_replies) message.replyTo.replies = row.quote_replies
  }
  return message
}

/** `onError` hears of failures in background work (the search index), which no request waits for. */
export function createSqliteMessageStore(db: Db, onError: (error: unknown) => void = () => {}): MessageStore {
  const insert = db.prepare<
    [string, string, string, string | null, number, number | null, string | null, number | null]
  >(
    `INSERT INTO messages (room_id, author, text, client_id, ts, reply_to, file, everyone) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (author, client_id) WHERE client_id IS NOT NULL DO NOTHING`,
  )
  // A file goes to one message: claimed (0) before the insert, given its id after.
  const claimFile = db.prepare<[string]>(
    'UPDATE files SET message_id = 0 WHERE id = ? AND message_id IS NULL AND complete = 1',
  )
  const attachFile = db.prepare<[number | null, string]>('UPDATE files SET message_id = ? WHERE id = ?')
  const selectByClientId = db.prepare<[string, string], MessageRow>(`${SELECT} WHERE m.author = ? AND m.client_id = ?`)
  // One extra row tells whether an older page exists.
  const selectLatest = db.prepare<[string, number], MessageRow>(
    `${SELECT} WHERE m.room_id = ? ORDER BY m.id DESC LIMIT ?`,
  )
  const selectBefore = db.prepare<[string, number, number], MessageRow>(
    `${SELECT} WHERE m.room_id = ? AND m.id < ? ORDER BY m.id DESC LIMIT ?`,
  )
  const selectAfter = db.prepare<[string, number, number], MessageRow>(
    `${SELECT} WHERE m.room_id = ? AND m.id > ? ORDER BY m.id ASC LIMIT ?`,
  )

  const selectById = db.prepare<[number], MessageRow>(`${SELECT} WHERE m.id = ?`)
  // Along the partial index messages_replies (reply_to = ? implies it is not null), in id order.
  const selectReplies = db.prepare<[number, number], MessageRow>(`${SELECT} WHERE m.reply_to = ? ORDER BY m.id LIMIT ?`)
  // Names compare as everywhere else (`name_key`, see lendNameKey), so one's own messages never count.
  // Walks the room's index from the mark, reading each row for its author; LIMIT bounds the walk.
  const countUnread = db
    .prepare<[string, number, string, string, number], number>(
      `SELECT count(*) FROM (SELECT 1 FROM messages
         WHERE room_id = ? AND id > ? AND name_key(author) != ? AND deleted_at IS NULL
           AND name_key(author) NOT IN (SELECT value FROM json_each(?)) LIMIT ?)`,
    )
    .pluck()
  // Of a room's newest messages after the mark, those that may be addressed to the reader: with an
  // `@` (or one of the two forms NFKC folds into it) or a reply. Judged in JS by `addressedTo`, the
  // rule the app highlights by, and by author: comparing only these few authors takes a quarter of
  // the time of comparing every one in SQL, for 200 rooms.
  const selectMentionCandidates = db.prepare<
    [string, number, number],
    { author: string; text: string; everyone: number | null; quote_author: string | null }
  >(
    `SELECT m.author, m.text, m.everyone, q.author AS quote_author
     FROM (SELECT author, text, everyone, reply_to, deleted_at FROM messages
           WHERE room_id = ? AND id > ? ORDER BY id DESC LIMIT ?) m
     LEFT JOIN messages q ON q.id = m.reply_to
     WHERE m.deleted_at IS NULL
       AND (instr(m.text, '@') OR instr(m.text, '\uFE6B') OR instr(m.text, '\uFF20') OR m.reply_to IS NOT NULL)`,
  )
  const selectNewestId = db.prepare<[string], number | null>('SELECT max(id) FROM messages WHERE room_id = ?').pluck()
  const updateText = db.prepare<[string, number | null, number, number, number]>(
    'UPDATE messages SET text = ?, everyone = ?, edited_at = ?, rev = ? WHERE id = ?',
  )
  const markDeleted = db.prepare<[number, string | null, number, number]>(
    `UPDATE messages SET text = '', reactions = NULL, file = NULL, pinned_at = NULL, pinned_by = NULL, poll = NULL, forwarded = NULL,
       deleted_at = ?, deleted_by = ?, rev = ? WHERE id = ?`,
  )
  // A reply counts under the message it answers, in the transaction of its insert (or of its deletion).
  const countReply = db.prepare<[number, number]>('UPDATE messages SET replies = replies + ? WHERE id = ?')
  // A new poll's options, in the transaction of its insert: a plain message's insert stays as it was.
  const insertPoll = db.prepare<[string, number]>('UPDATE messages SET poll = ? WHERE id = ?')
  // Like a poll, only where there is one: a plain message's insert binds no more than before.
  const insertForwarded = db.prepare<[string, number]>('UPDATE messages SET forwarded = ? WHERE id = ?')
  const updatePoll = db.prepare<[string, number, number]>('UPDATE messages SET poll = ?, rev = ? WHERE id = ?')
  const updateReactions = db.prepare<[string | null, number, number]>(
    'UPDATE messages SET reactions = ?, rev = ? WHERE id = ?',
  )
  const updatePin = db.prepare<[number | null, string | null, number, number]>(
    'UPDATE messages SET pinned_at = ?, pinned_by = ?, rev = ? WHERE id = ?',
  )
  const selectPinned = db.prepare<[string, number], MessageRow>(
    `${SELECT} WHERE m.room_id = ? AND m.pinned_at IS NOT NULL ORDER BY m.pinned_at DESC, m.id DESC LIMIT ?`,
  )
  const countPinned = db
    .prepare<[string], number>('SELECT count(*) FROM messages WHERE room_id = ? AND pinned_at IS NOT NULL')
    .pluck()
  const selectChanges = db.prepare<[string, number, number], MessageRow>(CHANGES_QUERY)
  /** The latest change number; each edit or deletion takes the next. */
  // Only changed messages have one, and the partial index holds just those: no scan of every message at start-up.
  let rev = (db.prepare('SELECT max(rev) AS rev FROM messages WHERE rev > 0').get() as { rev: number | null }).rev ?? 0

  const store = ({ roomId, author, text, clientId, replyTo, file, poll, everyone, forwarded }: NewMessage): Message => {
    if (file && claimFile.run(file.id).changes === 0) {
      // Attached already: to this message, sent before (a retry), or to another.
      const sent = clientId === null ? undefined : selectByClientId.get(author, clientId)
      if (sent?.file && (JSON.parse(sent.file) as FileInfo).id === file.id) return toMessage(sent)
      throw new FileTakenError('This file was sent with another message')
    }
    const ts = Date.now()
    // run() and the row built here cost less than RETURNING *.
    let inserted: Database.RunResult
    try {
      inserted = insert.run(
        roomId,
        author,
        text,
        clientId,
        ts,
        replyTo ?? null,
        file ? JSON.stringify(file) : null,
        everyone ? 1 : null,
      )
    } catch (error) {
      // SQLite undoes the failed statement only: the claim is given back by hand.
      if (file) attachFile.run(null, file.id)
      throw error
    }
    const { changes, lastInsertRowid } = inserted
    const id = Number(lastInsertRowid)
    if (file) attachFile.run(changes === 1 ? id : null, file.id)
    if (changes === 1) {
      const made = poll && { options: poll.map((option) => ({ text: option, voters: [] })) }
      if (made) insertPoll.run(JSON.stringify(made), id)
      if (forwarded) insertForwarded.run(JSON.stringify(forwarded), id)
      // A reply is counted, and read back with its quote (in the same transaction); a plain message needs neither.
      if (replyTo !== undefined) {
        countReply.run(1, replyTo)
        return toMessage(selectById.get(id)!)
      }
      const message: Message = { id, clientId, roomId, author, text, ts }
      if (file) message.file = file
      if (made) message.poll = made
      if (everyone) message.everyone = true
      if (forwarded) message.forwarded = forwarded
      return message
    }
    // The same author already sent this clientId: a retry, not a new message.
    return toMessage(selectByClientId.get(author, clientId!)!)
  }
  const index = createSearchIndex(db, onError)
  const inlineMatch = prepareMatch(db)
  // A thread needs the file; a database in memory (some tests) is searched where it is.
  const searches: SearchThread = db.memory
    ? { match: async (query) => inlineMatch(query), stop: () => {} }
    : createSearchThread({ file: db.name, inline: inlineMatch, onError })
  // A batch now, so the checkpoint that follows copies it too; more in later turns.
  const checkpoints = idleCheckpoint(db, { onIdle: index.drain })
  const appends = groupCommit(db, store, checkpoints.wrote)
  // Whatever an older version stored before search existed.
  index.drain()

  /**
   * Runs one change of message `id` (an edit, a deletion, reactions) under the
   * next change number, which is taken only if it is stored; returns the message as stored.
   */
  const inTransaction = db.transaction((id: number, apply: (next: number) => void): Message => {
    apply(rev + 1)
    rev += 1
    return toMessage(selectById.get(id)!)
  })
  const change = (id: number, apply: (next: number) => void): Message => {
    const changed = inTransaction(id, apply)
    checkpoints.wrote()
    return changed
  }
  /**
   * A new text (whose `@room` notifies everyone, or not), or none (a
   * deletion), with the search index kept in step in the same transaction.
   */
  const changeText = (id: number, newText: string | null, everyone = false, by: string | null = null): Message =>
    change(id, (next) => {
      const before = selectById.get(id)!
      if (newText === null) markDeleted.run(Date.now(), by, next, id)
      else updateText.run(newText, everyone ? 1 : null, Date.now(), next, id)
      // A deleted reply no longer counts under the message it answered.
      if (newText === null && before.deleted_at === null && before.reply_to !== null)
        countReply.run(-1, before.reply_to)
      const fileName = before.file === null ? null : (JSON.parse(before.file) as FileInfo).name
      index.replace(id, { text: before.text, fileName, deleted: before.deleted_at !== null }, newText)
    })

  return {
    append: appends.submit,
    flush() {
      appends.flush()
      checkpoints.stop()
      index.stop()
      searches.stop()
    },
    page(roomId, { before, after, limit }) {
      if (after !== undefined) {
        const rows = selectAfter.all(roomId, after, limit + 1)
        return { messages: rows.slice(0, limit).map(toMessage), hasMore: rows.length > limit, rev }
      }
      const rows =
        before === undefined ? selectLatest.all(roomId, limit + 1) : selectBefore.all(roomId, before, limit + 1)
      const hasMore = rows.length > limit
      return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore, rev }
    },
    replies: (id, limit) => selectReplies.all(id, limit).map(toMessage),
    get(id) {
      const row = selectById.get(id)
      return row && toMessage(row)
    },
    sent(author, clientId) {
      const row = selectByClientId.get(author, clientId)
      return row && toMessage(row)
    },
    edit: (id, text, everyone) => changeText(id, text, everyone),
    remove: (id, by) => changeText(id, null, false, by ?? null),
    setReactions: (id, reactions) =>
      change(id, (next) => updateReactions.run(reactions.length > 0 ? JSON.stringify(reactions) : null, next, id)),
    setPoll: (id, poll) => change(id, (next) => updatePoll.run(JSON.stringify(poll), next, id)),
    setPinned: (id, by) => change(id, (next) => updatePin.run(by === null ? null : Date.now(), by, next, id)),
    pinned: (roomId, limit) => selectPinned.all(roomId, limit).map(toMessage),
    pinnedCount: (roomId) => countPinned.get(roomId)!,
    unreadAfter(roomId, after, reader, max, ignoring = []) {
      const count = countUnread.get(roomId, after, nameKey(reader), JSON.stringify(ignoring), max)!
      const candidates = count === 0 ? [] : selectMentionCandidates.all(roomId, after, LIMITS.unreadMentionScanMax)
      const mentions = candidates.filter(
        (row) =>
          !sameName(row.author, reader) &&
          !ignoring.includes(nameKey(row.author)) &&
          addressedTo(
            {
              text: row.text,
              ...(row.everyone === 1 && { everyone: true as const }),
              ...(row.quote_author !== null && { replyTo: { author: row.quote_author } }),
            },
            reader,
          ),
      ).length
      return { count, mentions: Math.min(mentions, max), upTo: selectNewestId.get(roomId) ?? 0 }
    },
    newestId: (roomId) => selectNewestId.get(roomId) ?? 0,
    changes(roomId, { after, limit }) {
      const rows = selectChanges.all(roomId, after, limit + 1)
      return { messages: rows.slice(0, limit).map(toMessage), hasMore: rows.length > limit, rev }
    },
    async search(query, roomIds, { before, limit, from, hasFile = false, since, until }) {
      const fts = toFtsQuery(query)
      const authorKey = from === undefined ? undefined : nameKey(from)
      const nothing = fts === null && authorKey === undefined && !hasFile && since === undefined && until === undefined
      if (nothing || roomIds.length === 0) return { messages: [], hasMore: false }
      // Whatever was stored since writes last paused, unless that is a flood.
      if (!index.catchUp(SEARCH_CATCH_UP)) index.drain()
      const ids = await searches.match({
        fts,
        ...(authorKey !== undefined && { authorKey }),
        hasFile,
        ...(since !== undefined && { since }),
        ...(until !== undefined && { until }),
        roomIds,
        before: before ?? Number.MAX_SAFE_INTEGER,
        limit: limit + 1,
      })
      const messages = ids.slice(0, limit).map((id) => toMessage(selectById.get(id)!))
      return { messages, hasMore: ids.length > limit }
    },
  }
}

import { accessSync, constants, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { lendNameKey } from './name-key'
import { nameKey } from '../../protocol'

export type Db = Database.Database

export const DATABASE_FILE = 'parley.db'

/** Thrown when the data folder cannot hold the database; the CLI prints its message. */
export class DataDirError extends Error {
  override name = 'DataDirError'
}

/** A schema change: SQL, or a step that needs JavaScript (names compare by `nameKey`, which SQL has no form of). */
type Migration = string | ((db: Db) => void)

const MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE rooms (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('room', 'dm')),
     name TEXT NOT NULL,
     member_a TEXT,
     member_b TEXT,
     created_at INTEGER NOT NULL
   );
   CREATE UNIQUE INDEX rooms_dm_pair ON rooms (member_a, member_b) WHERE kind = 'dm';
   CREATE TABLE messages (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     room_id TEXT NOT NULL REFERENCES rooms (id),
     author TEXT NOT NULL,
     text TEXT NOT NULL,
     client_id TEXT,
     ts INTEGER NOT NULL
   );
   CREATE INDEX messages_room_id ON messages (room_id, id);
   CREATE UNIQUE INDEX messages_client_id ON messages (author, client_id) WHERE client_id IS NOT NULL;`,
  // Plain rowid ids instead of AUTOINCREMENT: one table less to write per
  // commit. Rows are never deleted (a deleted message leaves a tombstone),
  // so the largest id is never reused and ids still only grow (the catch-up
  // cursor relies on that).
  `CREATE TABLE messages_v2 (
     id INTEGER PRIMARY KEY,
     room_id TEXT NOT NULL REFERENCES rooms (id),
     author TEXT NOT NULL,
     text TEXT NOT NULL,
     client_id TEXT,
     ts INTEGER NOT NULL
   );
   INSERT INTO messages_v2 (id, room_id, author, text, client_id, ts)
     SELECT id, room_id, author, text, client_id, ts FROM messages;
   DROP TABLE messages;
   DELETE FROM sqlite_sequence WHERE name = 'messages';
   ALTER TABLE messages_v2 RENAME TO messages;
   CREATE INDEX messages_room_id ON messages (room_id, id);
   CREATE UNIQUE INDEX messages_client_id ON messages (author, client_id) WHERE client_id IS NOT NULL;`,
  // Edits and deletions (a deleted message keeps its row, with empty text).
  // rev is the change number of the last one, 0 for an unchanged message;
  // the partial index holds only changed messages, so sending never writes it.
  `ALTER TABLE messages ADD COLUMN edited_at INTEGER;
   ALTER TABLE messages ADD COLUMN deleted_at INTEGER;
   ALTER TABLE messages ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
   CREATE INDEX messages_changes ON messages (room_id, rev) WHERE rev > 0;`,
  // Full-text search over the text in messages, filled after messages are
  // stored (server/messages/search-index.ts); search_state says how far.
  `CREATE VIRTUAL TABLE messages_fts USING fts5 (
     text,
     content = 'messages',
     content_rowid = 'id',
     tokenize = 'unicode61 remove_diacritics 2'
   );
   CREATE TABLE search_state (indexed_upto INTEGER NOT NULL);
   INSERT INTO search_state (indexed_upto) VALUES (0);`,
  // Replies: the id of the message answered, in the same room. Read through
  // a join, so a reply always quotes that message as it is now (edited, or
  // deleted and its text gone).
  `ALTER TABLE messages ADD COLUMN reply_to INTEGER;`,
  // Reactions, as the JSON of the message's Reaction[]: read with the row,
  // changed rarely, and never queried by emoji. NULL when there are none.
  `ALTER TABLE messages ADD COLUMN reactions TEXT;`,
  // Files sent with messages: the bytes in the data folder's files/, named by
  // id; here what they are, whose, and which message carries them (NULL until
  // one does: an unsent upload is discarded after an hour). The message keeps
  // the file's JSON too, so reading messages needs no join.
  `CREATE TABLE files (
     id TEXT PRIMARY KEY,
     room_id TEXT NOT NULL,
     uploader TEXT NOT NULL,
     name TEXT NOT NULL,
     size INTEGER NOT NULL,
     type TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     complete INTEGER NOT NULL DEFAULT 0,
     message_id INTEGER
   );
   CREATE INDEX files_unsent ON files (created_at) WHERE message_id IS NULL;
   ALTER TABLE messages ADD COLUMN file TEXT;`,
  // How far each person (by name, compared as everywhere) has read each
  // room: unread counts that follow a person from one device to another.
  `CREATE TABLE read_marks (
     name_key TEXT NOT NULL,
     room_id TEXT NOT NULL,
     up_to INTEGER NOT NULL,
     PRIMARY KEY (name_key, room_id)
   ) WITHOUT ROWID;`,
  // The public rooms each person (by name) has joined, so their next session,
  // on any device, is in them again.
  `CREATE TABLE room_members (
     name_key TEXT NOT NULL,
     room_id TEXT NOT NULL REFERENCES rooms (id),
     PRIMARY KEY (name_key, room_id)
   ) WITHOUT ROWID;`,
  // Devices linked to use one name at the same time (a hash of each device's
  // id, and the group of devices it belongs to).
  `CREATE TABLE device_links (
     device_hash TEXT PRIMARY KEY,
     group_id TEXT NOT NULL
   ) WITHOUT ROWID;
   CREATE INDEX device_links_group ON device_links (group_id);`,
  // Sent files are found by their names too: the name, read from the file's
  // JSON, becomes a column of the index. The index is built again from the
  // start, in the background, as for a database from before search existed.
  `ALTER TABLE messages ADD COLUMN file_name TEXT GENERATED ALWAYS AS (file ->> '$.name') VIRTUAL;
   DROP TABLE messages_fts;
   CREATE VIRTUAL TABLE messages_fts USING fts5 (
     text,
     file_name,
     content = 'messages',
     content_rowid = 'id',
     tokenize = 'unicode61 remove_diacritics 2'
   );
   UPDATE search_state SET indexed_upto = 0;`,
  // Who deleted a message when its author did not: a moderator.
  `ALTER TABLE messages ADD COLUMN deleted_by TEXT;`,
  // What a public room is for, one line, set by anyone in it.
  `ALTER TABLE rooms ADD COLUMN topic TEXT;`,
  // A DM's two people by name key, as names compare everywhere else: joined
  // as `ann`, Ann still finds the DMs she opened as `Ann`.
  (db) => {
    db.exec(`ALTER TABLE rooms ADD COLUMN member_a_key TEXT;
             ALTER TABLE rooms ADD COLUMN member_b_key TEXT;
             CREATE INDEX rooms_dm_a ON rooms (member_a_key, member_b_key) WHERE kind = 'dm';
             CREATE INDEX rooms_dm_b ON rooms (member_b_key) WHERE kind = 'dm';`)
    const dms = db.prepare<[], { id: string; member_a: string; member_b: string }>(
      `SELECT id, member_a, member_b FROM rooms WHERE kind = 'dm'`,
    )
    const setKeys = db.prepare<[string, string, string]>(
      'UPDATE rooms SET member_a_key = ?, member_b_key = ? WHERE id = ?',
    )
    for (const dm of dms.all()) setKeys.run(nameKey(dm.member_a), nameKey(dm.member_b), dm.id)
  },
  // The people (by name) who do not share read receipts; everyone else does.
  `CREATE TABLE receipts_withheld (name_key TEXT PRIMARY KEY) WITHOUT ROWID;`,
  // Messages pinned to their room: by whom, and when (a room's pins are read newest first).
  `ALTER TABLE messages ADD COLUMN pinned_at INTEGER;
   ALTER TABLE messages ADD COLUMN pinned_by TEXT;
   CREATE INDEX messages_pinned ON messages (room_id, pinned_at) WHERE pinned_at IS NOT NULL;`,
  // When each person (by name) was last online, for "last seen" in a DM with them.
  `CREATE TABLE last_seen (name_key TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;`,
  // What each person (by name) says they are doing, shown beside their name.
  `CREATE TABLE statuses (name_key TEXT PRIMARY KEY, status TEXT NOT NULL) WITHOUT ROWID;`,
  // Private rooms: a room only its people see. For them room_members is who
  // may read it, not only who joined, and keeps each name as it was spelled.
  `ALTER TABLE rooms ADD COLUMN private INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE room_members ADD COLUMN name TEXT;
   CREATE INDEX room_members_room ON room_members (room_id);`,
  // Polls: a message's options and their votes, as JSON like its reactions.
  `ALTER TABLE messages ADD COLUMN poll TEXT;`,
  // The people (by name) who do not show when they were last online; everyone else does.
  `CREATE TABLE last_seen_hidden (name_key TEXT PRIMARY KEY) WITHOUT ROWID;`,
  // Who a moderator removed, until when, and every name, device and address
  // that keeps them out (JSON), so a restart does not let them back in.
  `CREATE TABLE removals (
     name_key TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     removed_by TEXT NOT NULL,
     until INTEGER NOT NULL,
     keys TEXT NOT NULL
   ) WITHOUT ROWID;`,
  // Public rooms where only moderators post (announcements).
  `ALTER TABLE rooms ADD COLUMN moderators_post INTEGER NOT NULL DEFAULT 0;`,
  // Slow mode: the seconds each person waits between messages in a public room (0: off).
  `ALTER TABLE rooms ADD COLUMN slow_mode INTEGER NOT NULL DEFAULT 0;`,
  // Who made a private room (as they spelled their name): its owner, who may take people out.
  `ALTER TABLE rooms ADD COLUMN created_by TEXT;`,
  // Public rooms a moderator removed: kept (their messages too), reachable by nobody.
  `ALTER TABLE rooms ADD COLUMN removed_at INTEGER;`,
  // When each person came into a room (null: before this column), so a private
  // room's owner who leaves hands it to whoever has been in it longest.
  `ALTER TABLE room_members ADD COLUMN added_at INTEGER;`,
  // Each person's notification level for a room, when they gave it one, so it follows them to every device.
  `CREATE TABLE room_levels (
     name_key TEXT NOT NULL,
     room_id TEXT NOT NULL,
     level TEXT NOT NULL,
     PRIMARY KEY (name_key, room_id)
   ) WITHOUT ROWID;`,
  // Which moderator removed a public room, for the moderators' list of rooms they may bring back.
  `ALTER TABLE rooms ADD COLUMN removed_by TEXT;`,
  // Private rooms made before owners were kept (migration 25) get one by the
  // rule an owner who leaves hands on by: whoever has been in it longest.
  `UPDATE rooms SET created_by = (
     SELECT coalesce(name, name_key) FROM room_members WHERE room_id = rooms.id ORDER BY added_at, name_key LIMIT 1)
   WHERE private = 1 AND created_by IS NULL;`,
  // Joining a room now sets the person's read mark at its newest message, so
  // what follows counts as unread even where they never opened it: those in
  // a room with no mark yet count from this upgrade on, as if they joined now.
  `INSERT OR IGNORE INTO read_marks (name_key, room_id, up_to)
   SELECT name_key, room_id, coalesce((SELECT max(id) FROM messages WHERE messages.room_id = room_members.room_id), 0)
   FROM room_members;`,
  // Each person's skin tone and recent emoji (a JSON array), so they follow them to every device.
  `CREATE TABLE emoji_prefs (
     name_key TEXT PRIMARY KEY,
     skin_tone INTEGER NOT NULL,
     recent TEXT NOT NULL
   ) WITHOUT ROWID;`,
  // Who wrote each message, by name key, so `from:` with no words reads one
  // person's messages instead of walking every room's. Filled by the search
  // indexer, off the send path, as the full-text index is; here, up to where
  // that has reached.
  `CREATE TABLE message_authors (
     name_key TEXT NOT NULL,
     id INTEGER NOT NULL,
     PRIMARY KEY (name_key, id)
   ) WITHOUT ROWID;
   INSERT INTO message_authors (name_key, id)
   SELECT name_key(author), id FROM messages
   WHERE deleted_at IS NULL AND id <= (SELECT indexed_upto FROM search_state);`,
  // Whether a message's `@room` notifies everyone (1), as the server decided
  // when it was sent (only moderators may, in a moderated server's public
  // rooms). Before, anyone's did: those written then keep doing so (the app
  // checks the text for a real `@room` too).
  `ALTER TABLE messages ADD COLUMN everyone INTEGER;
   UPDATE messages SET everyone = 1 WHERE text LIKE '%@room%';`,
  // Marked unread after this message ("Mark unread"), until the person reads
  // past it; the read mark itself stays, as a DM's Seen does.
  `ALTER TABLE read_marks ADD COLUMN unread_after INTEGER;`,
  // Messages each person saved for later, across rooms, on all their devices.
  `CREATE TABLE saved_messages (
     name_key TEXT NOT NULL,
     message_id INTEGER NOT NULL,
     saved_at INTEGER NOT NULL,
     PRIMARY KEY (name_key, message_id)
   ) WITHOUT ROWID;
   CREATE INDEX saved_messages_by_time ON saved_messages (name_key, saved_at);`,
  // The messages that carry a file, for `has:file` alone: newest first without reading the others.
  `CREATE INDEX messages_with_files ON messages (id) WHERE file IS NOT NULL;`,
  // The rooms and DMs each person listed first as favourites, on all their
  // devices. A rowid table: a new row's rowid is above every other's, so
  // rowid order is the order they were marked in, in the same millisecond too.
  `CREATE TABLE room_favourites (
     name_key TEXT NOT NULL,
     room_id TEXT NOT NULL,
     PRIMARY KEY (name_key, room_id)
   );`,
  // When to remind the person of a message they saved, if they asked to be.
  `ALTER TABLE saved_messages ADD COLUMN remind_at INTEGER;`,
  // When a person's status clears itself, if they said ("until 15:30").
  `ALTER TABLE statuses ADD COLUMN clear_at INTEGER;
   CREATE INDEX statuses_clear_at ON statuses (clear_at) WHERE clear_at IS NOT NULL;`,
  // A message passed on from elsewhere, as it was then (JSON of a Forwarded).
  `ALTER TABLE messages ADD COLUMN forwarded TEXT;`,
  // Messages written to go out later, as their writer (with the rights they
  // had then: a moderator's may go where only moderators post).
  `CREATE TABLE scheduled_messages (
     id INTEGER PRIMARY KEY,
     name_key TEXT NOT NULL,
     author TEXT NOT NULL,
     moderator INTEGER NOT NULL,
     room_id TEXT NOT NULL,
     text TEXT NOT NULL,
     reply_to INTEGER,
     at INTEGER NOT NULL,
     failed TEXT
   );
   CREATE INDEX scheduled_messages_by_person ON scheduled_messages (name_key, at);
   CREATE INDEX scheduled_messages_due ON scheduled_messages (at) WHERE failed IS NULL;`,
  // The people each person ignores, by name key, with the name as they wrote it.
  // A rowid table: rowid order is the order they were ignored in.
  `CREATE TABLE ignored_people (
     name_key TEXT NOT NULL,
     ignored_key TEXT NOT NULL,
     ignored_name TEXT NOT NULL,
     PRIMARY KEY (name_key, ignored_key)
   );`,
  // A message's replies, for its thread. Partial: a message that answers none
  // (most of them) is never written to it, so a plain send costs no more.
  `CREATE INDEX messages_replies ON messages (reply_to, id) WHERE reply_to IS NOT NULL;`,
  // The DMs each person closed, until a message comes in one. By room too:
  // a message in a DM looks up who closed it.
  `CREATE TABLE hidden_dms (
     name_key TEXT NOT NULL,
     room_id TEXT NOT NULL,
     PRIMARY KEY (name_key, room_id)
   ) WITHOUT ROWID;
   CREATE INDEX hidden_dms_by_room ON hidden_dms (room_id);`,
  // Each name's profile picture: a small image, checked by its bytes, and its version.
  `CREATE TABLE profile_pictures (
     name_key TEXT PRIMARY KEY,
     type TEXT NOT NULL,
     bytes BLOB NOT NULL,
     version INTEGER NOT NULL
   ) WITHOUT ROWID;`,
  // How many messages, not deleted, answer each one: kept as replies come and
  // go, as counting them on every read cost a page of 50 out of a million
  // 221 ms where one message had 100,000 replies (bench/results/HISTORY.md).
  `ALTER TABLE messages ADD COLUMN replies INTEGER NOT NULL DEFAULT 0;
   UPDATE messages SET replies = (SELECT count(*) FROM messages r WHERE r.reply_to = messages.id AND r.deleted_at IS NULL)
     WHERE id IN (SELECT reply_to FROM messages WHERE reply_to IS NOT NULL);`,
]

/**
 * Opens (creating if needed) the database in `dataDir` and brings its schema
 * up to date. WAL mode: readers never wait for the writer, and a commit is in
 * the write-ahead log before a message is acknowledged, so it survives the
 * server process crashing. synchronous = NORMAL leaves the fsync to
 * checkpoints: a power cut may lose the last commits, never the file.
 * `schemaVersion` stops the migrations early: tests build a database as an
 * older version left it, then open it whole.
 */
export function openDatabase(dataDir: string, schemaVersion = MIGRATIONS.length): Db {
  try {
    mkdirSync(dataDir, { recursive: true })
    accessSync(dataDir, constants.W_OK)
  } catch (error) {
    throw new DataDirError(
      `data folder ${dataDir} is not writable (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    )
  }
  const db = new Database(join(dataDir, DATABASE_FILE))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  lendNameKey(db)
  migrate(db, schemaVersion)
  return db
}

function migrate(db: Db, upTo: number): void {
  const current = db.pragma('user_version', { simple: true }) as number
  for (let version = current; version < upTo; version++) {
    db.transaction(() => {
      const migration = MIGRATIONS[version]!
      if (typeof migration === 'string') db.exec(migration)
      else migration(db)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}

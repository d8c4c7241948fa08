import { statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { nameKey } from '../../protocol'
import { CHANGES_QUERY, createSqliteMessageStore } from '../../server/messages/sqlite-message-store'
import { BY_AUTHOR_QUERY, DAYS_QUERY, FILES_QUERY } from '../../server/messages/search-query'
import { createSqliteRoomStore } from '../../server/rooms/sqlite-room-store'
import { createSqliteReadMarks } from '../../server/messages/read-marks'
import { DATABASE_FILE, openDatabase, type Db } from '../../server/storage/database'
import { makeDataDir, waitUntil } from '../helpers/server'

const cleanups: Array<() => void> = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

/** A database in `dir` (a new one by default), its schema as of `schemaVersion` (the latest by default), and its rooms. */
function openRooms(dir?: string, schemaVersion?: number) {
  const data = dir ? { dir, remove: () => {} } : makeDataDir()
  const db = openDatabase(data.dir, schemaVersion)
  cleanups.push(() => {
    if (db.open) db.close()
    data.remove()
  })
  return { db, dir: data.dir, rooms: createSqliteRoomStore(db) }
}

/** The stores on a database in `dir` (a new one by default), its schema up to date. */
function openStore(dir?: string) {
  const opened = openRooms(dir)
  return { ...opened, messages: createSqliteMessageStore(opened.db) }
}

/** What another process reading the file sees: only committed rows. */
function committedTexts(dir: string): string[] {
  const reader = new Database(join(dir, DATABASE_FILE), { readonly: true })
  try {
    return reader
      .prepare<[], { text: string }>('SELECT text FROM messages ORDER BY id')
      .all()
      .map((row) => row.text)
  } finally {
    reader.close()
  }
}

/** A message stored as an older version stored it, by hand; its id. */
function insertMessage(db: Db, roomId: string, text: string, author = 'ada'): number {
  const insert = db.prepare('INSERT INTO messages (room_id, author, text, ts) VALUES (?, ?, ?, 0)')
  return Number(insert.run(roomId, author, text).lastInsertRowid)
}

const draft = (text: string, clientId: string | null = null) => ({ roomId: 'general', author: 'ada', text, clientId })

describe('message store: group commit', () => {
  it('commits appends made together in one go, each resolving with its stored message in order', async () => {
    const { dir, messages } = openStore()
    const stored = await Promise.all(['one', 'two', 'three'].map((text) => messages.append(draft(text))))
    expect(stored.map((message) => message.text)).toEqual(['one', 'two', 'three'])
    expect(stored[1]!.id).toBe(stored[0]!.id + 1)
    expect(stored[2]!.id).toBe(stored[1]!.id + 1)
    // Resolved means committed: a separate connection already sees every row.
    expect(committedTexts(dir)).toEqual(['one', 'two', 'three'])
  })

  it('rejects a failing write alone and commits the rest of its batch', async () => {
    const { dir, messages } = openStore()
    const results = await Promise.allSettled([
      messages.append(draft('before')),
      messages.append({ ...draft('to nowhere'), roomId: 'no-such-room' }),
      messages.append(draft('after')),
    ])
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(committedTexts(dir)).toEqual(['before', 'after'])
  })

  it('gives a retried clientId the message already stored, even within one batch', async () => {
    const { dir, messages } = openStore()
    const [first, retry] = await Promise.all([messages.append(draft('hi', 'c-1')), messages.append(draft('hi', 'c-1'))])
    expect(retry).toEqual(first)
    expect(committedTexts(dir)).toEqual(['hi'])
  })

  it('flush() commits what is waiting, so closing the database loses nothing', async () => {
    const { db, dir, messages } = openStore()
    const pending = messages.append(draft('last words'))
    messages.flush()
    db.close()
    await expect(pending).resolves.toMatchObject({ text: 'last words' })
    expect(committedTexts(dir)).toEqual(['last words'])
  })
})

describe('message store: checkpoints', () => {
  it('copies the log into the database file once writes pause, not inside a commit', async () => {
    const { dir, messages } = openStore()
    const file = join(dir, DATABASE_FILE)
    const before = statSync(file).size
    // 200 commits of their own: about 400 pages, below the 1,000 that make SQLite checkpoint inside a commit.
    for (let i = 0; i < 200; i++) await messages.append(draft(`m${i}`))
    expect(statSync(file).size).toBe(before)
    await waitUntil(() => statSync(file).size > before, 10_000, 'the idle checkpoint')
    expect(committedTexts(dir)).toHaveLength(200)
  })
})

describe('database migrations', () => {
  /** The schema Parley 0.1 created (user_version 1), with history in it. */
  function createVersion1(dir: string): void {
    const db: Db = new Database(join(dir, DATABASE_FILE))
    db.exec(`
      CREATE TABLE rooms (id TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('room', 'dm')), name TEXT NOT NULL,
        member_a TEXT, member_b TEXT, created_at INTEGER NOT NULL);
      CREATE UNIQUE INDEX rooms_dm_pair ON rooms (member_a, member_b) WHERE kind = 'dm';
      CREATE TABLE messages (id INTEGER PRIMARY KEY AUTOINCREMENT, room_id TEXT NOT NULL REFERENCES rooms (id),
        author TEXT NOT NULL, text TEXT NOT NULL, client_id TEXT, ts INTEGER NOT NULL);
      CREATE INDEX messages_room_id ON messages (room_id, id);
      CREATE UNIQUE INDEX messages_client_id ON messages (author, client_id) WHERE client_id IS NOT NULL;
      INSERT INTO rooms VALUES ('general', 'room', 'general', NULL, NULL, 1), ('dm:1', 'dm', 'Ann,bob', 'Ann', 'bob', 2);
      INSERT INTO messages (room_id, author, text, client_id, ts) VALUES
        ('general', 'ada', 'first', 'c-1', 1), ('general', 'bob', 'second', NULL, 2), ('general', 'ada', 'third', 'c-2', 3);
      PRAGMA user_version = 1;`)
    db.close()
  }

  it('upgrades a 0.1 database keeping its history, ids, idempotency and growing ids', async () => {
    const data = makeDataDir()
    createVersion1(data.dir)
    const { db, messages } = openStore(data.dir)
    cleanups.push(data.remove)
    expect(messages.page('general', { limit: 10 }).messages.map((m) => [m.id, m.author, m.text])).toEqual([
      [1, 'ada', 'first'],
      [2, 'bob', 'second'],
      [3, 'ada', 'third'],
    ])
    // A retry of an old send is still recognized, and new messages follow the old ones.
    expect((await messages.append(draft('first', 'c-1'))).id).toBe(1)
    expect((await messages.append(draft('fourth'))).id).toBe(4)
    const schema = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'messages'").get()!
    expect(schema.sql).not.toMatch(/AUTOINCREMENT/i)
  })

  it('finds a DM stored before names were compared in it by key, under any case of either name', () => {
    const data = makeDataDir()
    createVersion1(data.dir)
    const { rooms } = openStore(data.dir)
    cleanups.push(data.remove)
    const dm = { id: 'dm:1', kind: 'dm', name: 'Ann,bob', members: ['Ann', 'bob'] }
    expect(rooms.listDmsOf('ANN')).toEqual([dm])
    expect(rooms.listDmsOf('Bob')).toEqual([dm])
    expect(rooms.ensureDm('BOB', 'ann')).toEqual({ room: dm, created: false })
  })

  it('gives a private room made before owners were kept the person in it longest', () => {
    const { db, dir, rooms } = openRooms(undefined, 29)
    const lab = rooms.createPrivate('lab', 'Ann')
    rooms.addMember('Bob', [lab.id])
    const empty = rooms.createPrivate('empty', 'Cy')
    rooms.removeMember('Cy', empty.id)
    // As such a room was: no owner, and its first person with no time of coming in.
    db.exec(`UPDATE rooms SET created_by = NULL; UPDATE room_members SET added_at = NULL WHERE name_key = 'bob'`)
    db.close()
    const reopened = openStore(dir).rooms
    expect(reopened.get(lab.id)).toMatchObject({ owner: 'Bob', people: ['Ann', 'Bob'] })
    expect(reopened.get(empty.id)?.owner).toBeUndefined()
  })

  it('marks the rooms people joined before join marks as read up to the upgrade, keeping the marks they had', async () => {
    const { db, dir, rooms } = openRooms(undefined, 30)
    const lab = rooms.ensurePublic('lab')!.room
    const quiet = rooms.ensurePublic('quiet')!.room
    rooms.addMember('Ann', [lab.id, quiet.id])
    rooms.addMember('Bob', [lab.id])
    const first = insertMessage(db, lab.id, 'first')
    const newest = insertMessage(db, lab.id, 'second')
    // As the store of that version wrote it (today's reads a column added since).
    db.prepare('INSERT INTO read_marks (name_key, room_id, up_to) VALUES (?, ?, ?)').run(nameKey('Bob'), lab.id, first)
    db.close()
    const marks = createSqliteReadMarks(openStore(dir).db)
    expect(marks.of('Ann', [lab.id, quiet.id])).toEqual(
      new Map([
        [lab.id, { upTo: newest }],
        [quiet.id, { upTo: 0 }],
      ]),
    )
    expect(marks.markOf('Bob', lab.id)).toBe(first)
  })
})

describe('database migrations: who wrote what', () => {
  it('indexes the authors of messages already in the search index, and the indexer the rest', async () => {
    const { db, dir } = openRooms(undefined, 32)
    const byAnn = insertMessage(db, 'general', 'from before', 'Ann')
    const gone = insertMessage(db, 'general', 'deleted', 'ann')
    insertMessage(db, 'general', 'someone else', 'Bob')
    db.exec(`UPDATE messages SET deleted_at = 1 WHERE id = ${gone}`)
    // As the indexer left it: these three indexed, the next one stored after.
    db.exec(`UPDATE search_state SET indexed_upto = ${gone + 1}`)
    const later = insertMessage(db, 'general', 'not indexed yet', 'ANN')
    db.close()
    const { db: upgraded, messages } = openStore(dir)
    const found = await messages.search('', ['general'], { limit: 10, from: 'ann' })
    expect(found.messages.map((message) => message.id)).toEqual([later, byAnn])
    expect(upgraded.prepare('SELECT name_key, id FROM message_authors ORDER BY id').all()).toEqual([
      { name_key: 'ann', id: byAnn },
      { name_key: 'bob', id: gone + 1 },
      { name_key: 'ann', id: later },
    ])
  })
})

describe('database migrations: @room', () => {
  it('lets an @room written before moderators decided it notify everyone still', () => {
    const { db, dir } = openRooms(undefined, 33)
    const call = insertMessage(db, 'general', 'lunch @Room!')
    const plain = insertMessage(db, 'general', 'lunch at noon')
    db.close()
    const { messages } = openStore(dir)
    expect(messages.get(call)?.everyone).toBe(true)
    expect(messages.get(plain)?.everyone).toBeUndefined()
  })
})

describe('message store: reads', () => {
  it('counts unread messages only as far as asked, however many there are', async () => {
    const { messages } = openStore()
    const sent = await Promise.all(Array.from({ length: 10 }, (_, i) => messages.append(draft(`m${i}`))))
    expect(messages.unreadAfter('general', 0, 'someone else', 3)).toEqual({ count: 3, mentions: 0, upTo: sent[9]!.id })
    expect(messages.unreadAfter('general', sent[7]!.id, 'someone else', 3)).toEqual({
      count: 2,
      mentions: 0,
      upTo: sent[9]!.id,
    })
    expect(messages.unreadAfter('general', 0, 'ada', 3)).toEqual({ count: 0, mentions: 0, upTo: sent[9]!.id })
    // One's own under another case of the name, as after rejoining as `ADA`.
    expect(messages.unreadAfter('general', 0, 'ADA', 3)).toEqual({ count: 0, mentions: 0, upTo: sent[9]!.id })
  })

  it('finds one person’s messages through their own entries, not by reading every message in the rooms', () => {
    const { db } = openStore()
    const plan = db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${BY_AUTHOR_QUERY}`)
      .all('ann', 0, 1000, 0, 1e15, '["general"]', 0, 21)
      .map((step) => step.detail)
    expect(plan[0]).toMatch(/^SEARCH a USING PRIMARY KEY \(name_key=\? AND id>\? AND id<\?\)/)
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/)
  })

  it('finds every message with a file through the index of those, not by reading every message', () => {
    const { db } = openStore()
    const plan = db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${FILES_QUERY}`)
      .all(0, 1000, 0, 1e15, '["general"]', 21)
      .map((step) => step.detail)
    expect(plan[0]).toMatch(/^SEARCH messages USING (COVERING )?INDEX messages_with_files \(id>\? AND id<\?\)/)
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/)
  })

  it('finds a room’s messages sent in some days along the span of its ids they cover, not by reading every message', () => {
    const { db } = openStore()
    const plan = db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${DAYS_QUERY}`)
      .all('general', 500, 1000, 0, 1e15, 21)
      .map((step) => step.detail)
    expect(plan[0]).toMatch(/^SEARCH messages USING INDEX messages_room_id \(room_id=\? AND id>\? AND id<\?\)/)
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/)
  })

  it('catches up on changes through the index of changed messages, not by reading the whole room', () => {
    const { db } = openStore()
    // From change 0 SQLite finds the index by itself; from any later one, only with `rev > 0` written out.
    const plan = db
      .prepare<[string, number, number], { detail: string }>(`EXPLAIN QUERY PLAN ${CHANGES_QUERY}`)
      .all('general', 990, 101)
      .map((step) => step.detail)
    expect(plan[0]).toMatch(/USING INDEX messages_changes/)
  })

  it('reads how many answer each message from its row, not by counting them on every read', () => {
    const { db } = openStore()
    const plan = db
      .prepare<[string, number, number], { detail: string }>(`EXPLAIN QUERY PLAN ${CHANGES_QUERY}`)
      .all('general', 990, 101)
      .map((step) => step.detail)
    expect(plan.join('\n')).not.toMatch(/SUBQUERY/)
    // The quote, by its primary key.
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH q USING INTEGER PRIMARY KEY \(rowid=\?\)/))
  })

  it('keeps each message’s count of replies as they come, are sent again and go, and counts an older database’s', async () => {
    const { db, dir } = openRooms(undefined, 46)
    const root = insertMessage(db, 'general', 'who is in?')
    const answer = db.prepare(
      'INSERT INTO messages (room_id, author, text, ts, reply_to, deleted_at) VALUES (?, ?, ?, 0, ?, ?)',
    )
    answer.run('general', 'bob', 'me', root, null)
    answer.run('general', 'cy', 'me too', root, null)
    answer.run('general', 'dee', 'gone', root, 5)
    db.close()
    const { messages } = openStore(dir)
    // Counted as the database is brought up to date: the deleted one aside.
    expect(messages.get(root)!.replies).toBe(2)
    const reply = { roomId: 'general', author: 'eve', text: 'count me in', clientId: 'e-1', replyTo: root }
    const stored = await messages.append(reply)
    expect(stored.replyTo!.replies).toBe(3)
    // Sent again (its ack was lost): the same message, counted once.
    expect((await messages.append(reply)).id).toBe(stored.id)
    expect(messages.get(root)!.replies).toBe(3)
    messages.remove(stored.id)
    expect(messages.get(root)!.replies).toBe(2)
    // Deleting it again changes nothing.
    messages.remove(stored.id)
    expect(messages.get(root)!.replies).toBe(2)
  })
})

describe('room store', () => {
  it('serves rooms created after start-up, and none that do not exist', () => {
    const { rooms } = openStore()
    expect(rooms.get('lab')).toBeUndefined()
    const { room, created } = rooms.ensurePublic('lab')!
    expect(created).toBe(true)
    expect(rooms.get('lab')).toEqual(room)
    const dm = rooms.ensureDm('bob', 'ada')
    expect(rooms.get(dm.room.id)).toEqual({ id: dm.room.id, kind: 'dm', name: 'ada,bob', members: ['ada', 'bob'] })
  })

  it('keeps one DM per pair of people and lists it for each, whatever the case of their names', () => {
    const { rooms } = openStore()
    const first = rooms.ensureDm('Cleo', 'dev')
    expect(first.created).toBe(true)
    expect(rooms.ensureDm('DEV', 'cleo')).toEqual({ room: first.room, created: false })
    expect(rooms.listDmsOf('cleo')).toEqual([first.room])
    expect(rooms.listDmsOf('Ｄｅｖ')).toEqual([first.room])
    expect(rooms.listDmsOf('eve')).toEqual([])
  })
})

import { GENERAL_ROOM_ID, nameKey, type RemovedRoom, type Room } from '../../protocol'
import type { Db } from '../storage/database'
import type { RoomStore } from './room-store'

interface RoomRow {
  id: string
  kind: 'room' | 'dm'
  name: string
  member_a: string | null
  member_b: string | null
  topic: string | null
  private: 0 | 1
  moderators_post: 0 | 1
  slow_mode: number
  created_by: string | null
}

export function createSqliteRoomStore(db: Db): RoomStore {
  // A room a moderator removed is, to everything that asks, no room at all.
  const selectById = db.prepare<[string], RoomRow>('SELECT * FROM rooms WHERE id = ? AND removed_at IS NULL')
  const selectPublic = db.prepare<[], RoomRow>(
    `SELECT * FROM rooms WHERE kind = 'room' AND private = 0 AND removed_at IS NULL
     ORDER BY id <> '${GENERAL_ROOM_ID}', name`,
  )
  const markRemoved = db.prepare<[number, string, string]>(
    `UPDATE rooms SET removed_at = ?, removed_by = ?
     WHERE id = ? AND kind = 'room' AND private = 0 AND id <> '${GENERAL_ROOM_ID}'`,
  )
  const selectRemoved = db.prepare<[], { id: string; name: string; removed_at: number; removed_by: string | null }>(
    `SELECT id, name, removed_at, removed_by FROM rooms WHERE removed_at IS NOT NULL ORDER BY removed_at DESC, name`,
  )
  const markRestored = db.prepare<[string]>(
    'UPDATE rooms SET removed_at = NULL, removed_by = NULL WHERE id = ? AND removed_at IS NOT NULL',
  )
  const selectPrivateOf = db.prepare<[string], RoomRow>(
    `SELECT rooms.* FROM room_members JOIN rooms ON rooms.id = room_members.room_id
     WHERE room_members.name_key = ? AND rooms.private = 1 ORDER BY rooms.name, rooms.id`,
  )
  const selectPeople = db
    .prepare<[string], string>('SELECT coalesce(name, name_key) FROM room_members WHERE room_id = ? ORDER BY name_key')
    .pluck()
  const countPrivate = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM rooms WHERE private = 1')
  const insertPrivate = db.prepare<{ id: string; name: string; createdAt: number; createdBy: string }>(
    `INSERT INTO rooms (id, kind, name, private, created_at, created_by)
     VALUES (@id, 'room', @name, 1, @createdAt, @createdBy)`,
  )

  function toRoom(row: RoomRow): Room {
    if (row.kind === 'dm' && row.member_a !== null && row.member_b !== null) {
      return { id: row.id, kind: 'dm', name: row.name, members: [row.member_a, row.member_b] }
    }
    const topic = row.topic ? { topic: row.topic } : {}
    if (row.private === 1) {
      const owner = row.created_by === null ? {} : { owner: row.created_by }
      return { id: row.id, kind: 'private', name: row.name, people: selectPeople.all(row.id), ...owner, ...topic }
    }
    return {
      id: row.id,
      kind: 'room',
      name: row.name,
      ...topic,
      ...(row.moderators_post === 1 && { onlyModeratorsPost: true }),
      ...(row.slow_mode > 0 && { slowModeSeconds: row.slow_mode }),
    }
  }
  // People by name key, either way round: a DM stored before keys were may
  // hold its names in either order of their keys.
  const selectDm = db.prepare<{ a: string; b: string }, RoomRow>(
    `SELECT * FROM rooms WHERE kind = 'dm'
       AND ((member_a_key = @a AND member_b_key = @b) OR (member_a_key = @b AND member_b_key = @a))
     ORDER BY created_at LIMIT 1`,
  )
  const selectDmsOf = db.prepare<{ key: string }, RoomRow>(
    `SELECT * FROM rooms WHERE kind = 'dm' AND (member_a_key = @key OR member_b_key = @key) ORDER BY created_at`,
  )
  const insertRoom = db.prepare(
    `INSERT OR IGNORE INTO rooms (id, kind, name, member_a, member_b, member_a_key, member_b_key, created_at)
     VALUES (@id, @kind, @name, @a, @b, @aKey, @bKey, @createdAt)`,
  )
  const countDms = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM rooms WHERE kind = 'dm'`)
  const insertMember = db.prepare<[string, string, string, number]>(
    'INSERT OR IGNORE INTO room_members (name_key, room_id, name, added_at) VALUES (?, ?, ?, ?)',
  )
  const deleteMember = db.prepare<[string, string]>('DELETE FROM room_members WHERE name_key = ? AND room_id = ?')
  const selectOwner = db.prepare<[string], string | null>('SELECT created_by FROM rooms WHERE id = ?').pluck()
  // In longest: those in it before added_at was kept (null) first, then by when they came.
  const selectHeir = db
    .prepare<[string], string>(
      'SELECT coalesce(name, name_key) FROM room_members WHERE room_id = ? ORDER BY added_at, name_key LIMIT 1',
    )
    .pluck()
  const updateOwner = db.prepare<[string | null, string]>(
    'UPDATE rooms SET created_by = ? WHERE id = ? AND private = 1',
  )
  // A removed room keeps its people, for a restore, but is in nobody's list meanwhile.
  const selectRoomsOf = db
    .prepare<[string], string>(
      `SELECT room_id FROM room_members JOIN rooms ON rooms.id = room_members.room_id
       WHERE name_key = ? AND rooms.removed_at IS NULL`,
    )
    .pluck()
  const updateTopic = db.prepare<[string | null, string]>(`UPDATE rooms SET topic = ? WHERE id = ? AND kind = 'room'`)
  const updateSlowMode = db.prepare<[number, string]>(
    `UPDATE rooms SET slow_mode = ? WHERE id = ? AND kind = 'room' AND private = 0`,
  )
  const updatePosting = db.prepare<[number, string]>(
    `UPDATE rooms SET moderators_post = ? WHERE id = ? AND kind = 'room' AND private = 0`,
  )

  const publicRoom = (id: string) => ({ id, kind: 'room', name: id, a: null, b: null, aKey: null, bKey: null })
  insertRoom.run({ ...publicRoom(GENERAL_ROOM_ID), createdAt: Date.now() })

  // Every message send looks its room up; rooms are never deleted, and change
  // only through setTopic, setOnlyModeratorsPost and setSlowMode (and, for a private room,
  // its people coming and going), which drop the copy: once read, served from
  // memory.
  const known = new Map<string, Room>()
  const byId = (id: string): Room | undefined => {
    let room = known.get(id)
    if (room === undefined) {
      const row = selectById.get(id)
      if (row === undefined) return undefined
      room = toRoom(row)
      known.set(id, room)
    }
    return room
  }

  return {
    get: byId,
    listPublic: () => selectPublic.all().map(toRoom),
    ensurePublic(name) {
      const created = insertRoom.run({ ...publicRoom(name), createdAt: Date.now() }).changes > 0
      const room = byId(name)
      return room ? { room, created } : null
    },
    ensureDm: db.transaction((a: string, b: string) => {
      // One row per pair, whoever opens it: store the names in sorted order.
      const [first, second] = a < b ? [a, b] : [b, a]
      const existing = selectDm.get({ a: nameKey(first), b: nameKey(second) })
      if (existing) return { room: toRoom(existing), created: false }
      const id = `dm:${countDms.get()!.n + 1}`
      insertRoom.run({
        id,
        kind: 'dm',
        name: `${first},${second}`,
        a: first,
        b: second,
        aKey: nameKey(first),
        bKey: nameKey(second),
        createdAt: Date.now(),
      })
      // Not cached here: the transaction could still roll back.
      return { room: toRoom(selectById.get(id)!), created: true }
    }),
    listDmsOf: (name) => selectDmsOf.all({ key: nameKey(name) }).map(toRoom),
    createPrivate: db.transaction((name: string, creator: string) => {
      const id = `private:${countPrivate.get()!.n + 1}`
      insertPrivate.run({ id, name, createdAt: Date.now(), createdBy: creator })
      insertMember.run(nameKey(creator), id, creator, Date.now())
      // Not cached here: the transaction could still roll back.
      return toRoom(selectById.get(id)!)
    }),
    listPrivateOf: (name) => selectPrivateOf.all(nameKey(name)).map(toRoom),
    addMember: db.transaction((name: string, roomIds: string[]) =>
      roomIds.filter((roomId) => {
        const added = insertMember.run(nameKey(name), roomId, name, Date.now()).changes > 0
        if (added) known.delete(roomId)
        return added
      }),
    ),
    removeMember: db.transaction((name: string, roomId: string) => {
      deleteMember.run(nameKey(name), roomId)
      // A private room's owner who leaves hands it on, so someone can still take people out.
      const owner = selectOwner.get(roomId)
      if (owner != null && nameKey(owner) === nameKey(name)) updateOwner.run(selectHeir.get(roomId) ?? null, roomId)
      known.delete(roomId)
    }),
    setTopic(id, topic) {
      updateTopic.run(topic === '' ? null : topic, id)
      known.delete(id)
      return byId(id)!
    },
    setOnlyModeratorsPost(id, only) {
      updatePosting.run(only ? 1 : 0, id)
      known.delete(id)
      return byId(id)!
    },
    setSlowMode(id, seconds) {
      updateSlowMode.run(seconds, id)
      known.delete(id)
      return byId(id)!
    },
    remove(id, by) {
      markRemoved.run(Date.now(), by, id)
      known.delete(id)
    },
    listRemoved: () =>
      selectRemoved.all().map(({ id, name, removed_at, removed_by }): RemovedRoom => ({
        id,
        name,
        removedAt: removed_at,
        ...(removed_by !== null && { by: removed_by }),
      })),
    restore(id) {
      if (markRestored.run(id).changes === 0) return undefined
      return { room: byId(id)!, people: selectPeople.all(id) }
    },
    roomsOf: (name) => selectRoomsOf.all(nameKey(name)),
  }
}

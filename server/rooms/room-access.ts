import { mayPost, type AckError, type Room } from '../../protocol'
import type { ParleySocket } from '../socket/types'
import { PresenceRegistry } from '../presence/presence-registry'
import type { RoomStore } from './room-store'

/**
 * A DM's or private room's people by name key, worked out once per room
 * object: every send checks access, and a private room may hold hundreds.
 * The store never changes a room in place (a change makes a new object), so
 * a set kept per object cannot go stale.
 */
const peopleKeys = new WeakMap<Room, ReadonlySet<string>>()

/** Whether this person may read and write the room: everyone for public rooms, its people for the others. */
export function canAccess(room: Room, name: string): boolean {
  if (room.kind === 'room') return true
  let keys = peopleKeys.get(room)
  if (keys === undefined) {
    keys = new Set(((room.kind === 'dm' ? room.members : room.people) ?? []).map(PresenceRegistry.key))
    peopleKeys.set(room, keys)
  }
  return keys.has(PresenceRegistry.key(name))
}

/** The room, or the ack error that explains why this person cannot use it. */
export function findAccessibleRoom(rooms: RoomStore, roomId: string, name: string): Room | AckError {
  const room = rooms.get(roomId)
  // A DM or private room someone else holds is reported as missing, so ids reveal nothing.
  if (!room || !canAccess(room, name)) return { error: 'ROOM_NOT_FOUND', message: `No room "${roomId}"` }
  return room
}

/** Why this connection may not post (a message, a file) in a room it is in, or null if it may. */
export function postingRefusal(room: Room, socket: ParleySocket): AckError | null {
  if (!mayPost(room, socket.data.moderator === true)) {
    return { error: 'FORBIDDEN', message: `Only moderators post in #${room.name}` }
  }
  return null
}

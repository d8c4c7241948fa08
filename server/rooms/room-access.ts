import type { AckError, Room } from '../../protocol'
import { PresenceRegistry } from '../presence/presence-registry'
import type { RoomStore } from './room-store'

/** Whether this person may read and write the room: everyone for public rooms, its people for the others. */
export function canAccess(room: Room, name: string): boolean {
  if (room.kind === 'room') return true
  const key = PresenceRegistry.key(name)
  const people = room.kind === 'dm' ? room.members : room.people
  return people?.some((member) => PresenceRegistry.key(member) === key) ?? false
}

/** The room, or the ack error that explains why this person cannot use it. */
export function findAccessibleRoom(rooms: RoomStore, roomId: string, name: string): Room | AckError {
  const room = rooms.get(roomId)
  // A DM or private room someone else holds is reported as missing, so ids reveal nothing.
  if (!room || !canAccess(room, name)) return { error: 'ROOM_NOT_FOUND', message: `No room "${roomId}"` }
  return room
}

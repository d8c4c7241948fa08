import type { Room } from '../../protocol'

/** Where rooms live. The handlers depend on this, not on SQLite. */
export interface RoomStore {
  get(id: string): Room | undefined
  /** Public rooms, `general` first, then by name. */
  listPublic(): Room[]
  /** Creates the public room if it does not exist; returns it either way. */
  ensurePublic(name: string): { room: Room; created: boolean }
  /** The DM between two people, created on first use. */
  ensureDm(a: string, b: string): { room: Room; created: boolean }
  /** Every DM this person takes part in. */
  listDmsOf(name: string): Room[]
  /** Remembers that a person joined public rooms, so their next session, on any device, is in them again. */
  addMember(name: string, roomIds: string[]): void
  /** Forgets that a person joined a room. */
  removeMember(name: string, roomId: string): void
  /** The public rooms a person has joined. */
  roomsOf(name: string): string[]
  /** Sets a public room's topic ('' clears it); the room as it is now. */
  setTopic(id: string, topic: string): Room
}

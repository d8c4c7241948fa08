import type { RemovedRoom, Room } from '../../protocol'

/** Where rooms live. The handlers depend on this, not on SQLite. */
export interface RoomStore {
  get(id: string): Room | undefined
  /** Public rooms, `general` first, then by name. */
  listPublic(): Room[]
  /** Creates the public room if it does not exist; returns it either way, or null if a moderator removed a room of that name. */
  ensurePublic(name: string): { room: Room; created: boolean } | null
  /** The DM between two people, created on first use. */
  ensureDm(a: string, b: string): { room: Room; created: boolean }
  /** Every DM this person takes part in. */
  listDmsOf(name: string): Room[]
  /** A new private room with one person in it, its creator. */
  createPrivate(name: string, creator: string): Room
  /** The private rooms this person is in, by name. */
  listPrivateOf(name: string): Room[]
  /**
   * Remembers that a person joined rooms, so their next session, on any
   * device, is in them again. For a private room this is what lets them in.
   * Returns the rooms they were not in already.
   */
  addMember(name: string, roomIds: string[]): string[]
  /**
   * Forgets that a person joined a room; from a private room, that takes them
   * out, and if they owned it, whoever has been in it longest owns it now.
   */
  removeMember(name: string, roomId: string): void
  /** The rooms a person has joined, public and private. */
  roomsOf(name: string): string[]
  /** Sets a public or private room's topic ('' clears it); the room as it is now. */
  setTopic(id: string, topic: string): Room
  /** Sets whether only moderators post in a public room; the room as it is now. */
  setOnlyModeratorsPost(id: string, only: boolean): Room
  /** Sets a public room's slow mode, in seconds between one person's messages (0: off); the room as it is now. */
  setSlowMode(id: string, seconds: number): Room
  /**
   * Removes a public room: nobody reaches it or lists it, and its name is
   * taken. Its messages, files and people are kept for a restore.
   */
  remove(id: string, by: string): void
  /** The removed rooms, the latest first. */
  listRemoved(): RemovedRoom[]
  /** Brings a removed room back; with who was in it when it went, or undefined if it was not removed. */
  restore(id: string): { room: Room; people: string[] } | undefined
}

import type { ServerInfo } from '../protocol'
import type { MessageStore } from './messages/message-store'
import type { PresenceRegistry } from './presence/presence-registry'
import type { RoomStore } from './rooms/room-store'
import type { ParleyIo } from './socket/types'

/** What every domain's handlers share. */
export interface ServerContext {
  io: ParleyIo
  info: ServerInfo
  rooms: RoomStore
  messages: MessageStore
  presence: PresenceRegistry
  onError: (error: unknown) => void
}

/** The Socket.IO room that reaches every connection of one person. */
export function personalRoom(name: string): string {
  return `user:${name.normalize('NFKC').toLowerCase()}`
}

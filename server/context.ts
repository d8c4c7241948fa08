import type { ServerInfo } from '../protocol'
import type { FileStore } from './files/file-store'
import type { Removals } from './moderation/removals'
import type { SlowMode } from './rooms/slow-mode'
import type { MessageFanout } from './messages/message-fanout'
import type { MessageStore } from './messages/message-store'
import type { ReadMarkStore } from './messages/read-marks'
import type { LastSeenStore } from './presence/last-seen'
import type { StatusStore } from './presence/statuses'
import type { IgnoredPeopleStore } from './presence/ignored-people'
import type { PresenceFanout } from './presence/presence-fanout'
import type { TypingFanout } from './presence/typing-fanout'
import { PresenceRegistry } from './presence/presence-registry'
import type { RoomStore } from './rooms/room-store'
import type { DeviceLinks } from './session/device-links'
import type { HandlerOptions } from './socket/handle'
import type { RoomLevelStore } from './rooms/room-levels'
import type { RoomFavouriteStore } from './rooms/room-favourites'
import type { HiddenDmStore } from './rooms/hidden-dms'
import type { ProfilePictureStore } from './presence/profile-pictures'
import type { EmojiPrefsStore } from './session/emoji-prefs'
import type { RateLimits } from './socket/rate-limits'
import type { SavedMessageStore } from './messages/saved-messages'
import type { ParleyIo } from './socket/types'

/** What every domain's handlers share. */
export interface ServerContext {
  io: ParleyIo
  info: ServerInfo
  rooms: RoomStore
  messages: MessageStore
  readMarks: ReadMarkStore
  /** What each person saved for later. */
  saved: SavedMessageStore
  /** Each person's notification level for a room, on all their devices. */
  roomLevels: RoomLevelStore
  /** The rooms each person lists first, on all their devices. */
  roomFavourites: RoomFavouriteStore
  /** The DMs each person closed, until a message comes in one. */
  hiddenDms: HiddenDmStore
  /** Each name's profile picture. */
  pictures: ProfilePictureStore
  emojiPrefs: EmojiPrefsStore
  lastSeen: LastSeenStore
  statuses: StatusStore
  /** Whom each person ignores, on all their devices. */
  ignored: IgnoredPeopleStore
  files: FileStore
  messageFanout: MessageFanout
  presence: PresenceRegistry
  presenceFanout: PresenceFanout
  typingFanout: TypingFanout
  /** Devices linked to use one name at the same time. */
  devices: DeviceLinks
  /** The password that makes a connection a moderator; undefined when the server has none. */
  moderatorPassword: string | undefined
  /** People a moderator removed, kept out for a while. */
  removals: Removals
  /** When each person last posted in each room in slow mode. */
  slowMode: SlowMode
  onError: (error: unknown) => void
  limits: RateLimits
}

/** Options for a request handler: errors reported, requests (and sends, and searches) rate-limited. */
export function handlerOptions(
  ctx: ServerContext,
  kind: 'request' | 'send' | 'search' | 'chunk' | 'picture' = 'request',
): HandlerOptions {
  // A file is many chunks: they have their own limit, not a share of the requests'.
  if (kind === 'chunk') return { onError: ctx.onError, limiters: [ctx.limits.chunks] }
  const limiters = [ctx.limits.requests]
  if (kind === 'send') limiters.push(ctx.limits.sends)
  if (kind === 'search') limiters.push(ctx.limits.searches)
  if (kind === 'picture') limiters.push(ctx.limits.pictures)
  return { onError: ctx.onError, limiters }
}

/** The Socket.IO room that reaches every connection of one person. */
export function personalRoom(name: string): string {
  return `user:${PresenceRegistry.key(name)}`
}

import {
  addressedTo,
  excerpt,
  sameName,
  type DesktopNotification,
  type Message,
  type NotifyLevel,
  type Room,
  type ScheduledMessage,
} from '../../../protocol'
import { roomLabel } from '../stores/rooms'
import { readableText } from './action-message'

/**
 * The notification a new message deserves, or null. Someone else's message
 * notifies while the window is not focused (then no room is being looked
 * at), if the person's level lets it: every message, only DMs and messages
 * addressed to them (a mention, or a reply to one of theirs), or none.
 */
export function notificationFor(
  message: Message,
  room: Room | undefined,
  self: string,
  windowFocused: boolean,
  level: NotifyLevel,
): DesktopNotification | null {
  if (windowFocused || sameName(message.author, self) || level === 'none') return null
  if (level === 'mentions' && room?.kind !== 'dm' && !addressedTo(message, self)) return null
  return announce(message, room, self)
}

/** The start of what a message says, as announced; a file sent without words, by its name; one passed on without words, by what it passes on. */
export function gist(message: Message): string {
  if (message.text.trim() === '' && message.forwarded) return `↪ ${gist({ ...message.forwarded, clientId: null })}`
  return excerpt(
    message.text.trim() === '' && message.file ? `📎 ${message.file.name}` : readableText(message.author, message.text),
  )
}

/** Who wrote a message where: "Bob in #general", or the author alone where the room is not known. */
export function authorIn(message: Pick<Message, 'author'>, room: Room | undefined, self: string): string {
  return room ? `${message.author} in ${roomLabel(room, self)}` : message.author
}

/** A message announced: who wrote it where, and the start of what they wrote. */
function announce(message: Message, room: Room | undefined, self: string, heading = ''): DesktopNotification {
  return {
    title: heading + authorIn(message, room, self),
    body: gist(message),
    roomId: message.roomId,
    messageId: message.id,
  }
}

/** A saved message's reminder come due: asked for, so whatever the levels and the window's focus. */
export function reminderNotification(message: Message, room: Room | undefined, self: string): DesktopNotification {
  return announce(message, room, self, 'Reminder: ')
}

/**
 * A scheduled message that could not go at its time (its room removed, its
 * writer taken out): said at once, whatever the levels, as nothing else would
 * tell its writer it never went. A click opens the room it was meant for.
 */
export function scheduledFailureNotification(
  item: ScheduledMessage,
  room: Room | undefined,
  self: string,
): DesktopNotification {
  const where = room ? ` to ${roomLabel(room, self)}` : ''
  return {
    title: `Your scheduled message${where} was not sent`,
    body: `${item.failed ?? ''} · ${excerpt(item.text)}`,
    roomId: item.roomId,
  }
}

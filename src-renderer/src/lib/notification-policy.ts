import {
  addressedTo,
  excerpt,
  sameName,
  type DesktopNotification,
  type Message,
  type NotifyLevel,
  type Room,
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
  return {
    title: room ? `${message.author} in ${roomLabel(room, self)}` : message.author,
    // A file sent without words is announced by its name.
    body: excerpt(
      message.text.trim() === '' && message.file
        ? `📎 ${message.file.name}`
        : readableText(message.author, message.text),
    ),
    roomId: message.roomId,
    messageId: message.id,
  }
}

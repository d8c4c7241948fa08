import type { DesktopNotification, Message, NotifyLevel, Room } from '../../../protocol'
import { roomLabel } from '../stores/rooms'
import { mentions } from './mentions'

/**
 * The notification a new message deserves, or null. Someone else's message
 * notifies while the window is not focused (then no room is being looked
 * at), if the person's level lets it: every message, only DMs and messages
 * that mention them, or none.
 */
export function notificationFor(
  message: Message,
  room: Room | undefined,
  self: string,
  windowFocused: boolean,
  level: NotifyLevel,
): DesktopNotification | null {
  if (windowFocused || message.author === self || level === 'none') return null
  if (level === 'mentions' && room?.kind !== 'dm' && !mentions(message.text, self)) return null
  return {
    title: room ? `${message.author} in ${roomLabel(room, self)}` : message.author,
    body: message.text.length > 200 ? `${message.text.slice(0, 199)}…` : message.text,
    roomId: message.roomId,
  }
}

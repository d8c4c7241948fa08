import type { DesktopNotification, Message, Room } from '../../../protocol'
import { roomLabel } from '../stores/rooms'

/**
 * The notification a new message deserves, or null. Someone else's message
 * notifies while the window is not focused: then no room is being looked at.
 */
export function notificationFor(
  message: Message,
  room: Room | undefined,
  self: string,
  windowFocused: boolean,
): DesktopNotification | null {
  if (windowFocused || message.author === self) return null
  return {
    title: room ? `${message.author} in ${roomLabel(room, self)}` : message.author,
    body: message.text.length > 200 ? `${message.text.slice(0, 199)}…` : message.text,
    roomId: message.roomId,
  }
}

import { nameKey, type Message, type Room } from '../../protocol'
import { dmHideSchema } from '../../protocol/schemas'
import { handlerOptions, personalRoom, type ServerContext } from '../context'
import { requestListener, type RequestListeners } from '../socket/handle'
import { findAccessibleRoom } from './room-access'

/** Closing a DM: each person's own list, on all their devices; the other person is never told. */
export function hiddenDmHandlers(ctx: ServerContext): RequestListeners {
  return {
    'dm:hide': requestListener(
      dmHideSchema,
      (socket, { roomId, hidden }) => {
        const name = socket.data.name!
        const found = findAccessibleRoom(ctx.rooms, roomId, name)
        if ('error' in found) return found
        if (found.kind !== 'dm') {
          return { error: 'FORBIDDEN', message: `Only a conversation can be closed: leave #${found.name} instead` }
        }
        ctx.hiddenDms.set(name, found.id, hidden)
        // This device has the ack; the person's others follow at once.
        socket.to(personalRoom(name)).emit('dm:hidden', { roomId: found.id, hidden })
        return { data: null }
      },
      handlerOptions(ctx),
    ),
  }
}

/**
 * A message in a DM opens it again for whoever closed it, on all their
 * devices, unless they ignore its author: a message they would not see
 * brings back nothing. Its author's own closing ends too (a scheduled
 * message going out, or one written from another device).
 */
export function reopenForMessage(ctx: ServerContext, room: Room, message: Message): void {
  if (room.kind !== 'dm') return
  const author = nameKey(message.author)
  for (const key of ctx.hiddenDms.closedBy(message.roomId)) {
    if (key !== author && ctx.ignored.keysOf(key).includes(author)) continue
    ctx.hiddenDms.set(key, message.roomId, false)
    ctx.io.to(personalRoom(key)).emit('dm:hidden', { roomId: message.roomId, hidden: false })
  }
}

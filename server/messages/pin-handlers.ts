import { LIMITS } from '../../protocol'
import { pinRequestSchema, pinsRequestSchema } from '../../protocol/schemas'
import { handlerOptions, type ServerContext } from '../context'
import { findAccessibleRoom, postingRefusal } from '../rooms/room-access'
import { requestListener, type RequestListeners } from '../socket/handle'
import { messageHere } from './message-handlers'

/** Messages pinned to their room: anyone in the room may pin or unpin, as anyone may set its topic. */
export function pinHandlers(ctx: ServerContext): RequestListeners {
  return {
    'message:pin': requestListener(
      pinRequestSchema,
      (socket, { id, pinned }) => {
        const found = messageHere(ctx, socket, id, false)
        if ('error' in found) return found
        if (found.deletedAt !== undefined) return { error: 'MESSAGE_NOT_FOUND', message: 'This message was deleted' }
        // Where only moderators post, what is pinned is theirs to choose too.
        const refused = postingRefusal(ctx.rooms.get(found.roomId)!, socket)
        if (refused) return refused
        // As asked already: a retry whose first ack was lost, or two people at once.
        if ((found.pinned !== undefined) === pinned) return { data: found }
        if (pinned && ctx.messages.pinnedCount(found.roomId) >= LIMITS.pinsPerRoomMax) {
          return {
            error: 'INVALID_PAYLOAD',
            message: `A room keeps at most ${LIMITS.pinsPerRoomMax} pinned messages: unpin one first`,
          }
        }
        const changed = ctx.messages.setPinned(id, pinned ? socket.data.name! : null)
        ctx.messageFanout.publishChange(socket, changed)
        return { data: changed }
      },
      handlerOptions(ctx, 'send'),
    ),

    'message:pins': requestListener(
      pinsRequestSchema,
      (socket, { roomId }) => {
        const found = findAccessibleRoom(ctx.rooms, roomId, socket.data.name!)
        if ('error' in found) return found
        return { data: ctx.messages.pinned(found.id, LIMITS.pinsPerRoomMax) }
      },
      handlerOptions(ctx),
    ),
  }
}

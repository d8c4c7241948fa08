import { LIMITS } from '../../protocol'
import { historyRequestSchema, sendRequestSchema } from '../../protocol/schemas'
import { handlerOptions, type ServerContext } from '../context'
import { findAccessibleRoom } from '../rooms/room-access'
import { requestListener, type RequestListeners } from '../socket/handle'

export function messageHandlers(ctx: ServerContext): RequestListeners {
  return {
    'message:send': requestListener(
      sendRequestSchema,
      async (socket, { roomId, text, clientId }) => {
        const author = socket.data.name!
        const found = findAccessibleRoom(ctx.rooms, roomId, author)
        if ('error' in found) return found
        if (!socket.rooms.has(found.id)) {
          return { error: 'FORBIDDEN', message: `Join #${found.name} before writing to it` }
        }
        // The store resolves once committed, so an ack always means "stored".
        const message = await ctx.messages.append({ roomId: found.id, author, text, clientId: clientId ?? null })
        ctx.messageFanout.publish(socket, message)
        return { data: message }
      },
      handlerOptions(ctx, 'send'),
    ),

    'message:history': requestListener(
      historyRequestSchema,
      (socket, { roomId, before, after, limit }) => {
        const found = findAccessibleRoom(ctx.rooms, roomId, socket.data.name!)
        if ('error' in found) return found
        return { data: ctx.messages.page(found.id, { before, after, limit: limit ?? LIMITS.historyPageDefault }) }
      },
      handlerOptions(ctx),
    ),
  }
}

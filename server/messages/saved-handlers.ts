import { z } from 'zod'
import { LIMITS, type SavedMessage } from '../../protocol'
import { saveRequestSchema } from '../../protocol/schemas'
import { handlerOptions, personalRoom, type ServerContext } from '../context'
import { findAccessibleRoom } from '../rooms/room-access'
import { requestListener, type RequestListeners } from '../socket/handle'

/** Messages saved for later: each person's own list, across rooms, on all their devices. */
export function savedHandlers(ctx: ServerContext): RequestListeners {
  return {
    'message:save': requestListener(
      saveRequestSchema,
      (socket, { id, saved }) => {
        const name = socket.data.name!
        // Any message this person can read, in a room they are in or not (a public room left since).
        const found = ctx.messages.get(id)
        if (!found || 'error' in findAccessibleRoom(ctx.rooms, found.roomId, name)) {
          return { error: 'MESSAGE_NOT_FOUND', message: `No message ${id}` }
        }
        // Letting go of one deleted since is always allowed; saving it is not.
        if (saved && found.deletedAt !== undefined)
          return { error: 'MESSAGE_NOT_FOUND', message: 'This message was deleted' }
        const already = ctx.saved.savedAt(name, id)
        if (saved && already === undefined && ctx.saved.count(name) >= LIMITS.savedPerPersonMax) {
          return {
            error: 'INVALID_PAYLOAD',
            message: `You can keep at most ${LIMITS.savedPerPersonMax} saved messages: let one go first`,
          }
        }
        let savedAt: number | null = null
        if (saved) savedAt = ctx.saved.save(name, id, Date.now())
        else ctx.saved.unsave(name, id)
        const change = { message: found, savedAt }
        if ((already !== undefined) !== saved) socket.to(personalRoom(name)).emit('saved:changed', change)
        return { data: change }
      },
      handlerOptions(ctx),
    ),

    'message:saved': requestListener(
      z.strictObject({}),
      (socket) => {
        const name = socket.data.name!
        const list: SavedMessage[] = []
        for (const { id, savedAt } of ctx.saved.list(name, LIMITS.savedPerPersonMax)) {
          const message = ctx.messages.get(id)
          const readable =
            message !== undefined &&
            message.deletedAt === undefined &&
            !('error' in findAccessibleRoom(ctx.rooms, message.roomId, name))
          // Deleted since, or in a room this person can no longer read: let go, so it counts no more.
          if (readable) list.push({ message, savedAt })
          else ctx.saved.unsave(name, id)
        }
        return { data: list }
      },
      handlerOptions(ctx),
    ),
  }
}

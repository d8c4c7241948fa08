import { z } from 'zod'
import { describeRemovalMinutes, sameName, type AckError } from '../../protocol'
import { liftRequestSchema, removeRequestSchema } from '../../protocol/schemas'
import { handlerOptions, type ServerContext } from '../context'
import { requestListener, type RequestListeners } from '../socket/handle'
import type { ParleySocket } from '../socket/types'

/** The Socket.IO room of every moderator's connection: where changes to the removals go. */
export const MODERATORS_ROOM = 'moderators'

const notModerator: AckError = { error: 'FORBIDDEN', message: 'Only moderators can remove people' }

export function moderationHandlers(ctx: ServerContext): RequestListeners {
  const announce = (): void => void ctx.io.to(MODERATORS_ROOM).emit('moderation:removals', ctx.removals.list())
  const moderates = (socket: ParleySocket): boolean => socket.data.moderator === true

  return {
    'moderation:remove': requestListener(
      removeRequestSchema,
      (socket, { name, minutes }) => {
        if (!moderates(socket)) return notModerator
        const by = socket.data.name!
        if (sameName(name, by)) return { error: 'FORBIDDEN', message: 'You cannot remove yourself' }
        const connections = ctx.presence.connectionsOf(name)
        if (connections.length === 0) return { error: 'USER_NOT_FOUND', message: `${name} is not online` }
        // Never the moderator's own device or address: a shared computer or browser must not lock them out.
        const devices = connections.map(([, holder]) => holder.device).filter((device) => device !== socket.data.device)
        const addresses = connections
          .map(([other]) => other.handshake.address)
          .filter((address) => address !== socket.handshake.address)
        const spelled = ctx.presence.spelling(name) ?? name
        const removal = ctx.removals.remove({ name: spelled, devices, addresses }, by, Date.now() + minutes * 60_000)
        const reason = `A moderator (${by}) removed you from this server for ${describeRemovalMinutes(minutes)}.`
        for (const [other] of connections) {
          // Its disconnect releases the name and tells everyone, as any leaving does.
          other.emit('session:ended', { reason })
          other.disconnect(true)
        }
        announce()
        return { data: removal }
      },
      handlerOptions(ctx),
    ),

    'moderation:lift': requestListener(
      liftRequestSchema,
      (socket, { name }) => {
        if (!moderates(socket)) return notModerator
        if (!ctx.removals.lift(name)) return { error: 'USER_NOT_FOUND', message: `${name} is not removed` }
        announce()
        return { data: ctx.removals.list() }
      },
      handlerOptions(ctx),
    ),

    'moderation:removals': requestListener(
      z.strictObject({}),
      (socket) => (moderates(socket) ? { data: ctx.removals.list() } : notModerator),
      handlerOptions(ctx),
    ),

    'moderation:removed-rooms': requestListener(
      z.strictObject({}),
      (socket) =>
        moderates(socket)
          ? { data: ctx.rooms.listRemoved() }
          : { error: 'FORBIDDEN', message: 'Only moderators see removed rooms' },
      handlerOptions(ctx),
    ),
  }
}

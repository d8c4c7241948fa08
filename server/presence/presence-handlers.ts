import { pingRequestSchema, typingRequestSchema } from '../../protocol/schemas'
import { handlerOptions, type ServerContext } from '../context'
import { bindRequest } from '../socket/handle'
import type { ParleySocket } from '../socket/types'
import { transportOf } from './presence-registry'

export function registerPresenceHandlers(ctx: ServerContext, socket: ParleySocket): void {
  bindRequest(
    socket,
    'typing:set',
    typingRequestSchema,
    ({ roomId, typing }) => {
      if (!socket.rooms.has(roomId)) return { error: 'FORBIDDEN', message: `Not in room "${roomId}"` }
      socket.to(roomId).emit('typing:changed', { roomId, name: socket.data.name!, typing })
      return { data: null }
    },
    handlerOptions(ctx),
  )

  bindRequest(
    socket,
    'session:ping',
    pingRequestSchema,
    ({ sentAt }) => ({ data: { sentAt, serverTime: Date.now() } }),
    { ...handlerOptions(ctx), requiresSession: false },
  )

  // Everyone sees everyone's transport: it changes once on the upgrade from
  // polling, and again only with a new connection.
  socket.conn.on('upgrade', () => {
    const name = socket.data.name
    if (name !== undefined && ctx.presence.find(name)) {
      ctx.presenceFanout.updated({ name, transport: transportOf(socket) })
    }
  })

  socket.on('disconnect', () => {
    const name = socket.data.name
    if (name !== undefined && ctx.presence.release(name, socket)) {
      ctx.presenceFanout.left(name)
    }
  })
}

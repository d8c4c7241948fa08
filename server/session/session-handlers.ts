import { GENERAL_ROOM_ID, type JoinResult } from '../../protocol'
import { joinRequestSchema } from '../../protocol/schemas'
import { handlerOptions, personalRoom, type ServerContext } from '../context'
import { canAccess } from '../rooms/room-access'
import { requestListener, type RequestListeners } from '../socket/handle'

export function sessionHandlers(ctx: ServerContext): RequestListeners {
  return {
    'session:join': requestListener(
      joinRequestSchema,
      async (socket, { name, token, rooms: requested = [] }) => {
        const already = socket.data.name
        // A repeated join (its first ack lost to the network) gets the same answer again.
        if (already !== undefined && (already !== name || socket.data.token !== token)) {
          return { error: 'ALREADY_JOINED', message: `Already joined as ${already}` }
        }
        const claim = already !== undefined ? { ok: true as const } : ctx.presence.claim(name, token, socket)
        if (!claim.ok) return { error: 'NAME_TAKEN', message: `The name "${name}" is taken by someone online` }
        if (claim.replaced) {
          // The same person on a new connection: retire the old one quietly.
          claim.replaced.data.name = undefined
          claim.replaced.disconnect(true)
        }
        socket.data.name = name
        socket.data.token = token

        const dms = ctx.rooms.listDmsOf(name)
        const rejoin = requested
          .map((id) => ctx.rooms.get(id))
          .filter((room) => room !== undefined && canAccess(room, name))
          .map((room) => room!.id)
        // A session from before the server remembered its rooms: they are remembered now.
        ctx.rooms.addMember(
          name,
          rejoin.filter((id) => ctx.rooms.get(id)?.kind === 'room'),
        )
        // The rooms this person joined on any device, as well as this tab's.
        const joinedRoomIds = [
          ...new Set([GENERAL_ROOM_ID, ...dms.map((dm) => dm.id), ...ctx.rooms.roomsOf(name), ...rejoin]),
        ]
        await socket.join([personalRoom(name), ...joinedRoomIds])

        const self = ctx.presence.find(name)!
        if (already === undefined) {
          if (claim.replaced) ctx.presenceFanout.updated(self, socket)
          else ctx.presenceFanout.joined(self, socket)
        }

        const result: JoinResult = {
          name,
          rooms: [...ctx.rooms.listPublic(), ...dms],
          joinedRoomIds,
          members: ctx.presence.members(),
          server: ctx.info,
        }
        return { data: result }
      },
      { ...handlerOptions(ctx), requiresSession: false },
    ),
  }
}

import { RateLimiterMemory } from 'rate-limiter-flexible'
import { z } from 'zod'
import { GENERAL_ROOM_ID, LIMITS, sameName, type AckError, type JoinResult } from '../../protocol'
import { joinRequestSchema } from '../../protocol/schemas'
import { handlerOptions, personalRoom, type ServerContext } from '../context'
import { canAccess } from '../rooms/room-access'
import { samePassword } from '../socket/access-control'
import { requestListener, type RequestListeners } from '../socket/handle'

export function sessionHandlers(ctx: ServerContext): RequestListeners {
  // Per address, as for passwords: a code cannot be guessed over the LAN.
  const wrongCodes = new RateLimiterMemory({ points: LIMITS.linkCodeAttemptsPerMinute, duration: 60 })

  // As for passwords too: the moderator password cannot be guessed over the LAN.
  const wrongModeratorPasswords = new RateLimiterMemory({ points: LIMITS.passwordAttemptsPerMinute, duration: 60 })

  /** Whether `given` is the moderator password, or why it is refused. */
  async function moderates(address: string, given: string): Promise<AckError | null> {
    if (ctx.moderatorPassword === undefined) {
      return { error: 'FORBIDDEN', message: 'This server has no moderators' }
    }
    const tried = await wrongModeratorPasswords.get(address)
    if (tried && tried.remainingPoints <= 0) {
      const retryAfterMs = tried.msBeforeNext
      const message = `Too many wrong moderator passwords: try again in ${Math.ceil(retryAfterMs / 1000)} s`
      return { error: 'RATE_LIMITED', message, retryAfterMs }
    }
    if (samePassword(given, ctx.moderatorPassword)) return null
    await wrongModeratorPasswords.consume(address).catch(() => {})
    return { error: 'FORBIDDEN', message: 'Wrong moderator password' }
  }

  /** Links this device to the one that showed `code`, or says why not. */
  async function redeem(address: string, name: string, code: string, device: string): Promise<AckError | null> {
    const tried = await wrongCodes.get(address)
    if (tried && tried.remainingPoints <= 0) {
      const retryAfterMs = tried.msBeforeNext
      const message = `Too many wrong codes: try again in ${Math.ceil(retryAfterMs / 1000)} s`
      return { error: 'RATE_LIMITED', message, retryAfterMs }
    }
    if (ctx.devices.redeem(name, code, device)) return null
    await wrongCodes.consume(address).catch(() => {})
    return {
      error: 'FORBIDDEN',
      message: 'That code is wrong, used or expired: make a new one with "Add a device" on your other device',
    }
  }

  return {
    'session:join': requestListener(
      joinRequestSchema,
      async (socket, { name: typed, token, device = token, rooms: requested = [], linkCode, moderatorPassword }) => {
        const already = socket.data.name
        // A repeated join (its first ack lost to the network) gets the same answer again.
        if (already !== undefined && (!sameName(already, typed) || socket.data.token !== token)) {
          return { error: 'ALREADY_JOINED', message: `Already joined as ${already}` }
        }
        // Checked before the name is claimed: a refusal leaves nothing behind.
        if (already === undefined && moderatorPassword !== undefined) {
          const refused = await moderates(socket.handshake.address, moderatorPassword)
          if (refused) return refused
        }
        if (already === undefined && linkCode !== undefined) {
          const refused = await redeem(socket.handshake.address, typed, linkCode, device)
          if (refused) return refused
        }
        const claim =
          already !== undefined
            ? { ok: true as const, joined: false }
            : ctx.presence.claim(typed, { token, device }, socket, ctx.devices.linked)
        if (!claim.ok) {
          const message = `The name "${typed}" is taken by someone online. If that is you on another device, add this one with a code from "Add a device" there.`
          return { error: 'NAME_TAKEN', message }
        }
        if (claim.replaced) {
          // The same device on a new connection: retire the old one quietly.
          claim.replaced.data.name = undefined
          claim.replaced.disconnect(true)
        }
        // Another device of someone online takes the name as they spell it.
        const name = ctx.presence.spelling(typed) ?? typed
        socket.data.name = name
        socket.data.token = token
        // Only a first join is checked: a repeated one changes neither the device nor who moderates.
        if (already === undefined) {
          socket.data.device = device
          if (moderatorPassword !== undefined) socket.data.moderator = true
        }

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
          if (claim.joined) ctx.presenceFanout.joined(self, socket)
          else ctx.presenceFanout.updated(self, socket)
        }

        const result: JoinResult = {
          name,
          rooms: [...ctx.rooms.listPublic(), ...dms],
          joinedRoomIds,
          members: ctx.presence.members(),
          server: ctx.info,
          ...(socket.data.moderator && { moderator: true }),
        }
        return { data: result }
      },
      { ...handlerOptions(ctx), requiresSession: false },
    ),

    'session:link': requestListener(
      z.strictObject({}),
      (socket) => ({ data: ctx.devices.issue(socket.data.name!, socket.data.device!) }),
      handlerOptions(ctx),
    ),

    'session:unlink': requestListener(
      z.strictObject({}),
      (socket) => {
        const device = socket.data.device!
        ctx.devices.unlinkOthers(device)
        let signedOut = 0
        for (const [other, holder] of ctx.presence.connectionsOf(socket.data.name!)) {
          if (holder.device === device) continue
          // Its disconnect releases the name as any leaving does; the person stays online here.
          other.emit('session:ended', { reason: 'Signed out from another of your devices' })
          other.disconnect(true)
          signedOut++
        }
        return { data: { signedOut } }
      },
      handlerOptions(ctx),
    ),
  }
}

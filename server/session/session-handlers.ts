import { z } from 'zod'
import { GENERAL_ROOM_ID, LIMITS, removalNotice, sameName, type AckError, type JoinResult } from '../../protocol'
import { joinRequestSchema } from '../../protocol/schemas'
import { handlerOptions, personalRoom, type ServerContext } from '../context'
import { MODERATORS_ROOM } from '../moderation/moderation-handlers'
import { canAccess } from '../rooms/room-access'
import { samePassword } from '../socket/access-control'
import { requestListener, type RequestListeners } from '../socket/handle'
import { wrongGuesses, type WrongGuesses } from '../socket/wrong-guesses'

/**
 * One guess at a secret: null when `right()`, else why not. After too many
 * wrong ones from the address, even the right one is refused for a while.
 */
async function guess(
  guesses: WrongGuesses,
  address: string,
  right: () => boolean,
  { tooMany, wrong }: { tooMany: string; wrong: string },
): Promise<AckError | null> {
  const retryAfterMs = await guesses.waitMs(address)
  if (retryAfterMs > 0) {
    const message = `${tooMany}: try again in ${Math.ceil(retryAfterMs / 1000)} s`
    return { error: 'RATE_LIMITED', message, retryAfterMs }
  }
  if (right()) return null
  await guesses.missed(address)
  return { error: 'FORBIDDEN', message: wrong }
}

export function sessionHandlers(ctx: ServerContext): RequestListeners {
  // Per address, as for the server password: neither can be guessed over the LAN.
  const wrongCodes = wrongGuesses(LIMITS.linkCodeAttemptsPerMinute)
  const wrongModeratorPasswords = wrongGuesses(LIMITS.passwordAttemptsPerMinute)

  /** Whether `given` is the moderator password, or why it is refused. */
  function moderates(address: string, given: string): Promise<AckError | null> {
    const expected = ctx.moderatorPassword
    if (expected === undefined) return Promise.resolve({ error: 'FORBIDDEN', message: 'This server has no moderators' })
    return guess(wrongModeratorPasswords, address, () => samePassword(given, expected), {
      tooMany: 'Too many wrong moderator passwords',
      wrong: 'Wrong moderator password',
    })
  }

  /** Links this device to the one that showed `code`, or says why not. */
  function redeem(address: string, name: string, code: string, device: string): Promise<AckError | null> {
    return guess(wrongCodes, address, () => ctx.devices.redeem(name, code, device), {
      tooMany: 'Too many wrong codes',
      wrong: 'That code is wrong, used or expired: make a new one with "Add a device" on your other device',
    })
  }

  return {
    'session:join': requestListener(
      joinRequestSchema,
      async (
        socket,
        { name: typed, token, device = token, rooms: requested = [], linkCode, moderatorPassword, away },
      ) => {
        const already = socket.data.name
        // A repeated join (its first ack lost to the network) gets the same answer again.
        if (already !== undefined && (!sameName(already, typed) || socket.data.token !== token)) {
          return { error: 'ALREADY_JOINED', message: `Already joined as ${already}` }
        }
        // Checked before the name is claimed: a refusal leaves nothing behind.
        if (already === undefined) {
          const removal = ctx.removals.barring({ name: typed, device, address: socket.handshake.address })
          if (removal) return { error: 'FORBIDDEN', message: removalNotice(removal, Date.now()) }
        }
        if (already === undefined && moderatorPassword !== undefined) {
          const refused = await moderates(socket.handshake.address, moderatorPassword)
          if (refused) return refused
        }
        if (already === undefined && linkCode !== undefined) {
          const refused = await redeem(socket.handshake.address, typed, linkCode, device)
          if (refused) return refused
        }
        // Read as the name is claimed: the others' first sight of this connection says whether it is away.
        if (already === undefined) socket.data.away = away === true
        const claim =
          already !== undefined
            ? { ok: true as const, joined: false }
            : ctx.presence.claim(typed, { token, device }, socket, ctx.devices.linked)
        if (!claim.ok) {
          const message = `The name "${typed}" is taken by someone online. If that is you on another device, add this one with a code from "Add a device" there.`
          return { error: 'NAME_TAKEN', message }
        }
        if (claim.joined) {
          // Back online: with the status they left. Seen now: if the server
          // dies before they leave, this is when they were last seen.
          ctx.presence.setStatus(typed, ctx.statuses.of(typed))
          ctx.lastSeen.note(typed, Date.now())
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
        const moderating = socket.data.moderator === true

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
        await socket.join([personalRoom(name), ...joinedRoomIds, ...(moderating ? [MODERATORS_ROOM] : [])])

        const self = ctx.presence.find(name)!
        if (already === undefined) {
          if (claim.joined) ctx.presenceFanout.joined(self, socket)
          else ctx.presenceFanout.updated(self, socket)
        }

        const emojiPrefs = ctx.emojiPrefs.of(name)
        const ignored = ctx.ignored.of(name)
        const hiddenDms = ctx.hiddenDms.of(name)
        const pictures = ctx.pictures.versions()
        const rooms = [...ctx.rooms.listPublic(), ...ctx.rooms.listPrivateOf(name), ...dms]
        // A favourite this person can no longer read (taken out, removed) waits unlisted, in case it comes back.
        const listed = new Set(rooms.map((room) => room.id))
        const result: JoinResult = {
          name,
          rooms,
          joinedRoomIds,
          members: ctx.presence.members(),
          server: ctx.info,
          sharesLastSeen: ctx.lastSeen.shares(name),
          roomLevels: ctx.roomLevels.of(name),
          favourites: ctx.roomFavourites.of(name).filter((roomId) => listed.has(roomId)),
          ...(emojiPrefs && { emojiPrefs }),
          ...(ignored.length > 0 && { ignored }),
          ...(hiddenDms.length > 0 && { hiddenDms }),
          ...(pictures && { pictures }),
          ...(moderating && { moderator: true }),
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

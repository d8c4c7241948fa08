import {
  dmOpenSchema,
  roomCreateSchema,
  roomInviteSchema,
  roomFavouriteSchema,
  favouritesOrderSchema,
  roomJoinSchema,
  roomNotifySchema,
  roomPostingSchema,
  roomTopicSchema,
  slowModeRequestSchema,
} from '../../protocol/schemas'
import { GENERAL_ROOM_ID, sameName, type AckError, type Room } from '../../protocol'
import { handlerOptions, personalRoom, type ServerContext } from '../context'
import { requestListener, type RequestListeners } from '../socket/handle'
import type { ParleySocket } from '../socket/types'
import { findAccessibleRoom, postingRefusal } from './room-access'
import { MODERATORS_ROOM } from '../moderation/moderation-handlers'

export function roomHandlers(ctx: ServerContext): RequestListeners {
  const options = handlerOptions(ctx)

  /** A public room a moderator may change (`what` they do; what only a public room can `become`), or why not. */
  function moderatedRoom(socket: ParleySocket, roomId: string, what: string, become: string): Room | AckError {
    if (socket.data.moderator !== true) return { error: 'FORBIDDEN', message: `Only moderators ${what}` }
    const found = findAccessibleRoom(ctx.rooms, roomId, socket.data.name!)
    if ('error' in found) return found
    // Private rooms and DMs belong to their people: moderators have no power there.
    if (found.kind !== 'room') return { error: 'FORBIDDEN', message: `Only a public room can ${become}` }
    return found
  }

  /**
   * Puts a person in rooms. Those new to them have read them up to now: what
   * came before is not news, and what comes after counts as unread even where
   * no device of theirs ever opened the room (after a rejoin, on a new device).
   */
  function addMember(name: string, roomIds: string[]): void {
    for (const roomId of ctx.rooms.addMember(name, roomIds)) {
      ctx.readMarks.raise(name, roomId, ctx.messages.newestId(roomId))
    }
  }

  /**
   * Takes a person out of a room on every connection of theirs, which are
   * told: all but `asking` when they left it themselves (it has its ack), or
   * all, with `by`, when its owner took them out. Those still in a private
   * room see who is in it now.
   */
  function leave(name: string, room: Room, how: { asking: ParleySocket } | { by: string }): void {
    ctx.rooms.removeMember(name, room.id)
    ctx.io.in(personalRoom(name)).socketsLeave(room.id)
    const devices = ctx.io.to(personalRoom(name))
    if ('asking' in how) devices.except(how.asking.id).emit('room:left', { roomId: room.id })
    else devices.emit('room:left', { roomId: room.id, by: how.by })
    if (room.kind === 'private') ctx.io.to(room.id).emit('room:updated', ctx.rooms.get(room.id)!)
  }

  /** Every moderator's list of rooms they may bring back follows a removal or a restore by any of them. */
  function removedRoomsChanged(): void {
    ctx.io.to(MODERATORS_ROOM).emit('moderation:removed-rooms', ctx.rooms.listRemoved())
  }

  /** A public room changed: everyone lists it, joined or not, and this person's other devices follow. */
  function changedForEveryone(socket: ParleySocket, room: Room): Room {
    socket.broadcast.emit('room:updated', room)
    return room
  }

  /** A room joined on one device is joined on the person's others too, which are told. */
  function inRoomOnEveryDevice(socket: ParleySocket, room: Room): void {
    const own = personalRoom(socket.data.name!)
    ctx.io.in(own).socketsJoin(room.id)
    socket.to(own).emit('room:added', room)
  }
  return {
    'room:create': requestListener(
      roomCreateSchema,
      async (socket, { name, private: hidden }) => {
        if (hidden) {
          // Nobody else is told: a private room exists only for its people.
          const room = ctx.rooms.createPrivate(name, socket.data.name!)
          // New, so everything said in it will be news to its creator's other devices.
          ctx.readMarks.raise(socket.data.name!, room.id, 0)
          await socket.join(room.id)
          inRoomOnEveryDevice(socket, room)
          return { data: room }
        }
        const ensured = ctx.rooms.ensurePublic(name)
        if (!ensured) return { error: 'FORBIDDEN', message: `A moderator removed #${name}: choose another name` }
        const { room, created } = ensured
        addMember(socket.data.name!, [room.id])
        await socket.join(room.id)
        if (created) socket.broadcast.emit('room:created', room)
        inRoomOnEveryDevice(socket, room)
        return { data: room }
      },
      options,
    ),

    'room:invite': requestListener(
      roomInviteSchema,
      (socket, { roomId, name }) => {
        const found = findAccessibleRoom(ctx.rooms, roomId, socket.data.name!)
        if ('error' in found) return found
        if (found.kind !== 'private') {
          return { error: 'FORBIDDEN', message: 'Only a private room takes invitations: anyone may join the others' }
        }
        // Someone online, as for a DM: a name nobody holds could be taken by anyone.
        const guest = ctx.presence.find(name)
        if (!guest) return { error: 'USER_NOT_FOUND', message: `${name} is not online` }
        addMember(guest.name, [found.id])
        const room = ctx.rooms.get(found.id)!
        ctx.io.in(personalRoom(guest.name)).socketsJoin(room.id)
        ctx.io.to(personalRoom(guest.name)).emit('room:added', room)
        // Everyone in it sees who is in it now.
        ctx.io.to(room.id).emit('room:updated', room)
        return { data: room }
      },
      options,
    ),

    'room:remove-person': requestListener(
      roomInviteSchema,
      (socket, { roomId, name }) => {
        const me = socket.data.name!
        const found = findAccessibleRoom(ctx.rooms, roomId, me)
        if ('error' in found) return found
        if (found.kind !== 'private' || found.owner === undefined || !sameName(found.owner, me)) {
          return { error: 'FORBIDDEN', message: 'Only the owner of a private room can take people out of it' }
        }
        if (sameName(name, me)) return { error: 'FORBIDDEN', message: 'To go, leave the room' }
        const person = found.people?.find((candidate) => sameName(candidate, name))
        if (person === undefined) return { error: 'USER_NOT_FOUND', message: `${name} is not in this room` }
        leave(person, found, { by: me })
        return { data: ctx.rooms.get(found.id)! }
      },
      options,
    ),

    'room:join': requestListener(
      roomJoinSchema,
      async (socket, { roomId }) => {
        const found = findAccessibleRoom(ctx.rooms, roomId, socket.data.name!)
        if ('error' in found) return found
        if (found.kind === 'room') addMember(socket.data.name!, [found.id])
        await socket.join(found.id)
        inRoomOnEveryDevice(socket, found)
        return { data: found }
      },
      options,
    ),

    'room:topic': requestListener(
      roomTopicSchema,
      (socket, { roomId, topic }) => {
        const found = findAccessibleRoom(ctx.rooms, roomId, socket.data.name!)
        if ('error' in found) return found
        if (found.kind === 'dm') return { error: 'FORBIDDEN', message: 'A conversation has no topic' }
        if (!socket.rooms.has(found.id)) return { error: 'FORBIDDEN', message: `Join #${found.name} to set its topic` }
        // Where only moderators post, the topic is theirs too.
        const refused = postingRefusal(found, socket)
        if (refused) return refused
        if ((found.topic ?? '') === topic) return { data: found }
        const room = ctx.rooms.setTopic(found.id, topic)
        // Public rooms are listed for everyone, joined or not; a private one only for its people.
        if (room.kind === 'private') socket.to(room.id).emit('room:updated', room)
        else socket.broadcast.emit('room:updated', room)
        return { data: room }
      },
      // A change everyone receives, limited as sends are.
      handlerOptions(ctx, 'send'),
    ),

    'room:posting': requestListener(
      roomPostingSchema,
      (socket, { roomId, onlyModerators }) => {
        const found = moderatedRoom(socket, roomId, 'choose who posts in a room', 'be for announcements')
        if ('error' in found) return found
        if ((found.onlyModeratorsPost === true) === onlyModerators) return { data: found }
        return { data: changedForEveryone(socket, ctx.rooms.setOnlyModeratorsPost(found.id, onlyModerators)) }
      },
      handlerOptions(ctx, 'send'),
    ),

    'room:slow-mode': requestListener(
      slowModeRequestSchema,
      (socket, { roomId, seconds }) => {
        const found = moderatedRoom(socket, roomId, 'set slow mode', 'be in slow mode')
        if ('error' in found) return found
        if ((found.slowModeSeconds ?? 0) === seconds) return { data: found }
        return { data: changedForEveryone(socket, ctx.rooms.setSlowMode(found.id, seconds)) }
      },
      handlerOptions(ctx, 'send'),
    ),

    'room:remove': requestListener(
      roomJoinSchema,
      (socket, { roomId }) => {
        const found = moderatedRoom(socket, roomId, 'remove rooms', 'be removed')
        if ('error' in found) return found
        if (found.id === GENERAL_ROOM_ID) return { error: 'FORBIDDEN', message: '#general cannot be removed' }
        const by = socket.data.name!
        ctx.rooms.remove(found.id, by)
        ctx.io.socketsLeave(found.id)
        ctx.io.emit('room:removed', { roomId: found.id, by })
        removedRoomsChanged()
        return { data: null }
      },
      handlerOptions(ctx, 'send'),
    ),

    'room:restore': requestListener(
      roomJoinSchema,
      (socket, { roomId }) => {
        if (socket.data.moderator !== true) return { error: 'FORBIDDEN', message: 'Only moderators bring rooms back' }
        const restored = ctx.rooms.restore(roomId)
        if (!restored) return { error: 'ROOM_NOT_FOUND', message: `No removed room "${roomId}"` }
        const { room, people } = restored
        ctx.io.emit('room:created', room)
        // Back in it, on every device, as they were when it went.
        for (const name of people) {
          ctx.io.in(personalRoom(name)).socketsJoin(room.id)
          ctx.io.to(personalRoom(name)).emit('room:added', room)
        }
        removedRoomsChanged()
        return { data: room }
      },
      handlerOptions(ctx, 'send'),
    ),

    'room:notify': requestListener(
      roomNotifySchema,
      (socket, { roomId, level }) => {
        const name = socket.data.name!
        const found = findAccessibleRoom(ctx.rooms, roomId, name)
        if ('error' in found) return found
        ctx.roomLevels.set(name, found.id, level)
        // This device has the ack; the person's others follow at once.
        socket.to(personalRoom(name)).emit('room:notify', { roomId: found.id, level })
        return { data: null }
      },
      options,
    ),

    'room:favourite': requestListener(
      roomFavouriteSchema,
      (socket, { roomId, favourite }) => {
        const name = socket.data.name!
        const found = findAccessibleRoom(ctx.rooms, roomId, name)
        if ('error' in found) return found
        ctx.roomFavourites.set(name, found.id, favourite)
        // This device has the ack; the person's others follow at once.
        socket.to(personalRoom(name)).emit('room:favourite', { roomId: found.id, favourite })
        return { data: null }
      },
      options,
    ),

    'room:order-favourites': requestListener(
      favouritesOrderSchema,
      (socket, { roomIds }) => {
        const name = socket.data.name!
        const ordered = ctx.roomFavourites.order(name, roomIds)
        socket.to(personalRoom(name)).emit('room:favourites-ordered', ordered)
        return { data: ordered }
      },
      options,
    ),

    'room:leave': requestListener(
      roomJoinSchema,
      (socket, { roomId }) => {
        const name = socket.data.name!
        const found = findAccessibleRoom(ctx.rooms, roomId, name)
        if ('error' in found) return found
        if (found.kind === 'dm' || found.id === GENERAL_ROOM_ID) {
          return {
            error: 'FORBIDDEN',
            message: `${found.kind === 'dm' ? 'A conversation' : '#general'} cannot be left`,
          }
        }
        leave(name, found, { asking: socket })
        return { data: null }
      },
      options,
    ),

    'dm:open': requestListener(
      dmOpenSchema,
      (socket, { name }) => {
        const self = socket.data.name!
        const peer = ctx.presence.find(name)
        if (!peer) return { error: 'USER_NOT_FOUND', message: `${name} is not online` }
        if (sameName(peer.name, self)) {
          return { error: 'INVALID_PAYLOAD', message: 'You cannot open a conversation with yourself' }
        }
        const { room } = ctx.rooms.ensureDm(self, peer.name)
        ctx.io.in([personalRoom(self), personalRoom(peer.name)]).socketsJoin(room.id)
        // The other person's devices, and this person's others, list it at once.
        ctx.io
          .to([personalRoom(self), personalRoom(peer.name)])
          .except(socket.id)
          .emit('room:added', room)
        return { data: room satisfies Room }
      },
      options,
    ),
  }
}

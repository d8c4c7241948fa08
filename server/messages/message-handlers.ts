import {
  describeSlowMode,
  forwardOf,
  LIMITS,
  mayNotifyRoom,
  mentions,
  ROOM_MENTION,
  sameName,
  withReaction,
  type AckError,
  type FileInfo,
  type Forwarded,
  type Message,
  type Room,
  type UnreadCount,
} from '../../protocol'
import {
  changesRequestSchema,
  deleteRequestSchema,
  editRequestSchema,
  historyRequestSchema,
  threadRequestSchema,
  readMarkSchema,
  reactRequestSchema,
  searchRequestSchema,
  sendRequestSchema,
  unreadRequestSchema,
} from '../../protocol/schemas'
import { handlerOptions, personalRoom, type ServerContext } from '../context'
import { findAccessibleRoom, postingRefusal } from '../rooms/room-access'
import { reopenForMessage } from '../rooms/hidden-dm-handlers'
import { ownUpload } from '../files/file-handlers'
import { FileTakenError } from './message-store'
import { shareDmMark } from './read-receipts'
import { SearchesBusyError } from './search-thread'
import { requestListener, type RequestListeners } from '../socket/handle'
import type { ParleySocket } from '../socket/types'

/**
 * A message this connection may act on: in a room it is in (`own`: and its
 * author's own; `moderated`: or, for a moderator, anyone's in a public room).
 * A message in a DM they cannot read is reported as missing, as the DM is.
 */
export function messageHere(
  ctx: ServerContext,
  socket: ParleySocket,
  id: number,
  own: boolean | 'moderated',
): Message | AckError {
  const name = socket.data.name!
  const message = ctx.messages.get(id)
  const missing: AckError = { error: 'MESSAGE_NOT_FOUND', message: `No message ${id}` }
  if (!message) return missing
  const room = findAccessibleRoom(ctx.rooms, message.roomId, name)
  if ('error' in room) return missing
  const moderating = own === 'moderated' && socket.data.moderator === true && room.kind === 'room'
  if (own && !moderating && !sameName(message.author, name)) {
    return { error: 'FORBIDDEN', message: 'Only its author can change a message' }
  }
  if (!socket.rooms.has(room.id)) return { error: 'FORBIDDEN', message: `Join #${room.name} before changing it` }
  return message
}

/** A message `name` passes on, as it is now (`forwardOf`): one they can read, wherever it is, not deleted. */
function passedOn(ctx: ServerContext, name: string, id: number): Forwarded | AckError {
  const original = ctx.messages.get(id)
  const missing: AckError = { error: 'MESSAGE_NOT_FOUND', message: `No message ${id} to pass on` }
  if (!original || 'error' in findAccessibleRoom(ctx.rooms, original.roomId, name)) return missing
  if (original.deletedAt !== undefined) return { error: 'MESSAGE_NOT_FOUND', message: 'This message was deleted' }
  return forwardOf(original)
}

/** Whether `text`, written by this connection in `room`, has an `@room` that notifies everyone there. */
function notifiesEveryone(ctx: ServerContext, socket: ParleySocket, room: Room, text: string): boolean {
  const moderated = ctx.moderatorPassword !== undefined
  return mayNotifyRoom(room, socket.data.moderator === true, moderated) && mentions(text, ROOM_MENTION)
}

export function messageHandlers(ctx: ServerContext): RequestListeners {
  return {
    'message:send': requestListener(
      sendRequestSchema,
      async (socket, { roomId, text, clientId, replyTo, fileId, poll, forward }) => {
        const author = socket.data.name!
        const found = findAccessibleRoom(ctx.rooms, roomId, author)
        if ('error' in found) return found
        if (!socket.rooms.has(found.id)) {
          return { error: 'FORBIDDEN', message: `Join #${found.name} before writing to it` }
        }
        const refused = postingRefusal(found, socket)
        if (refused) return refused
        // A deleted message may still be answered (a reply written before it went); one elsewhere may not.
        if (replyTo !== undefined && ctx.messages.get(replyTo)?.roomId !== found.id) {
          return { error: 'MESSAGE_NOT_FOUND', message: `No message ${replyTo} here to reply to` }
        }
        let forwarded: Forwarded | undefined
        if (forward !== undefined) {
          const original = passedOn(ctx, author, forward)
          if ('error' in original) return original
          forwarded = original
        }
        let file: FileInfo | undefined
        if (fileId !== undefined) {
          const upload = ownUpload(ctx, socket, fileId)
          if ('error' in upload) return upload
          if (upload.roomId !== found.id)
            return { error: 'FILE_NOT_FOUND', message: `No upload of yours to #${found.name}` }
          if (!upload.complete) return { error: 'INVALID_PAYLOAD', message: 'The file has not been uploaded whole yet' }
          file = { id: upload.id, name: upload.name, size: upload.size, type: upload.type }
        }
        // Last of the checks, as it starts the person's wait in a room in slow mode. A
        // resend of a message already stored (its ack was lost) is no new message: it is not held back.
        const paced = found.slowModeSeconds !== undefined && socket.data.moderator !== true
        const resent = paced && clientId !== undefined && ctx.messages.sent(author, clientId) !== undefined
        const wait = paced && !resent ? ctx.slowMode.take(found, author) : 0
        if (wait > 0) {
          const every = describeSlowMode(found.slowModeSeconds!)
          const message = `Slow mode in #${found.name}: one message every ${every}`
          return { error: 'RATE_LIMITED', message, retryAfterMs: Math.ceil(wait), roomId: found.id }
        }
        // The store resolves once committed, so an ack always means "stored".
        let message: Message
        try {
          message = await ctx.messages.append({
            roomId: found.id,
            author,
            text,
            clientId: clientId ?? null,
            replyTo,
            file,
            poll: poll?.options,
            everyone: notifiesEveryone(ctx, socket, found, text),
            forwarded,
          })
        } catch (error) {
          if (!(error instanceof FileTakenError)) throw error
          return { error: 'FILE_NOT_FOUND', message: error.message }
        }
        ctx.messageFanout.publish(socket, message)
        reopenForMessage(ctx, found, message)
        return { data: message }
      },
      handlerOptions(ctx, 'send'),
    ),

    'message:edit': requestListener(
      editRequestSchema,
      (socket, { id, text }) => {
        const found = messageHere(ctx, socket, id, true)
        if ('error' in found) return found
        if (found.deletedAt !== undefined) return { error: 'MESSAGE_NOT_FOUND', message: 'This message was deleted' }
        if (found.text === text) return { data: found }
        const room = ctx.rooms.get(found.roomId)!
        const edited = ctx.messages.edit(id, text, notifiesEveryone(ctx, socket, room, text))
        ctx.messageFanout.publishChange(socket, edited)
        return { data: edited }
      },
      handlerOptions(ctx, 'send'),
    ),

    'message:delete': requestListener(
      deleteRequestSchema,
      (socket, { id }) => {
        const found = messageHere(ctx, socket, id, 'moderated')
        if ('error' in found) return found
        // Deleted already: a retry whose first ack was lost.
        if (found.deletedAt !== undefined) return { data: found }
        const name = socket.data.name!
        // Someone else's: a moderator's deletion, which says who made it.
        const deleted = ctx.messages.remove(id, sameName(found.author, name) ? undefined : name)
        ctx.messageFanout.publishChange(socket, deleted)
        // Its file goes with it: the message no longer links it, and its bytes leave the disk.
        if (found.file) ctx.files.discard(found.file.id).catch(ctx.onError)
        return { data: deleted }
      },
      handlerOptions(ctx, 'send'),
    ),

    'message:react': requestListener(
      reactRequestSchema,
      (socket, { id, emoji, on }) => {
        const found = messageHere(ctx, socket, id, false)
        if ('error' in found) return found
        if (found.deletedAt !== undefined) return { error: 'MESSAGE_NOT_FOUND', message: 'This message was deleted' }
        const reactions = withReaction(found.reactions ?? [], emoji, socket.data.name!, on)
        // Given already, or taken back already: a retry whose first ack was lost.
        if (!reactions) return { data: found }
        if (reactions.length > LIMITS.reactionsPerMessageMax) {
          return {
            error: 'INVALID_PAYLOAD',
            message: `A message holds at most ${LIMITS.reactionsPerMessageMax} different reactions`,
          }
        }
        const changed = ctx.messages.setReactions(id, reactions)
        const { roomId, rev } = changed
        ctx.messageFanout.publishDelta(socket, {
          kind: 'reaction',
          id,
          roomId,
          rev: rev!,
          name: socket.data.name!,
          emoji,
          on,
        })
        return { data: changed }
      },
      handlerOptions(ctx, 'send'),
    ),

    'message:unread': requestListener(
      unreadRequestSchema,
      (socket, { marks, rooms = [] }) => {
        const reader = socket.data.name!
        // A room this person cannot read (any more) is left out, not an error: the marks are a list.
        const readable = (roomId: string): boolean => !('error' in findAccessibleRoom(ctx.rooms, roomId, reader))
        const device = new Map(marks.filter((mark) => readable(mark.roomId)).map((mark) => [mark.roomId, mark.upTo]))
        const asked = [...new Set([...device.keys(), ...rooms.filter(readable)])]
        const kept = ctx.readMarks.of(reader, asked)
        const ignoring = ctx.ignored.keysOf(reader)
        const counts: UnreadCount[] = []
        for (const roomId of asked) {
          const here = device.get(roomId)
          const { upTo: there, unreadAfter } = kept.get(roomId) ?? {}
          // Read nowhere yet: a room's history from before one came is not news, but a DM is
          // all to this person, so it counts from its start.
          const dm = ctx.rooms.get(roomId)!.kind === 'dm'
          if (here === undefined && there === undefined && !dm) continue
          // Marked unread: from there, however far this device (maybe offline then) had read.
          const readUpTo = Math.min(unreadAfter ?? Infinity, Math.max(here ?? 0, there ?? 0))
          // This device read further than the server knew (its last mark was lost with the connection).
          if (here !== undefined && (there === undefined || here > there)) {
            ctx.readMarks.raise(reader, roomId, here)
            shareDmMark(ctx, ctx.rooms.get(roomId)!, reader, here)
          }
          counts.push({
            roomId,
            readUpTo,
            ...ctx.messages.unreadAfter(roomId, readUpTo, reader, LIMITS.unreadCountMax, ignoring),
          })
        }
        return { data: counts }
      },
      // Its cost grows with the rooms asked for, as a search's does with the history.
      handlerOptions(ctx, 'search'),
    ),

    'message:read': requestListener(
      readMarkSchema,
      (socket, { roomId, upTo }) => {
        const reader = socket.data.name!
        const found = findAccessibleRoom(ctx.rooms, roomId, reader)
        if ('error' in found) return found
        const mark = { roomId: found.id, upTo: ctx.readMarks.raise(reader, found.id, upTo) }
        ctx.readMarks.readPast(reader, found.id, upTo)
        // Read here, so read on the person's other devices too.
        socket.to(personalRoom(reader)).emit('read:moved', mark)
        // A mark kept higher than asked was shared when it was raised.
        if (mark.upTo === upTo) shareDmMark(ctx, found, reader, upTo)
        return { data: mark }
      },
      handlerOptions(ctx),
    ),

    'message:mark-unread': requestListener(
      readMarkSchema,
      (socket, { roomId, upTo }) => {
        const reader = socket.data.name!
        const found = findAccessibleRoom(ctx.rooms, roomId, reader)
        if ('error' in found) return found
        // Never past the newest, nor past what was read: marking unread reads nothing.
        const after = Math.min(upTo, ctx.messages.newestId(found.id), ctx.readMarks.markOf(reader, found.id) ?? upTo)
        // Kept beside the read mark, which stays: a DM's Seen is not taken back.
        ctx.readMarks.markUnread(reader, found.id, after)
        const count: UnreadCount = {
          roomId: found.id,
          readUpTo: after,
          ...ctx.messages.unreadAfter(found.id, after, reader, LIMITS.unreadCountMax, ctx.ignored.keysOf(reader)),
        }
        socket.to(personalRoom(reader)).emit('read:unmarked', count)
        return { data: count }
      },
      handlerOptions(ctx),
    ),

    'message:changes': requestListener(
      changesRequestSchema,
      (socket, { roomId, after, limit }) => {
        const found = findAccessibleRoom(ctx.rooms, roomId, socket.data.name!)
        if ('error' in found) return found
        return { data: ctx.messages.changes(found.id, { after, limit: limit ?? LIMITS.historyPageMax }) }
      },
      handlerOptions(ctx),
    ),

    'message:search': requestListener(
      searchRequestSchema,
      async (socket, { query, from, hasFile, since, until, roomId, before, limit }) => {
        const name = socket.data.name!
        let roomIds: string[]
        if (roomId === undefined) {
          roomIds = [...ctx.rooms.listPublic(), ...ctx.rooms.listPrivateOf(name), ...ctx.rooms.listDmsOf(name)].map(
            (room) => room.id,
          )
        } else {
          const found = findAccessibleRoom(ctx.rooms, roomId, name)
          if ('error' in found) return found
          roomIds = [found.id]
        }
        const options = {
          before,
          limit: limit ?? LIMITS.searchPageDefault,
          from,
          hasFile: hasFile === true,
          since,
          until,
        }
        try {
          return { data: await ctx.messages.search(query, roomIds, options) }
        } catch (error) {
          if (!(error instanceof SearchesBusyError)) throw error
          return { error: 'RATE_LIMITED', message: 'The server is busy with other searches', retryAfterMs: 250 }
        }
      },
      handlerOptions(ctx, 'search'),
    ),

    'message:thread': requestListener(
      threadRequestSchema,
      (socket, { id }) => {
        const root = ctx.messages.get(id)
        // One in a room this person cannot read is not there at all.
        if (!root || 'error' in findAccessibleRoom(ctx.rooms, root.roomId, socket.data.name!)) {
          return { error: 'MESSAGE_NOT_FOUND', message: `No message ${id}` }
        }
        const replies = ctx.messages.replies(id, LIMITS.threadRepliesMax + 1)
        const hasMore = replies.length > LIMITS.threadRepliesMax
        return { data: { root, replies: replies.slice(0, LIMITS.threadRepliesMax), hasMore } }
      },
      handlerOptions(ctx),
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

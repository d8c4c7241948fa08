import { z } from 'zod'
import { LIMITS, nameKey, type AckError } from '../../protocol'
import { scheduledEditSchema, scheduledIdSchema, scheduleRequestSchema } from '../../protocol/schemas'
import { handlerOptions, type ServerContext } from '../context'
import { findAccessibleRoom, postingRefusal } from '../rooms/room-access'
import { requestListener, type RequestListeners } from '../socket/handle'
import type { ParleySocket } from '../socket/types'
import { timeAheadRefusal } from '../time-ahead'
import { asShown, type ScheduledEntry, type ScheduledMessageStore } from './scheduled-messages'
import type { ScheduledSender } from './scheduled-sender'

/** Why a message may not be scheduled for `at`, or null; a minute past is a clock or a choice, taken as now. */
function badTime(at: number, now: number): AckError | null {
  return timeAheadRefusal(at, now, {
    maxMs: LIMITS.scheduleAheadMaxMs,
    graceMs: 60_000,
    tooFar: 'A message can be scheduled at most a year ahead',
  })
}

/** Messages written now to go out later: each person's own, on all their devices. */
export function scheduledHandlers(
  ctx: ServerContext,
  store: ScheduledMessageStore,
  sender: ScheduledSender,
): RequestListeners {
  /** One of this person's own, not being sent this moment; someone else's is reported as missing. */
  function own(socket: ParleySocket, id: number): ScheduledEntry | AckError {
    const entry = store.get(id)
    if (!entry || nameKey(entry.author) !== nameKey(socket.data.name!)) {
      return { error: 'MESSAGE_NOT_FOUND', message: 'No such scheduled message: it may have been sent or cancelled' }
    }
    if (sender.sending(id)) return { error: 'INVALID_PAYLOAD', message: 'It is being sent now' }
    return entry
  }

  return {
    'message:schedule': requestListener(
      scheduleRequestSchema,
      (socket, { roomId, text, at, replyTo }) => {
        const author = socket.data.name!
        const found = findAccessibleRoom(ctx.rooms, roomId, author)
        if ('error' in found) return found
        if (!socket.rooms.has(found.id)) {
          return { error: 'FORBIDDEN', message: `Join #${found.name} before writing to it` }
        }
        const refused = postingRefusal(found, socket) ?? badTime(at, Date.now())
        if (refused) return refused
        if (replyTo !== undefined && ctx.messages.get(replyTo)?.roomId !== found.id) {
          return { error: 'MESSAGE_NOT_FOUND', message: `No message ${replyTo} here to reply to` }
        }
        if (store.count(author) >= LIMITS.scheduledPerPersonMax) {
          return {
            error: 'INVALID_PAYLOAD',
            message: `You can have at most ${LIMITS.scheduledPerPersonMax} messages scheduled: send or cancel one first`,
          }
        }
        const moderator = socket.data.moderator === true
        const entry = store.add({ author, moderator, roomId: found.id, text, at, replyTo })
        sender.tell(author)
        sender.wake()
        return { data: asShown(entry) }
      },
      handlerOptions(ctx, 'send'),
    ),

    'scheduled:edit': requestListener(
      scheduledEditSchema,
      (socket, { id, text, at }) => {
        const entry = own(socket, id)
        if ('error' in entry) return entry
        const refused = at === undefined ? null : badTime(at, Date.now())
        if (refused) return refused
        store.change(id, { text, at })
        sender.tell(entry.author)
        sender.wake()
        return { data: asShown(store.get(id)!) }
      },
      handlerOptions(ctx),
    ),

    'scheduled:send': requestListener(
      scheduledIdSchema,
      async (socket, { id }) => {
        const entry = own(socket, id)
        if ('error' in entry) return entry
        const sent = await sender.send(entry)
        return 'error' in sent ? sent : { data: sent }
      },
      handlerOptions(ctx, 'send'),
    ),

    'scheduled:cancel': requestListener(
      scheduledIdSchema,
      (socket, { id }) => {
        const entry = own(socket, id)
        if ('error' in entry) return entry
        store.remove(id)
        sender.tell(entry.author)
        sender.wake()
        return { data: { id } }
      },
      handlerOptions(ctx),
    ),

    'scheduled:list': requestListener(
      z.strictObject({}),
      (socket) => ({ data: store.list(socket.data.name!) }),
      handlerOptions(ctx),
    ),
  }
}

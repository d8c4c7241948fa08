import { z } from 'zod'
import { LIMITS, type AckError, type Message, type SavedChange, type SavedMessage } from '../../protocol'
import { remindRequestSchema, saveRequestSchema } from '../../protocol/schemas'
import { handlerOptions, personalRoom, type ServerContext } from '../context'
import { findAccessibleRoom } from '../rooms/room-access'
import { timeAheadRefusal } from '../time-ahead'
import { requestListener, type RequestListeners } from '../socket/handle'
import type { ParleySocket } from '../socket/types'
import type { SavedEntry } from './saved-messages'

/** A reminder this far in the past is a mistake (a clock or a choice), not "now". */
const PAST_GRACE_MS = 60_000

/**
 * Messages saved for later, with a reminder or not: each person's own list,
 * across rooms, on all their devices.
 */
export function savedHandlers(ctx: ServerContext): RequestListeners {
  /**
   * A message this person can read, in a room they are in or not (a public
   * room left since); with `live`, one not deleted: saving is refused what
   * letting go never is.
   */
  function readable(name: string, id: number, live: boolean): Message | AckError {
    const found = ctx.messages.get(id)
    if (!found || 'error' in findAccessibleRoom(ctx.rooms, found.roomId, name)) {
      return { error: 'MESSAGE_NOT_FOUND', message: `No message ${id}` }
    }
    if (live && found.deletedAt !== undefined)
      return { error: 'MESSAGE_NOT_FOUND', message: 'This message was deleted' }
    return found
  }

  /** Refuses one more saved message over the limit. */
  function full(name: string, already: SavedEntry | undefined): AckError | null {
    if (already !== undefined || ctx.saved.count(name) < LIMITS.savedPerPersonMax) return null
    return {
      error: 'INVALID_PAYLOAD',
      message: `You can keep at most ${LIMITS.savedPerPersonMax} saved messages: let one go first`,
    }
  }

  /** The change as it is now kept, told to this person's other devices when it changed anything. */
  function settle(socket: ParleySocket, message: Message, before: SavedEntry | undefined): { data: SavedChange } {
    const name = socket.data.name!
    const now = ctx.saved.entry(name, message.id)
    const change: SavedChange = {
      message,
      savedAt: now?.savedAt ?? null,
      ...(now && now.remindAt !== null && { remindAt: now.remindAt }),
    }
    const changed = now?.savedAt !== before?.savedAt || now?.remindAt !== before?.remindAt
    if (changed) socket.to(personalRoom(name)).emit('saved:changed', change)
    return { data: change }
  }

  return {
    'message:save': requestListener(
      saveRequestSchema,
      (socket, { id, saved }) => {
        const name = socket.data.name!
        const found = readable(name, id, saved)
        if ('error' in found) return found
        const before = ctx.saved.entry(name, id)
        const refused = saved ? full(name, before) : null
        if (refused) return refused
        if (saved) ctx.saved.save(name, id, Date.now())
        else ctx.saved.unsave(name, id)
        return settle(socket, found, before)
      },
      handlerOptions(ctx),
    ),

    'message:remind': requestListener(
      remindRequestSchema,
      (socket, { id, at }) => {
        const name = socket.data.name!
        const found = readable(name, id, at !== null)
        if ('error' in found) return found
        const before = ctx.saved.entry(name, id)
        if (at !== null) {
          const now = Date.now()
          const refused =
            timeAheadRefusal(at, now, {
              maxMs: LIMITS.reminderAheadMaxMs,
              graceMs: PAST_GRACE_MS,
              tooFar: 'A reminder can be at most a year ahead',
            }) ?? full(name, before)
          if (refused) return refused
          // Reminding of a message saves it first: it waits on the saved list meanwhile.
          ctx.saved.save(name, id, now)
        }
        ctx.saved.remind(name, id, at)
        return settle(socket, found, before)
      },
      handlerOptions(ctx),
    ),

    'message:saved': requestListener(
      z.strictObject({}),
      (socket) => {
        const name = socket.data.name!
        const list: SavedMessage[] = []
        for (const { id, savedAt, remindAt } of ctx.saved.list(name, LIMITS.savedPerPersonMax)) {
          const message = readable(name, id, true)
          // Deleted since, or in a room this person can no longer read: let go, so it counts no more.
          if ('error' in message) ctx.saved.unsave(name, id)
          else list.push({ message, savedAt, ...(remindAt !== null && { remindAt }) })
        }
        return { data: list }
      },
      handlerOptions(ctx),
    ),
  }
}

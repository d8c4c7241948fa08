import { mayNotifyRoom, mayPost, mentions, ROOM_MENTION, type AckError, type Message, type Room } from '../../protocol'
import { personalRoom, type ServerContext } from '../context'
import { findAccessibleRoom } from '../rooms/room-access'
import { reopenForMessage } from '../rooms/hidden-dm-handlers'
import type { ScheduledEntry, ScheduledMessageStore } from './scheduled-messages'

/** How many due messages one wake-up sends before looking at the clock again. */
const DUE_BATCH = 100

/** Sends scheduled messages when their time comes, as their writers, online or not. */
export interface ScheduledSender {
  /** Looks again for the next one due: after one is written, changed or cancelled. */
  wake(): void
  /** Sends one now, if it may still go; else keeps it, marked with why not. */
  send(entry: ScheduledEntry): Promise<Message | AckError>
  /** Whether it is being sent right now (it cannot be changed meanwhile). */
  sending(id: number): boolean
  /** Tells its writer's devices what they have waiting now. */
  tell(author: string): void
  stop(): void
}

export function createScheduledSender(ctx: ServerContext, store: ScheduledMessageStore): ScheduledSender {
  const inFlight = new Set<number>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = false
  let again = false
  let stopped = false

  const tell = (author: string): void => {
    ctx.io.to(personalRoom(author)).emit('scheduled:changed', store.list(author))
  }

  /** The room it may go to, checked as at its writing, or why it may not go there now. */
  function where(entry: ScheduledEntry): Room | AckError {
    const room = findAccessibleRoom(ctx.rooms, entry.roomId, entry.author)
    if ('error' in room) return { error: 'ROOM_NOT_FOUND', message: 'Its room was removed, or you are no longer in it' }
    if (!mayPost(room, entry.moderator)) return { error: 'FORBIDDEN', message: `Only moderators post in #${room.name}` }
    // A removal is by name as well as device: the name alone keeps a removed person's messages in.
    if (ctx.removals.barring({ name: entry.author, device: '', address: '' })) {
      return { error: 'FORBIDDEN', message: 'You were removed from this server' }
    }
    return room
  }

  async function send(entry: ScheduledEntry): Promise<Message | AckError> {
    const room = where(entry)
    if ('error' in room) {
      store.fail(entry.id, room.message)
      tell(entry.author)
      return room
    }
    // Slow mode holds a scheduled message too: it goes as soon as its writer's turn comes.
    const wait = entry.moderator ? 0 : ctx.slowMode.take(room, entry.author)
    if (wait > 0) {
      store.change(entry.id, { at: Date.now() + Math.ceil(wait) })
      tell(entry.author)
      nudge()
      return { error: 'RATE_LIMITED', message: `Slow mode in #${room.name}: it goes when your turn comes` }
    }
    inFlight.add(entry.id)
    try {
      // Its answer may have gone since; a reply to a message no longer in the room goes as a plain one.
      const replyTo = entry.replyTo !== undefined && ctx.messages.get(entry.replyTo)?.roomId === room.id
      const moderated = ctx.moderatorPassword !== undefined
      // The client id makes sending twice (a crash between storing and forgetting it) store it once.
      const message = await ctx.messages.append({
        roomId: room.id,
        author: entry.author,
        text: entry.text,
        clientId: `scheduled:${entry.id}`,
        ...(replyTo && { replyTo: entry.replyTo }),
        everyone: mayNotifyRoom(room, entry.moderator, moderated) && mentions(entry.text, ROOM_MENTION),
      })
      store.remove(entry.id)
      ctx.messageFanout.publish(null, message)
      reopenForMessage(ctx, room, message)
      return message
    } catch (error) {
      ctx.onError(error)
      store.fail(entry.id, 'It could not be stored: try again')
      return { error: 'INTERNAL', message: 'It could not be stored' }
    } finally {
      inFlight.delete(entry.id)
      tell(entry.author)
      if (!running) wake()
    }
  }

  async function sendDue(): Promise<void> {
    if (running) return void (again = true)
    running = true
    try {
      // Each one sent leaves the due ones (sent, failed or put off by slow mode), so this ends.
      let sentAny: boolean
      do {
        again = false
        sentAny = false
        for (const entry of store.due(Date.now(), DUE_BATCH)) {
          if (stopped) return
          if (inFlight.has(entry.id)) continue
          sentAny = true
          await send(entry)
        }
      } while (again || sentAny)
    } finally {
      running = false
      wake()
    }
  }

  function wake(): void {
    clearTimeout(timer)
    const next = store.next()
    if (next === undefined || stopped) return
    // What is due is all being sent ("Send now"): that send wakes this again as it ends.
    const now = Date.now()
    if (next <= now && store.due(now, DUE_BATCH).every((entry) => inFlight.has(entry.id))) return
    // A timer waits at most about 24 days; it then looks again.
    timer = setTimeout(() => void sendDue().catch(ctx.onError), Math.min(Math.max(0, next - Date.now()), 2 ** 31 - 1))
    timer.unref()
  }

  /** Looks again now, or once the sending under way is done. */
  const nudge = (): void => (running ? void (again = true) : wake())

  return {
    wake: nudge,
    send,
    sending: (id) => inFlight.has(id),
    tell,
    stop() {
      stopped = true
      clearTimeout(timer)
    },
  }
}

import type { Message } from '../../protocol'
import { createBursts } from '../socket/bursts'
import type { ParleyIo, ParleySocket } from '../socket/types'

export interface FanoutOptions {
  /** Rooms (and servers, for presence) with at least this many connections gather bursts; smaller ones never wait. */
  minConnections: number
  /** How long the rest of a burst of messages is gathered before it goes out together. */
  windowMs: number
  /**
   * The same for presence changes, per 1,000 connections. Longer: nobody
   * notices a member list a quarter second late, and a restart's reconnect
   * storm then costs a broadcast per window rather than one per join.
   */
  presenceWindowMs: number
}

export const DEFAULT_FANOUT: FanoutOptions = { minConnections: 100, windowMs: 20, presenceWindowMs: 250 }

export interface MessageFanout {
  /**
   * Sends a stored message to everyone in its room but its sender, who has it
   * in the ack: the message as sent, with `prevId` when it is new.
   */
  publish(sender: ParleySocket, message: Message): Message
  /** Sends every gathered burst now (before a shutdown). */
  flush(): void
}

/**
 * Fan-out costs a write per connection per packet: for a room of a thousand,
 * a thousand system calls per message. So in a large room the first message
 * of a burst goes out at once, and the messages that follow within
 * `windowMs` go out together as one `message:batch`, one packet per
 * connection per window. Small rooms, and a quiet large one, get every
 * message at once. A batch reaches the senders too; clients merge by id.
 */
export function createMessageFanout(
  io: ParleyIo,
  options: FanoutOptions,
  /** The id of the room's message before `id` in storage: where a chain starts after a restart. */
  idBefore: (roomId: string, id: number) => number,
): MessageFanout {
  const bursts = createBursts<Message>(options.windowMs, (roomId, messages) =>
    io.to(roomId).emit('message:batch', messages),
  )
  /** Per room, the newest message published: the next one's `prevId`. */
  const newest = new Map<string, number>()
  return {
    publish(sender, stored) {
      // Published in id order, so each new message names the one before it.
      // A retried send's message names none, nor, right after a start, one
      // older than the room's newest (a retry, or an earlier one of its batch).
      const known = newest.get(stored.roomId)
      let prevId: number | undefined
      if (known !== undefined) prevId = stored.id > known ? known : undefined
      else if (stored.id === idBefore(stored.roomId, Number.MAX_SAFE_INTEGER))
        prevId = idBefore(stored.roomId, stored.id)
      if (prevId !== undefined) newest.set(stored.roomId, stored.id)
      const message = prevId === undefined ? stored : { ...stored, prevId }
      // Behind a waiting batch, so every connection gets the room's messages in id order.
      if (bursts.offer(message.roomId, message)) return message
      sender.to(message.roomId).emit('message:created', message)
      const connections = io.sockets.adapter.rooms.get(message.roomId)?.size ?? 0
      if (connections >= options.minConnections) bursts.open(message.roomId)
      return message
    },
    flush: bursts.flush,
  }
}

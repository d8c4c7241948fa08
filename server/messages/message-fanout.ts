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
  /** Sends a stored message to everyone in its room but its sender, who has it in the ack. */
  publish(sender: ParleySocket, message: Message): void
  /** Sends an edited or deleted message to everyone in its room but the connection that changed it. */
  publishChange(sender: ParleySocket, message: Message): void
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
export function createMessageFanout(io: ParleyIo, options: FanoutOptions = DEFAULT_FANOUT): MessageFanout {
  const bursts = createBursts<Message>(options.windowMs, (roomId, messages) =>
    io.to(roomId).emit('message:batch', messages),
  )
  return {
    publish(sender, message) {
      // Behind a waiting batch, so every connection gets the room's messages in id order.
      if (bursts.offer(message.roomId, message)) return
      sender.to(message.roomId).emit('message:created', message)
      const connections = io.sockets.adapter.rooms.get(message.roomId)?.size ?? 0
      if (connections >= options.minConnections) bursts.open(message.roomId)
    },
    publishChange(sender, message) {
      // Into a waiting batch too: after the message it changes, if that is in it.
      if (bursts.offer(message.roomId, message)) return
      sender.to(message.roomId).emit('message:updated', message)
    },
    flush: bursts.flush,
  }
}

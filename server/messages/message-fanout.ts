import type { Message, MessageDelta } from '../../protocol'
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
   * in the ack; with no sender (a scheduled message going out), to everyone.
   */
  publish(sender: ParleySocket | null, message: Message): void
  /** Sends an edited or deleted message to everyone in its room but the connection that changed it. */
  publishChange(sender: ParleySocket, message: Message): void
  /** Sends a reaction or vote to everyone in its room but the connection that gave it. */
  publishDelta(sender: ParleySocket, delta: MessageDelta): void
  /** Sends every gathered burst now (before a shutdown). */
  flush(): void
}

/** What waits in a burst: messages (new, edited, deleted) and reactions and votes, in the order they came. */
type Waiting = { message: Message } | { delta: MessageDelta }

/**
 * Fan-out costs a write per connection per packet: for a room of a thousand,
 * a thousand system calls per message. So in a large room the first message
 * (or reaction, or vote) of a burst goes out at once, and what follows
 * within `windowMs` goes out together: a `message:batch` of the messages,
 * then a `message:deltas` of the reactions and votes, two packets per
 * connection per window. The deltas going after the messages, whatever
 * order they came in, is safe: a delta names a message stored before it, and
 * one no newer than a whole copy is ignored (`withDelta`). Small rooms, and
 * a quiet large one, get everything at once. A batch reaches the senders
 * too; clients merge by id.
 */
export function createMessageFanout(io: ParleyIo, options: FanoutOptions = DEFAULT_FANOUT): MessageFanout {
  const bursts = createBursts<Waiting>(options.windowMs, (roomId, waiting) => {
    const messages = waiting.flatMap((item) => ('message' in item ? [item.message] : []))
    const deltas = waiting.flatMap((item) => ('delta' in item ? [item.delta] : []))
    if (messages.length > 0) io.to(roomId).emit('message:batch', messages)
    if (deltas.length > 0) io.to(roomId).emit('message:deltas', deltas)
  })
  /** A crowded room gathers what follows for a window. */
  const gatherAfter = (roomId: string): void => {
    const connections = io.sockets.adapter.rooms.get(roomId)?.size ?? 0
    if (connections >= options.minConnections) bursts.open(roomId)
  }
  return {
    publish(sender, message) {
      // Behind a waiting batch, so every connection gets the room's messages in id order.
      if (bursts.offer(message.roomId, { message })) return
      if (sender) sender.to(message.roomId).emit('message:created', message)
      else io.to(message.roomId).emit('message:created', message)
      gatherAfter(message.roomId)
    },
    publishChange(sender, message) {
      // Into a waiting batch too: after the message it changes, if that is in it.
      if (bursts.offer(message.roomId, { message })) return
      sender.to(message.roomId).emit('message:updated', message)
    },
    publishDelta(sender, delta) {
      // A crowd reacting to one message, or voting in one poll, is a burst too.
      if (bursts.offer(delta.roomId, { delta })) return
      sender.to(delta.roomId).emit('message:deltas', [delta])
      gatherAfter(delta.roomId)
    },
    flush: bursts.flush,
  }
}

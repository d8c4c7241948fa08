import type { Member, PresenceChanges } from '../../protocol'
import type { FanoutOptions } from '../messages/message-fanout'
import { createBursts } from '../socket/bursts'
import type { ParleyIo, ParleySocket } from '../socket/types'

/** A presence change: a member online (new or updated), or a name gone offline. */
type Change = Member | { name: string; left: true }

export interface PresenceFanout {
  /** Someone came online; `from` (their own connection, which has the list in its ack) is left out. */
  joined(member: Member, from: ParleySocket): void
  /** Someone's transport or connection changed; `from` is left out if given. */
  updated(member: Member, from?: ParleySocket): void
  left(name: string): void
  /** Sends what is gathered now (before a shutdown). */
  flush(): void
}

/**
 * Presence goes to everyone online, so each change costs a write per
 * connection, and a server restart brings every client back at once: N joins
 * of N writes each. On a server with `minConnections` or more, the changes
 * that follow a first one within `presenceWindowMs` (per 1,000 connections,
 * so presence costs a large server about the same per second at any size) go
 * out together as one `presence:batch` holding each name's latest state. A
 * client that joined meanwhile got the list in its ack; applying the latest
 * state on top of it is harmless.
 */
export function createPresenceFanout(io: ParleyIo, options: FanoutOptions): PresenceFanout {
  const EVERYONE = 'everyone'
  const connections = (): number => io.of('/').sockets.size
  // Longer on larger servers: a broadcast costs a write (or an answered long-poll) per connection.
  const windowMs = (): number => options.presenceWindowMs * Math.max(1, connections() / 1000)
  const bursts = createBursts<Change>(windowMs, (_, changes) => io.emit('presence:batch', latest(changes)))

  function publish(change: Change, sendNow: () => void): void {
    if (bursts.offer(EVERYONE, change)) return
    sendNow()
    if (connections() >= options.minConnections) bursts.open(EVERYONE)
  }

  return {
    joined(member, from) {
      publish(member, () => from.broadcast.emit('presence:joined', member))
    },
    updated(member, from) {
      publish(member, () => {
        if (from) from.broadcast.emit('presence:updated', member)
        else io.emit('presence:updated', member)
      })
    },
    left(name) {
      publish({ name, left: true }, () => io.emit('presence:left', { name }))
    },
    flush: bursts.flush,
  }
}

/** Each name's last change wins. */
function latest(changes: Change[]): PresenceChanges {
  const byName = new Map<string, Change>()
  for (const change of changes) byName.set(change.name, change)
  const online: Member[] = []
  const left: string[] = []
  for (const change of byName.values()) {
    if ('left' in change) left.push(change.name)
    else online.push(change)
  }
  return { online, left }
}

import { LIMITS } from '../../protocol'
import {
  pingRequestSchema,
  presenceSeenSchema,
  presenceSetSchema,
  presenceStatusSchema,
  shareSeenSchema,
  typingRequestSchema,
} from '../../protocol/schemas'
import { handlerOptions, personalRoom, type ServerContext } from '../context'
import { requestListener, type RequestListeners } from '../socket/handle'
import type { ParleySocket } from '../socket/types'
import { timeAheadRefusal } from '../time-ahead'

export function presenceHandlers(ctx: ServerContext): RequestListeners {
  return {
    'typing:set': requestListener(
      typingRequestSchema,
      (socket, { roomId, typing }) => {
        if (!socket.rooms.has(roomId)) return { error: 'FORBIDDEN', message: `Not in room "${roomId}"` }
        ctx.typingFanout.changed(socket, { roomId, name: socket.data.name!, typing })
        return { data: null }
      },
      handlerOptions(ctx),
    ),

    'presence:set': requestListener(
      presenceSetSchema,
      (socket, { away }) => {
        const name = socket.data.name!
        const wasAway = ctx.presence.find(name)?.away === true
        socket.data.away = away
        const member = ctx.presence.find(name)
        // Everyone sees it, the person's other devices too; a device going idle while another is in use changes nothing.
        if (member && (member.away === true) !== wasAway) ctx.presenceFanout.updated(member)
        return { data: null }
      },
      handlerOptions(ctx),
    ),

    'presence:status': requestListener(
      presenceStatusSchema,
      (socket, { status, until }) => {
        const name = socket.data.name!
        if (until !== undefined && status !== '') {
          const refused = timeAheadRefusal(until, Date.now(), {
            maxMs: LIMITS.statusClearAheadMaxMs,
            graceMs: 0,
            tooFar: 'A status can clear itself at most a week ahead',
          })
          if (refused) return refused
        }
        const kept = { text: status, ...(status !== '' && until !== undefined && { until }) }
        ctx.statuses.set(name, kept.text, kept.until)
        ctx.presence.setStatus(name, kept)
        const member = ctx.presence.find(name)!
        // Everyone sees it, this person's other devices too.
        ctx.presenceFanout.updated(member)
        return { data: member }
      },
      handlerOptions(ctx),
    ),

    'presence:seen': requestListener(
      presenceSeenSchema,
      (socket, { name }) => {
        const shown = ctx.lastSeen.shares(name) && ctx.lastSeen.shares(socket.data.name!)
        return { data: { at: shown ? (ctx.lastSeen.of(name) ?? null) : null } }
      },
      handlerOptions(ctx),
    ),

    'presence:share-seen': requestListener(
      shareSeenSchema,
      (socket, { share }) => {
        const name = socket.data.name!
        ctx.lastSeen.setShares(name, share)
        // This device has the ack; the person's others follow at once.
        socket.to(personalRoom(name)).emit('presence:seen-shared', { share })
        return { data: { share } }
      },
      handlerOptions(ctx),
    ),

    'session:ping': requestListener(
      pingRequestSchema,
      (_socket, { sentAt }) => ({ data: { sentAt, serverTime: Date.now() } }),
      {
        ...handlerOptions(ctx),
        requiresSession: false,
      },
    ),
  }
}

/** Follows each connection's transport and its end; made once per server, like the request listeners. */
export function presenceTracker(ctx: ServerContext): (socket: ParleySocket) => void {
  function left(this: ParleySocket): void {
    const name = this.data.name
    if (name === undefined) return
    const outcome = ctx.presence.release(name, this)
    if (outcome === 'left') {
      ctx.lastSeen.note(name, Date.now())
      ctx.presenceFanout.left(name)
    }
    // Still on another device, perhaps on another transport.
    else if (outcome === 'stayed') ctx.presenceFanout.updated(ctx.presence.find(name)!)
  }
  return (socket) => {
    // Everyone sees everyone's transport: it changes once on the upgrade from
    // polling, and again only with a new connection. The whole entry goes out,
    // as on a join: an update replaces the member, and one without `devices`
    // made a person on two devices look like one on one.
    socket.conn.on('upgrade', () => {
      const name = socket.data.name
      const member = name === undefined ? undefined : ctx.presence.find(name)
      if (member) ctx.presenceFanout.updated(member)
    })
    socket.on('disconnect', left)
  }
}

import { withVote } from '../../protocol'
import { closePollSchema, voteRequestSchema } from '../../protocol/schemas'
import { handlerOptions, type ServerContext } from '../context'
import { requestListener, type RequestListeners } from '../socket/handle'
import { messageHere } from './message-handlers'

/** Votes on polls: anyone in the room may vote, once, and move or take back their vote, until its author closes it. */
export function pollHandlers(ctx: ServerContext): RequestListeners {
  return {
    'message:vote': requestListener(
      voteRequestSchema,
      (socket, { id, option }) => {
        const found = messageHere(ctx, socket, id, false)
        if ('error' in found) return found
        if (found.deletedAt !== undefined) return { error: 'MESSAGE_NOT_FOUND', message: 'This message was deleted' }
        if (!found.poll) return { error: 'INVALID_PAYLOAD', message: 'This message is not a poll' }
        if (found.poll.closed) return { error: 'FORBIDDEN', message: 'This poll is closed' }
        if (option !== null && option >= found.poll.options.length) {
          return { error: 'INVALID_PAYLOAD', message: `This poll has ${found.poll.options.length} options` }
        }
        const options = withVote(found.poll.options, socket.data.name!, option)
        // As asked already: a retry whose first ack was lost.
        if (!options) return { data: found }
        const changed = ctx.messages.setPoll(id, { options })
        const { roomId, rev } = changed
        ctx.messageFanout.publishDelta(socket, { kind: 'vote', id, roomId, rev: rev!, name: socket.data.name!, option })
        return { data: changed }
      },
      handlerOptions(ctx, 'send'),
    ),

    'message:close-poll': requestListener(
      closePollSchema,
      (socket, { id }) => {
        const found = messageHere(ctx, socket, id, true)
        if ('error' in found) return found
        if (found.deletedAt !== undefined) return { error: 'MESSAGE_NOT_FOUND', message: 'This message was deleted' }
        if (!found.poll) return { error: 'INVALID_PAYLOAD', message: 'This message is not a poll' }
        // Closed already: a retry whose first ack was lost.
        if (found.poll.closed) return { data: found }
        const changed = ctx.messages.setPoll(id, { ...found.poll, closed: true })
        ctx.messageFanout.publishChange(socket, changed)
        return { data: changed }
      },
      handlerOptions(ctx, 'send'),
    ),
  }
}

import type { Message, MessageDelta } from './models'
import { withVote } from './polls'
import { withReaction } from './reactions'

/**
 * `message` with a delta applied, or null if the delta is no news: the
 * message is at that change already or later (a later whole copy holds it),
 * or deleted. Reactions and votes are set, not toggled, so a delta applied
 * to a copy that missed an earlier one still gives what the server has for
 * that person; catching up after a lost connection brings the rest whole.
 */
export function withDelta(message: Message, delta: MessageDelta): Message | null {
  if ((message.rev ?? 0) >= delta.rev || message.deletedAt !== undefined) return null
  const changed: Message = { ...message, rev: delta.rev }
  if (delta.kind === 'reaction') {
    const reactions = withReaction(message.reactions ?? [], delta.emoji, delta.name, delta.on)
    if (reactions?.length === 0) delete changed.reactions
    else if (reactions) changed.reactions = reactions
  } else if (message.poll) {
    const options = withVote(message.poll.options, delta.name, delta.option)
    if (options) changed.poll = { ...message.poll, options }
  }
  return changed
}

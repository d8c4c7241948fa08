import { sameName } from './names'
import type { PollOption } from './models'

/**
 * Polls: a message whose text is the question, with a few options to vote
 * for. One vote per person; voting again moves it, and voting for the
 * option one has takes it back.
 */

/** The options with `name`'s vote on `option` (null: no vote), or null if that changes nothing. */
export function withVote(options: readonly PollOption[], name: string, option: number | null): PollOption[] | null {
  const had = options.findIndex((candidate) => candidate.voters.some((voter) => sameName(voter, name)))
  if (had === option) return null
  return options.map((candidate, index) => {
    const voters = candidate.voters.filter((voter) => !sameName(voter, name))
    return { text: candidate.text, voters: index === option ? [...voters, name] : voters }
  })
}

/** Which option `name` voted for, or null. */
export function voteOf(options: readonly PollOption[], name: string): number | null {
  const at = options.findIndex((candidate) => candidate.voters.some((voter) => sameName(voter, name)))
  return at === -1 ? null : at
}

import type { Reaction } from './models'
import { sameName } from './names'

/** What the app offers to react with; the server takes any single emoji. */
export const REACTION_CHOICES = ['👍', '❤️', '😂', '🎉', '😮', '😢'] as const

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}{2}/u
// Letters, digits, spaces and controls: text, not an emoji (a keycap like 1️⃣ is left out too).
const TEXT = /[\p{L}\p{N}\p{Z}\p{Cc}]/u

/** Whether `text` is one emoji, as a person sees it: one grapheme holding a pictograph or a flag. */
export function isEmoji(text: string): boolean {
  if (!PICTOGRAPH.test(text) || TEXT.test(text)) return false
  const segments = graphemes.segment(text)[Symbol.iterator]()
  return !segments.next().done && segments.next().done === true
}

/**
 * A message's reactions with `name`'s `emoji` added (`on`) or taken back, or
 * null if that changes nothing. A new emoji goes last; an emoji nobody gives
 * any more goes away.
 */
export function withReaction(
  reactions: readonly Reaction[],
  emoji: string,
  name: string,
  on: boolean,
): Reaction[] | null {
  const at = reactions.findIndex((reaction) => reaction.emoji === emoji)
  const given = at !== -1 && reactions[at]!.names.some((other) => sameName(other, name))
  if (given === on) return null
  const next = reactions.map((reaction) => ({ emoji: reaction.emoji, names: [...reaction.names] }))
  if (on && at === -1) next.push({ emoji, names: [name] })
  else if (on) next[at]!.names.push(name)
  else next[at]!.names = next[at]!.names.filter((other) => !sameName(other, name))
  return next.filter((reaction) => reaction.names.length > 0)
}

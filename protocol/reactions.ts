import type { Reaction } from './models'
import { sameName } from './names'

/** What the app offers to react with; the server takes any single emoji. */
export const REACTION_CHOICES = ['👍', '❤️', '😂', '🎉', '😮', '😢'] as const

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}{2}/u
const ANY_PICTOGRAPH = /\p{Extended_Pictographic}/gu
// Letters, digits, spaces and controls: text, not an emoji.
const TEXT = /[\p{L}\p{N}\p{Z}\p{Cc}]/u
// A digit, # or * in a keycap (1️⃣, #️⃣): the one emoji spelled with a character of text.
const KEYCAP = /^([0-9#*])\uFE0F?\u20E3$/u

/** Whether `text` is one emoji, as a person sees it: one grapheme holding a pictograph or a flag, or a keycap. */
export function isEmoji(text: string): boolean {
  if (KEYCAP.test(text)) return true
  // ℹ️ is a letter as well as a pictograph: only what is not a pictograph must not be text.
  if (!PICTOGRAPH.test(text) || TEXT.test(text.replace(ANY_PICTOGRAPH, ''))) return false
  const segments = graphemes.segment(text)[Symbol.iterator]()
  return !segments.next().done && segments.next().done === true
}

const PRESENTED_AS_EMOJI = /(\p{Emoji_Presentation})\uFE0F/gu
const TEXT_BY_DEFAULT = /^\p{Extended_Pictographic}$/u

/**
 * One spelling per emoji, so a reaction given from two pickers counts once:
 * 👍 comes with U+FE0F (VS16) from some and without it from others. VS16 is
 * dropped after a pictograph that is drawn as an emoji anyway, and added to a
 * lone one that is drawn as text without it (❤ becomes ❤️).
 */
export function canonicalEmoji(emoji: string): string {
  if (KEYCAP.test(emoji)) return emoji.replace(KEYCAP, '$1\uFE0F\u20E3')
  const bare = emoji.replace(PRESENTED_AS_EMOJI, '$1')
  return TEXT_BY_DEFAULT.test(bare) && !/\p{Emoji_Presentation}/u.test(bare) ? `${bare}\uFE0F` : bare
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

import { isEmoji } from '../../../protocol'

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/** How many emoji a message may hold and still show them large, as messengers show a lone 👍. */
export const LARGE_EMOJI_MAX = 3

/** Whether a message is a few emoji and nothing else (spaces aside). */
export function emojiOnly(text: string): boolean {
  if (text.length > LARGE_EMOJI_MAX * 32) return false
  let count = 0
  for (const { segment } of graphemes.segment(text)) {
    if (segment.trim() === '') continue
    if (++count > LARGE_EMOJI_MAX || !isEmoji(segment)) return false
  }
  return count > 0
}

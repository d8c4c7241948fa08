import { isEmoji } from '../../../protocol'
import { loadLocal, saveLocal } from './local-json'

const KEY = 'parley:recent-emoji'
/** As many as the picker's quick row holds. */
export const RECENT_EMOJI_MAX = 6

/** The emoji this browser or app used last, newest first: reacted with, or put in a message. */
export function recentEmoji(): string[] {
  return loadLocal(KEY, (stored) =>
    Array.isArray(stored)
      ? stored
          .filter((emoji): emoji is string => typeof emoji === 'string' && isEmoji(emoji))
          .slice(0, RECENT_EMOJI_MAX)
      : [],
  )
}

export function rememberEmoji(emoji: string): void {
  saveLocal(KEY, [emoji, ...recentEmoji().filter((other) => other !== emoji)].slice(0, RECENT_EMOJI_MAX))
}

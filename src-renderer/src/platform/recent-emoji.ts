import { isEmoji, LIMITS } from '../../../protocol'
import { loadLocal, saveLocal } from './local-json'

const KEY = 'parley:recent-emoji'

/** The emoji used last on this browser or app, newest first, as the emoji store last kept them. */
export function recentEmoji(): string[] {
  return loadLocal(KEY, (stored) =>
    Array.isArray(stored)
      ? stored
          .filter((emoji): emoji is string => typeof emoji === 'string' && isEmoji(emoji))
          .slice(0, LIMITS.recentEmojiMax)
      : [],
  )
}

export function saveRecentEmoji(recent: string[]): void {
  saveLocal(KEY, recent.slice(0, LIMITS.recentEmojiMax))
}

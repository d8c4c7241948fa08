import { nameKey, ROOM_MENTION } from '../../../protocol'
import type { TypedToken } from './completion'

/** How many names the composer offers at once. */
export const MAX_SUGGESTIONS = 6

/**
 * The `@name` being typed just before the caret: where its `@` is, and what
 * follows it so far. Only at the start or after a space, so an e-mail
 * address is not taken for one.
 */
export function mentionAt(text: string, caret: number): TypedToken | null {
  const found = /(?:^|\s)@([^\s@]*)$/u.exec(text.slice(0, caret))
  if (!found) return null
  const partial = found[1]!
  return { start: caret - partial.length - 1, partial }
}

/**
 * Names that start with what was typed, as names compare (case and Unicode
 * form aside), oneself left out; and `room` (for everyone) last when it
 * matches too and this person's `@room` would notify anyone (`offerRoom`),
 * always in the list then, never first, so a quick Enter after `@` does not
 * call the whole room.
 */
export function suggestNames(names: readonly string[], partial: string, self: string, offerRoom = true): string[] {
  const want = nameKey(partial)
  const me = nameKey(self)
  const people = names.filter((name) => nameKey(name) !== me && nameKey(name).startsWith(want))
  if (!offerRoom || !ROOM_MENTION.startsWith(want)) return people.slice(0, MAX_SUGGESTIONS)
  return [...people.slice(0, MAX_SUGGESTIONS - 1), ROOM_MENTION]
}

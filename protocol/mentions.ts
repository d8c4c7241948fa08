import { LIMITS } from './limits'
import { nameKey, ROOM_MENTION, sameName } from './names'
import type { Message, Room } from './models'

const NAME_CHAR = /[\p{L}\p{N}_]/u

/** `@`, and the two characters NFKC folds into it (small and fullwidth commercial at). */
const AT_SIGN = /[@\uFE6B\uFF20]/

function isWordChar(code: number | undefined): boolean {
  return code !== undefined && NAME_CHAR.test(String.fromCodePoint(code))
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/** The code point that ends just before `index` (the whole pair, if it is a surrogate pair). */
function codePointBefore(text: string, index: number): number | undefined {
  if (index <= 0) return undefined
  const last = text.charCodeAt(index - 1)
  return isLowSurrogate(last) && index >= 2 ? text.codePointAt(index - 2) : last
}

/**
 * Whether `text` mentions `name` as `@name`: case and Unicode form do not
 * matter (as for the names themselves), and the mention stands alone: `@Ann`
 * does not mention `An`, and `ann@example.com` does not mention `example`.
 */
export function mentions(text: string, name: string): boolean {
  // Most messages have no @ at all: they skip normalizing the whole text (every send, every message shown).
  if (name === '' || !AT_SIGN.test(text)) return false
  const haystack = nameKey(text)
  const needle = `@${nameKey(name)}`
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const inWord = isWordChar(codePointBefore(haystack, at)) || isWordChar(haystack.codePointAt(at + needle.length))
    if (!inWord) return true
  }
  return false
}

/** One `@name` in a text: from its `@` up to `end`, and the name's key (`room` for everyone). */
export interface FoundMention {
  start: number
  end: number
  key: string
}

/**
 * The `@name`s in `text` that name someone `known` (by name key), and
 * `@room` where it calls everyone (`room`), as `mentions()` reads them: an
 * `@` not inside a word, a name not followed by more of a word. Names may
 * hold spaces, so the longest known one wins: `@Ann Lee` over `@Ann`.
 */
export function findMentions(text: string, known: (key: string) => boolean, room: boolean): FoundMention[] {
  const found: FoundMention[] = []
  if (!AT_SIGN.test(text)) return found
  for (let at = 0; at < text.length; at += 1) {
    if (!AT_SIGN.test(text[at]!) || isWordChar(codePointBefore(text, at))) continue
    for (let end = Math.min(text.length, at + 1 + LIMITS.nameMaxLength); end > at + 1; end -= 1) {
      // A name ends before what is not part of a word, and never inside a surrogate pair.
      if (end < text.length && (isWordChar(text.codePointAt(end)) || isLowSurrogate(text.charCodeAt(end)))) continue
      const key = nameKey(text.slice(at + 1, end))
      if (key === ROOM_MENTION ? room : known(key)) {
        found.push({ start: at, end, key })
        at = end - 1
        break
      }
    }
  }
  return found
}

/**
 * Whether `@room` written by this person in `room` notifies everyone in it.
 * In a DM or a private room, always; in a public room, only from a moderator
 * when the server has moderators (`moderated`), so one person cannot ping a
 * lecture hall or an event at will. Where it does not, it is plain text.
 */
export function mayNotifyRoom(room: Pick<Room, 'kind'>, moderator: boolean, moderated: boolean): boolean {
  return room.kind !== 'room' || moderator || !moderated
}

/** Whether a message's `@room` notifies everyone: it says so, and the server let it (`Message.everyone`). */
export function notifiesRoom(message: { text: string; everyone?: true }): boolean {
  return message.everyone === true && mentions(message.text, ROOM_MENTION)
}

/**
 * Whether a message is addressed to `self`: it mentions them, or everyone with
 * an `@room` the server let through, or it answers one of their messages.
 * The app highlights and notifies these; the server counts them among the unread.
 */
export function addressedTo(
  message: Pick<Message, 'text' | 'everyone'> & { replyTo?: { author: string } },
  self: string,
): boolean {
  const answered = message.replyTo
  const mentioned = mentions(message.text, self) || notifiesRoom(message)
  return mentioned || (answered !== undefined && sameName(answered.author, self))
}

import type { InjectionKey } from 'vue'
import { findMentions, nameKey, ROOM_MENTION } from '../../../protocol'

/** What a message tells the text inside it, so its `@name`s show apart and its links report back (see LinkifiedText). */
export interface MentionContext {
  /** Who reads it: their own name shows strongest. */
  reader(): string
  /** Whether its `@room` calls everyone (the server decided, `Message.everyone`); if not, it is plain text. */
  callsRoom(): boolean
  /** Whether a name key is someone's. */
  known(key: string): boolean
  /** Says what went wrong with something in the text (a link to a message that would not open). */
  report(problem: string): void
  /** The id of the room a `#name` names, among those the reader can open; null for any other word. */
  room(name: string): string | null
}

export const MENTION_CONTEXT: InjectionKey<MentionContext> = Symbol('mention context')

export type MentionSegment =
  | { kind: 'text'; text: string }
  /** `you`: it calls the reader, by name or as everyone; `person`: whom it names, or null for `@room`. */
  | { kind: 'mention'; text: string; you: boolean; person: string | null }

/** Splits plain text into text and the `@name`s in it of people known, and `@room` where it calls everyone. */
export function mentionSegments(text: string, context: MentionContext): MentionSegment[] {
  const found = findMentions(text, context.known, context.callsRoom())
  if (found.length === 0) return [{ kind: 'text', text }]
  const reader = nameKey(context.reader())
  const segments: MentionSegment[] = []
  let last = 0
  for (const { start, end, key } of found) {
    if (start > last) segments.push({ kind: 'text', text: text.slice(last, start) })
    const everyone = key === ROOM_MENTION
    const person = everyone ? null : text.slice(start + 1, end)
    segments.push({ kind: 'mention', text: text.slice(start, end), you: everyone || key === reader, person })
    last = end
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) })
  return segments
}

import type { TypedToken } from './completion'

/** A piece of message text: as it is, or a `#name` naming a room the reader can open. */
export type RoomSegment = { kind: 'text'; text: string } | { kind: 'room'; text: string; roomId: string }

/**
 * `#name` where a word starts (at the start, or after a space or an opening
 * mark), and the name runs as a room's may (letters, digits, single dashes),
 * to a point where no word goes on.
 */
const ROOM_REFERENCE = /(?<=^|[\s([{"'“‘])#([a-z0-9]+(?:-[a-z0-9]+)*)(?![\p{L}\p{N}_-])/giu

/**
 * Splits text into text and the `#name`s in it of rooms `find` knows (by
 * name, lower case, as room names are); any other `#word` stays text.
 */
export function roomSegments(text: string, find: (name: string) => string | null): RoomSegment[] {
  const segments: RoomSegment[] = []
  let last = 0
  for (const match of text.matchAll(ROOM_REFERENCE)) {
    const roomId = find(match[1]!.toLowerCase())
    if (roomId === null) continue
    if (match.index > last) segments.push({ kind: 'text', text: text.slice(last, match.index) })
    segments.push({ kind: 'room', text: match[0], roomId })
    last = match.index + match[0].length
  }
  if (last < text.length || segments.length === 0) segments.push({ kind: 'text', text: text.slice(last) })
  return segments
}

/** The `#name` being typed just before the caret, at the start or after a space: where its `#` is, and what follows. */
export function roomAt(text: string, caret: number): TypedToken | null {
  const found = /(?:^|\s)#([a-z0-9-]*)$/iu.exec(text.slice(0, caret))
  if (!found) return null
  const partial = found[1]!
  return { start: caret - partial.length - 1, partial }
}

/** How many rooms the composer offers at once. */
const MAX_ROOMS = 6

/** Room names that start with what was typed (any case), in the order given. */
export function suggestRooms(names: readonly string[], partial: string): string[] {
  const want = partial.toLowerCase()
  return names.filter((name) => name.startsWith(want)).slice(0, MAX_ROOMS)
}

/**
 * How names compare: without case, and in one Unicode form, so `Ann`, `ann`
 * and a fullwidth `Ａｎｎ` are one person. The server claims names by it, and
 * the app finds mentions and one's own messages by it.
 */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase()
}

/** `@room` mentions everyone in the room, so nobody may take "room" (in any case) as a name. */
export const ROOM_MENTION = 'room'

/** Whether two names are one person's. */
export function sameName(a: string, b: string): boolean {
  return a === b || nameKey(a) === nameKey(b)
}

/** The other participant of a DM between `members`, for one of them. */
export function dmPartner(members: readonly [string, string], self: string): string {
  const [a, b] = members
  return sameName(a, self) ? b : a
}

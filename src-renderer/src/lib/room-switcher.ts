import type { Room } from '../../../protocol'

/** How many rooms the switcher offers at once. */
export const SWITCHER_MAX = 8

/** A name compared as a person types it: case and accents aside, `#` dropped. */
function folded(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/^#/, '')
}

/**
 * The rooms and DMs whose name holds what was typed (`labelOf` names them as
 * the list does), best first: the name itself, names that start with it,
 * those with a word that does, then any that hold it; those one is in before
 * those one would join; then as listed. With nothing typed, the first ones as
 * listed.
 */
export function switchTargets(
  rooms: readonly Room[],
  typed: string,
  labelOf: (room: Room) => string,
  joined: (room: Room) => boolean,
): Room[] {
  const wanted = folded(typed.trim())
  const ranked: Array<{ room: Room; rank: number; order: number }> = []
  rooms.forEach((room, order) => {
    const name = folded(labelOf(room))
    const at = name.indexOf(wanted)
    if (at === -1) return
    const fit = name === wanted ? 0 : at === 0 ? 1 : /[\s\-_.]/.test(name[at - 1]!) ? 2 : 3
    ranked.push({ room, rank: fit * 2 + (joined(room) ? 0 : 1), order })
  })
  return ranked
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, SWITCHER_MAX)
    .map(({ room }) => room)
}

import type { CompactEmoji, ShortcodesDataset } from 'emojibase'
import { canonicalEmoji } from '../../../protocol'
import type { TypedToken } from './completion'

/** One emoji as the app finds it: by its shortcodes (`+1`, `thumbsup`), its name's words and its tags. */
export interface EmojiEntry {
  emoji: string
  /** Its name, as Unicode's English data gives it: "thumbs up". */
  label: string
  shortcodes: string[]
  /** Every word it is found by, lower case: the name's, the tags', the shortcodes' parts. */
  words: string[]
  /** Its five skin tones, light to dark, for the emoji that have them. */
  skins?: string[]
}

/** No skin tone (the yellow of emoji fonts), then the five Fitzpatrick tones, light to dark. */
export type SkinTone = 0 | 1 | 2 | 3 | 4 | 5
export const SKIN_TONES = ['\u{1F3FB}', '\u{1F3FC}', '\u{1F3FD}', '\u{1F3FE}', '\u{1F3FF}'] as const

/**
 * An emoji's five tones, or none: a variant counts for a tone when every
 * person in it has that tone (two people holding hands, both medium).
 */
function skinsOf(entry: CompactEmoji): string[] | undefined {
  const byTone: string[] = []
  for (const skin of entry.skins ?? []) {
    const tones = new Set([...skin.unicode].filter((char) => (SKIN_TONES as readonly string[]).includes(char)))
    if (tones.size !== 1) continue
    const tone = SKIN_TONES.indexOf([...tones][0] as (typeof SKIN_TONES)[number])
    byTone[tone] ??= canonicalEmoji(skin.unicode)
  }
  return SKIN_TONES.every((_, tone) => byTone[tone] !== undefined) ? byTone : undefined
}

/** The emoji in `tone`, where it has tones; as it is otherwise. */
export function inTone(entry: EmojiEntry, tone: SkinTone): string {
  return (tone > 0 && entry.skins?.[tone - 1]) || entry.emoji
}

/** How many emoji the composer offers for a `:word`. */
export const EMOJI_SUGGESTIONS = 6

// Emojibase's groups: 2 holds the skin tones and hair styles, which are parts of emoji rather than emoji.
const COMPONENTS = 2

/**
 * The emoji in Emojibase's order (the order of a keyboard's emoji panel),
 * each in the spelling the server stores, with GitHub's shortcodes, the set
 * most chat apps follow.
 */
export function buildEmojiIndex(data: readonly CompactEmoji[], shortcodes: ShortcodesDataset): EmojiEntry[] {
  return data
    .filter((entry) => entry.group !== undefined && entry.group !== COMPONENTS)
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((entry) => {
      const codes = shortcodes[entry.hexcode]
      const names = codes === undefined ? [] : typeof codes === 'string' ? [codes] : codes
      const words = [entry.label, ...(entry.tags ?? []), ...names].flatMap((text) =>
        text.toLowerCase().split(/[\s_:]+/u),
      )
      const skins = skinsOf(entry)
      return {
        emoji: canonicalEmoji(entry.unicode),
        label: entry.label,
        shortcodes: names,
        words: [...new Set(words)],
        ...(skins && { skins }),
      }
    })
}

/** What a search asks for: lower case, without the colons of `:tada:`. */
function queryOf(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/^:+|:+$/gu, '')
}

/**
 * How well an entry answers `query` (lower is better), or null: a shortcode
 * that is the query, one that starts with it (the shorter the better, so
 * `smi` offers `smile` before `smiley`), a name that starts with it, then
 * every word of the query starting a word of the name, then of the tags.
 */
function rank(entry: EmojiEntry, query: string, queryWords: readonly string[]): number | null {
  if (entry.shortcodes.includes(query)) return 0
  const started = entry.shortcodes.filter((code) => code.startsWith(query))
  if (started.length > 0) return 1 + Math.min(...started.map((code) => code.length)) / 1000
  const label = entry.label.toLowerCase()
  if (label.startsWith(query)) return 2
  const labelWords = label.split(/\s+/u)
  const starts = (words: readonly string[]) => (wanted: string) => words.some((word) => word.startsWith(wanted))
  if (queryWords.every(starts(labelWords))) return 3
  if (queryWords.every(starts(entry.words))) return 4
  return null
}

/** The emoji that answer `text`, best first, at most `limit`; none for an empty query. */
export function searchEmoji(index: readonly EmojiEntry[], text: string, limit: number): EmojiEntry[] {
  const query = queryOf(text)
  if (query === '') return []
  const queryWords = query.split(/[\s_]+/u).filter((word) => word !== '')
  const found: Array<{ entry: EmojiEntry; score: number; at: number }> = []
  index.forEach((entry, at) => {
    const score = rank(entry, query, queryWords)
    if (score !== null) found.push({ entry, score, at })
  })
  found.sort((a, b) => a.score - b.score || a.at - b.at)
  return found.slice(0, limit).map(({ entry }) => entry)
}

/**
 * The `:shortcode` being typed just before the caret: at the start or after a
 * space (so `10:30` and `http://` are left alone), and two characters at
 * least (so `:)` and `:D` stay smileys).
 */
export function shortcodeAt(text: string, caret: number): TypedToken | null {
  const found = /(?:^|\s):([\p{L}\p{N}_+-]{2,})$/u.exec(text.slice(0, caret))
  if (!found) return null
  const partial = found[1]!
  return { start: caret - partial.length - 1, partial }
}

/** A whole `:shortcode:` just typed before the caret, if it names an emoji: where it starts, and the emoji. */
export function typedShortcode(
  index: readonly EmojiEntry[],
  text: string,
  caret: number,
): { start: number; entry: EmojiEntry } | null {
  const found = /(?:^|\s):([\p{L}\p{N}_+-]+):$/u.exec(text.slice(0, caret))
  if (!found) return null
  const code = found[1]!.toLowerCase()
  const entry = index.find((candidate) => candidate.shortcodes.includes(code))
  return entry ? { start: caret - code.length - 2, entry } : null
}

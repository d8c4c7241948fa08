import { nameKey } from '../../../protocol'

/**
 * The fills a person's initials sit on. White reads on each at 4.5:1 or more
 * (WCAG AA), so one set serves the light and the dark appearance alike.
 */
export const AVATAR_FILLS = [
  '#b91c1c',
  '#c2410c',
  '#a16207',
  '#15803d',
  '#0f766e',
  '#0369a1',
  '#1d4ed8',
  '#4338ca',
  '#6d28d9',
  '#be185d',
] as const

/** The same fill for a name on every device and after every restart: `Ann` and `ann` are one person, so one colour. */
export function avatarFill(name: string): string {
  // FNV-1a over the name's key: tiny, and spreads close names apart.
  let hash = 0x811c9dc5
  for (const unit of nameKey(name)) {
    hash ^= unit.codePointAt(0)!
    hash = Math.imul(hash, 0x01000193)
  }
  return AVATAR_FILLS[(hash >>> 0) % AVATAR_FILLS.length]!
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
const firstGrapheme = (word: string): string => graphemes.segment(word)[Symbol.iterator]().next().value?.segment ?? ''

/** One or two letters for a name: its first word's first, and its last word's when it has more than one. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  if (words.length === 0) return '?'
  const first = firstGrapheme(words[0]!)
  const last = words.length > 1 ? firstGrapheme(words[words.length - 1]!) : ''
  return (first + last).toLocaleUpperCase()
}

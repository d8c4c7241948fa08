export interface TextPart {
  text: string
  match: boolean
}

const WORD = /[\p{L}\p{N}]+/gu

/** A word as the server's index compares it: without case, and without accents (marks after decomposition). */
function fold(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

/**
 * `text` cut into parts, with every word that starts with one of the query's
 * words marked: what a search matched, as the server matches it. The parts
 * are rendered as text, never as HTML.
 */
export function highlightWords(text: string, query: string): TextPart[] {
  const terms = (query.match(WORD) ?? []).map(fold)
  if (terms.length === 0) return [{ text, match: false }]
  const parts: TextPart[] = []
  let from = 0
  for (const found of text.matchAll(WORD)) {
    const word = fold(found[0])
    if (!terms.some((term) => word.startsWith(term))) continue
    if (found.index > from) parts.push({ text: text.slice(from, found.index), match: false })
    parts.push({ text: found[0], match: true })
    from = found.index + found[0].length
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false })
  return parts
}

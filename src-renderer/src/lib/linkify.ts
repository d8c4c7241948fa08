export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string }

// http(s) URLs only: other schemes stay plain text and can never be clicked.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi
// Punctuation that ends a sentence rather than the URL.
const TRAILING = /[.,;:!?)\]}]+$/

export function isSafeLink(href: string): boolean {
  try {
    const url = new URL(href)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/** Splits message text into plain text and http(s) links, for rendering as text nodes and anchors. */
export function linkify(text: string): Segment[] {
  const segments: Segment[] = []
  let last = 0
  for (const match of text.matchAll(URL_PATTERN)) {
    let url = match[0]
    const trailing = TRAILING.exec(url)?.[0] ?? ''
    // Keep a closing parenthesis that belongs to the URL, as in Wikipedia links.
    const keepParen = trailing.startsWith(')') && url.includes('(')
    if (trailing && !keepParen) url = url.slice(0, -trailing.length)
    if (!isSafeLink(url)) continue
    const start = match.index
    if (start > last) segments.push({ kind: 'text', text: text.slice(last, start) })
    segments.push({ kind: 'link', text: url, href: new URL(url).href })
    last = start + url.length
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) })
  return segments
}

import { fromMarkdown } from 'mdast-util-from-markdown'
import type { Nodes, PhrasingContent, RootContent } from 'mdast'

/** A run of a message's text as shown: plain (links found later), code, or emphasis around more runs. */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'strong'; children: Inline[] }

export type Block = { kind: 'paragraph'; children: Inline[] } | { kind: 'code'; text: string }

/**
 * The part of Markdown a chat message uses: `code`, fenced code blocks,
 * *emphasis* and **strong**, and backslash escapes. Everything else
 * (headings, lists, quotes, HTML, images, link syntax, entities, indented
 * code) stays exactly as typed: a line starting with `#` or `1.` is a
 * sentence in a chat, not a heading or a list.
 */
const NOT_IN_CHAT = [
  'autolink',
  'blockQuote',
  'characterReference',
  'codeIndented',
  'definition',
  'hardBreakEscape',
  'headingAtx',
  'htmlFlow',
  'htmlText',
  'labelStartImage',
  'labelStartLink',
  'list',
  'setextUnderline',
  'thematicBreak',
]

const WORD = /[\p{L}\p{N}]/u

/** Characters without which a message has no formatting: most messages skip the parser. */
const MARKUP = /[`*_\\]/

/** A message's text as blocks of formatted runs, to be rendered as elements and text nodes, never as HTML. */
export function formatMessage(text: string): Block[] {
  if (!MARKUP.test(text)) return [{ kind: 'paragraph', children: [{ kind: 'text', text }] }]
  const tree = fromMarkdown(text, { extensions: [{ disable: { null: NOT_IN_CHAT } }] })
  const start = (node: Nodes): number => node.position?.start.offset ?? 0
  const end = (node: Nodes): number => node.position?.end.offset ?? 0
  const raw = (node: Nodes): string => text.slice(start(node), end(node))
  // `2*3*4` is arithmetic, not an emphasized 3: emphasis inside a word shows as typed.
  const inWord = (node: Nodes): boolean => WORD.test(text[start(node) - 1] ?? '') && WORD.test(text[end(node)] ?? '')
  const inline = (nodes: PhrasingContent[]): Inline[] =>
    nodes.map((node): Inline => {
      switch (node.type) {
        case 'text':
          return { kind: 'text', text: node.value }
        case 'inlineCode':
          return { kind: 'code', text: node.value }
        case 'emphasis':
          return inWord(node) ? { kind: 'text', text: raw(node) } : { kind: 'em', children: inline(node.children) }
        case 'strong':
          return inWord(node) ? { kind: 'text', text: raw(node) } : { kind: 'strong', children: inline(node.children) }
        default:
          // Nothing else is parsed; should it ever be, it shows as typed.
          return { kind: 'text', text: raw(node) }
      }
    })
  return tree.children.map((node: RootContent): Block => {
    if (node.type === 'code') return { kind: 'code', text: node.value }
    if (node.type === 'paragraph') return { kind: 'paragraph', children: inline(node.children) }
    return { kind: 'paragraph', children: [{ kind: 'text', text: raw(node) }] }
  })
}

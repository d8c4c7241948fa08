import { describe, expect, it } from 'vitest'
import { formatMessage } from '../../src-renderer/src/lib/message-format'

const text = (value: string) => ({ kind: 'text', text: value }) as const

describe('message formatting', () => {
  it('formats code, code blocks, emphasis and strong', () => {
    expect(formatMessage('use `npm ci`, then *run* **it**')).toEqual([
      {
        kind: 'paragraph',
        children: [
          text('use '),
          { kind: 'code', text: 'npm ci' },
          text(', then '),
          { kind: 'em', children: [text('run')] },
          text(' '),
          { kind: 'strong', children: [text('it')] },
        ],
      },
    ])
    expect(formatMessage('look:\n```ts\nif (a < b) {\n  go()\n}\n```\nthanks')).toEqual([
      { kind: 'paragraph', children: [text('look:')] },
      { kind: 'code', text: 'if (a < b) {\n  go()\n}' },
      { kind: 'paragraph', children: [text('thanks')] },
    ])
  })

  it('leaves everything else as typed: headings, lists, quotes, HTML, entities, link syntax, indents', () => {
    for (const typed of [
      '# not a heading\n1. not a list\n- nor this\n> nor a quote',
      '<b>bold?</b> &amp; [a](https://example.com) ![i](x.png) <https://example.com>',
      '    indented, not code',
      'a line\\\nwith a backslash before its end',
      '---',
    ]) {
      expect(formatMessage(typed), typed).toEqual([{ kind: 'paragraph', children: [text(typed)] }])
    }
  })

  it('keeps arithmetic and names with marks in them as typed, and honours escapes', () => {
    expect(formatMessage('2*3*4 is 24, see snake_case_name')).toEqual([
      { kind: 'paragraph', children: [text('2'), text('*3*'), text('4 is 24, see snake_case_name')] },
    ])
    expect(formatMessage('\\*not emphasis\\*')).toEqual([{ kind: 'paragraph', children: [text('*not emphasis*')] }])
    expect(formatMessage('**unclosed')).toEqual([{ kind: 'paragraph', children: [text('**unclosed')] }])
  })
})

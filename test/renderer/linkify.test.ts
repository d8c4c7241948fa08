import { describe, expect, it } from 'vitest'
import { isSafeLink, linkify } from '../../src-renderer/src/lib/linkify'

describe('linkify', () => {
  it('turns http(s) URLs into links and leaves the rest as text', () => {
    expect(linkify('see https://example.com/a?b=1 and http://lab.local:3000/x.')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://lab.local:3000/x', href: 'http://lab.local:3000/x' },
      { kind: 'text', text: '.' },
    ])
  })

  it('keeps a closing parenthesis that belongs to the URL', () => {
    expect(linkify('(https://en.wikipedia.org/wiki/Foo_(bar))')[1]).toEqual({
      kind: 'link',
      text: 'https://en.wikipedia.org/wiki/Foo_(bar))',
      href: 'https://en.wikipedia.org/wiki/Foo_(bar))',
    })
    expect(linkify('(see https://example.com)')[1]).toMatchObject({ text: 'https://example.com' })
  })

  it.each([
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    '[x](javascript:alert(1))',
    'vbscript:msgbox',
  ])('never makes a link of %s', (text) => {
    expect(linkify(text).every((segment) => segment.kind === 'text')).toBe(true)
    expect(
      linkify(text)
        .map((segment) => segment.text)
        .join(''),
    ).toBe(text)
  })

  it('accepts only http and https as safe', () => {
    expect(isSafeLink('https://a.b')).toBe(true)
    expect(isSafeLink('HTTP://A.B')).toBe(true)
    expect(isSafeLink('javascript:alert(1)')).toBe(false)
    expect(isSafeLink('not a url')).toBe(false)
  })
})

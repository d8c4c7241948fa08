import { describe, expect, it } from 'vitest'
import { highlightWords } from '../../src-renderer/src/lib/highlight'

const marked = (text: string, query: string) =>
  highlightWords(text, query)
    .map((part) => (part.match ? `[${part.text}]` : part.text))
    .join('')

describe('search highlights', () => {
  it('marks each word that starts with a query word, whatever its case and accents', () => {
    expect(marked('Café in the LABORATORY, lab 3', 'lab cafe')).toBe('[Café] in the [LABORATORY], [lab] 3')
    expect(marked('résumé', 'RESUME')).toBe('[résumé]')
  })

  it('marks whole words only from their start, and nothing for a query without words', () => {
    expect(marked('collaboration', 'lab')).toBe('collaboration')
    expect(marked('text <b>bold</b>', '!!!')).toBe('text <b>bold</b>')
  })

  it('keeps every character of the text, in order', () => {
    const text = '  e-mail: "x"\n𝐀 lab! '
    expect(
      highlightWords(text, 'mail lab')
        .map((part) => part.text)
        .join(''),
    ).toBe(text)
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findMentions, mentions } from '../../protocol'

describe('mentions', () => {
  it('finds @name anywhere, whatever its case, ended by anything but more name', () => {
    expect(mentions('@ann look', 'Ann')).toBe(true)
    expect(mentions('thanks @ANN!', 'Ann')).toBe(true)
    expect(mentions('ping @Ann', 'Ann')).toBe(true)
    expect(mentions('@Ann Lee, the room is free', 'Ann Lee')).toBe(true)
    expect(mentions('@ｅｍｉｌｅ hi', 'emile')).toBe(true)
    // Written with an @ that Unicode folds into the plain one.
    expect(mentions('＠Ann hi', 'Ann')).toBe(true)
    expect(mentions('﹫room now', 'room')).toBe(true)
  })

  it('does not take a longer name, a bare name or an e-mail address for a mention', () => {
    expect(mentions('@Annabel hi', 'Ann')).toBe(false)
    expect(mentions('Ann, hi', 'Ann')).toBe(false)
    expect(mentions('write to ann@example.com', 'example')).toBe(false)
    expect(mentions('@Ann_2 hi', 'Ann')).toBe(false)
    expect(mentions('𐐨@Ann', 'Ann')).toBe(false)
    expect(mentions('😀@Ann', 'Ann')).toBe(true)
    expect(mentions('@Annabel and @Ann', 'Ann')).toBe(true)
    expect(mentions('anything', '')).toBe(false)
  })
})

describe('findMentions', () => {
  const people = new Set(['ann', 'ann lee', 'bob', 'émile'])
  const known = (key: string) => people.has(key)
  const shown = (text: string, room = false) =>
    findMentions(text, known, room).map(({ start, end, key }) => [text.slice(start, end), key])

  it('finds the @names of people known, the longest name first, whatever their case or form', () => {
    expect(shown('@Ann Lee, and @bob: see @carol')).toEqual([
      ['@Ann Lee', 'ann lee'],
      ['@bob', 'bob'],
    ])
    expect(shown('@Ann Leeds')).toEqual([['@Ann', 'ann']])
    expect(shown('@ÉMILE! ＠Bob')).toEqual([
      ['@ÉMILE', 'émile'],
      ['＠Bob', 'bob'],
    ])
    expect(shown('hi @Bob😀')).toEqual([['@Bob', 'bob']])
  })

  it('leaves alone what mentions() would not take for a mention', () => {
    expect(shown('@Annabel @Ann_2 ann@bob.lan @bob𐐨 @ Ann')).toEqual([])
    expect(shown('no at sign here')).toEqual([])
  })

  it('takes @room only where it calls everyone', () => {
    expect(shown('@room lunch', true)).toEqual([['@room', 'room']])
    expect(shown('@room lunch', false)).toEqual([])
  })

  it('agrees with mentions(): whatever it finds, the text mentions', () => {
    const char = fc.constantFrom('@', '＠', 'a', 'n', 'A', 'N', ' ', 'é', 'e', '_', '😀', '.', 'l')
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 24 }).map((chars) => chars.join('')),
        (text) => {
          for (const { key } of findMentions(text, (key) => key.length > 0 && !key.includes('@'), false)) {
            expect(mentions(text, key)).toBe(true)
          }
        },
      ),
    )
  })
})

import { describe, expect, it } from 'vitest'
import { mayNotifyRoom } from '../../protocol'
import { replaceToken } from '../../src-renderer/src/lib/completion'
import { mentionAt, suggestNames } from '../../src-renderer/src/lib/mention-completion'

describe('completing @names in the composer', () => {
  it('finds the @name being typed before the caret, at the start or after a space only', () => {
    expect(mentionAt('hi @bo', 6)).toEqual({ start: 3, partial: 'bo' })
    expect(mentionAt('@', 1)).toEqual({ start: 0, partial: '' })
    expect(mentionAt('hi @bo there', 6)).toEqual({ start: 3, partial: 'bo' })
    expect(mentionAt('hi @bo there', 12)).toBeNull()
    expect(mentionAt('mail ann@example', 16)).toBeNull()
  })

  it('offers the names that start with it, whatever the case, not one’s own, six at most', () => {
    const names = ['Ann', 'Bob', 'bobby', 'Ｂｏｂｏ', 'Cy', 'Bo1', 'Bo2', 'Bo3', 'Bo4']
    expect(suggestNames(names, 'BO', 'Ann')).toEqual(['Bob', 'bobby', 'Ｂｏｂｏ', 'Bo1', 'Bo2', 'Bo3'])
    expect(suggestNames(names, '', 'bob')).toEqual(['Ann', 'bobby', 'Ｂｏｂｏ', 'Cy', 'Bo1', 'room'])
    expect(suggestNames(names, 'ann', 'Ann')).toEqual([])
  })

  it('offers room, for everyone, last and always in the list when it matches', () => {
    const names = ['Rob', 'rosa', 'Ann', 'R1', 'R2', 'R3', 'R4']
    expect(suggestNames(names, 'ro', 'Ann')).toEqual(['Rob', 'rosa', 'room'])
    expect(suggestNames(names, 'r', 'Ann')).toEqual(['Rob', 'rosa', 'R1', 'R2', 'R3', 'room'])
    expect(suggestNames(names, '', 'Ann')).toEqual(['Rob', 'rosa', 'R1', 'R2', 'R3', 'room'])
    expect(suggestNames(names, 'rob', 'Ann')).toEqual(['Rob'])
    // Not where this person's @room would notify nobody (a moderated server's public room).
    expect(suggestNames(names, 'ro', 'Ann', false)).toEqual(['Rob', 'rosa'])
  })

  it('offers room where this person’s @room notifies everyone', () => {
    const publicRoom = { kind: 'room' as const }
    expect(mayNotifyRoom(publicRoom, false, true)).toBe(false)
    expect(mayNotifyRoom(publicRoom, true, true)).toBe(true)
    expect(mayNotifyRoom(publicRoom, false, false)).toBe(true)
    expect(mayNotifyRoom({ kind: 'private' }, false, true)).toBe(true)
    expect(mayNotifyRoom({ kind: 'dm' }, false, true)).toBe(true)
  })

  it('puts the whole name in place of what was typed, with one space after it', () => {
    expect(replaceToken('hi @bo', 3, 6, '@Bobby ')).toEqual({ text: 'hi @Bobby ', caret: 10 })
    expect(replaceToken('hi @bo there', 3, 6, '@Bob ')).toEqual({ text: 'hi @Bob there', caret: 8 })
    // What ends without a space (a shortcode's emoji typed whole) keeps the space that follows.
    expect(replaceToken('yes :tada: now', 4, 10, '🎉')).toEqual({ text: 'yes 🎉 now', caret: 6 })
  })
})

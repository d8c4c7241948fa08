import { describe, expect, it } from 'vitest'
import { mentions } from '../../protocol'

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

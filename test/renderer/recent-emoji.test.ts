import { beforeEach, describe, expect, it } from 'vitest'
import { recentEmoji, rememberEmoji } from '../../src-renderer/src/platform/recent-emoji'

describe('the emoji used last', () => {
  beforeEach(() => localStorage.clear())

  it('come newest first, each once, six at most, across reloads', () => {
    expect(recentEmoji()).toEqual([])
    for (const emoji of ['👍', '🚀', '🎉', '👍']) rememberEmoji(emoji)
    expect(recentEmoji()).toEqual(['👍', '🎉', '🚀'])
    for (const emoji of ['😀', '😃', '😄', '😁', '😆']) rememberEmoji(emoji)
    expect(recentEmoji()).toEqual(['😆', '😁', '😄', '😃', '😀', '👍'])
  })

  it('keep only emoji from what was stored', () => {
    localStorage.setItem('parley:recent-emoji', JSON.stringify(['🚀', 'lol', 3, '<b>', '🎉']))
    expect(recentEmoji()).toEqual(['🚀', '🎉'])
    localStorage.setItem('parley:recent-emoji', '{not json')
    expect(recentEmoji()).toEqual([])
  })
})

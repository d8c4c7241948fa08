import { beforeEach, describe, expect, it } from 'vitest'
import { recentEmoji, rememberEmoji } from '../../src-renderer/src/platform/recent-emoji'
import { loadSkinTone, saveSkinTone } from '../../src-renderer/src/platform/skin-tone'

describe('the emoji used last, and the skin tone', () => {
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
  it('and the skin tone chosen: none until one is, and only a tone from what was stored', () => {
    expect(loadSkinTone()).toBe(0)
    saveSkinTone(4)
    expect(loadSkinTone()).toBe(4)
    for (const stored of ['9', '2.5', '"3"', '-1']) {
      localStorage.setItem('parley:skin-tone', stored)
      expect(loadSkinTone(), stored).toBe(0)
    }
  })
})

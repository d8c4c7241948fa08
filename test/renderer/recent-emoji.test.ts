import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { recentEmoji } from '../../src-renderer/src/platform/recent-emoji'
import { loadSkinTone, saveSkinTone } from '../../src-renderer/src/platform/skin-tone'
import { useEmojiStore } from '../../src-renderer/src/stores/emoji'

describe('the emoji used last, and the skin tone', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  it('come newest first, each once, six at most, across reloads', () => {
    const emoji = useEmojiStore()
    expect(emoji.recent).toEqual([])
    for (const used of ['👍', '🚀', '🎉', '👍']) emoji.remember(used)
    expect(emoji.recent).toEqual(['👍', '🎉', '🚀'])
    for (const used of ['😀', '😃', '😄', '😁', '😆']) emoji.remember(used)
    expect(emoji.recent).toEqual(['😆', '😁', '😄', '😃', '😀', '👍'])
    emoji.setSkinTone(2)
    // The page again, as after a reload, before any join.
    setActivePinia(createPinia())
    expect(useEmojiStore().recent).toEqual(['😆', '😁', '😄', '😃', '😀', '👍'])
    expect(useEmojiStore().skinTone).toBe(2)
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

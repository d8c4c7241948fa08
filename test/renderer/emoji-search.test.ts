import data from 'emojibase-data/en/compact.json'
import shortcodes from 'emojibase-data/en/shortcodes/github.json'
import { describe, expect, it } from 'vitest'
import { canonicalEmoji, isEmoji } from '../../protocol'
import {
  buildEmojiIndex,
  inTone,
  searchEmoji,
  shortcodeAt,
  typedShortcode,
} from '../../src-renderer/src/lib/emoji-search'

const index = buildEmojiIndex(data, shortcodes)
const find = (query: string, limit = 6): string[] => searchEmoji(index, query, limit).map((entry) => entry.emoji)

describe('finding an emoji', () => {
  it('holds every emoji once, each one the server takes as a reaction, in the spelling it stores', () => {
    expect(index.length).toBeGreaterThan(1800)
    expect(new Set(index.map((entry) => entry.emoji)).size).toBe(index.length)
    for (const { emoji } of index) {
      expect(isEmoji(emoji), emoji).toBe(true)
      expect(canonicalEmoji(emoji)).toBe(emoji)
    }
    // Skin tones and hair styles are parts of emoji, not emoji to pick.
    expect(index.map((entry) => entry.emoji)).not.toContain('🏽')
  })

  it('finds by shortcode first, then by name, then by tag, whatever the case and colons', () => {
    expect(find('+1')[0]).toBe('👍')
    expect(find('thumbsup')[0]).toBe('👍')
    expect(find(':TADA:')[0]).toBe('🎉')
    // The shortest shortcode that starts so: smile, then smirk, then smiley.
    expect(find('smi').slice(0, 3)).toEqual(['😄', '😏', '😃'])
    expect(find('thumbs')).toEqual(expect.arrayContaining(['👍', '👎']))
    expect(find('thumbs up')[0]).toBe('👍')
    expect(find('heart')[0]).toBe('❤️')
    // A tag: "party" is not in 🎉's name ("party popper" is), "celebration" is only a tag.
    expect(find('celebration', 40)).toContain('🎉')
    expect(find('rocket')[0]).toBe('🚀')
    expect(find('zzzzqx')).toEqual([])
    expect(find('   ')).toEqual([])
    expect(find('smile', 100).length).toBeLessThanOrEqual(100)
    expect(find('face', 3)).toHaveLength(3)
  })

  it('takes the :word before the caret, at the start or after a space, two characters at least', () => {
    expect(shortcodeAt(':ta', 3)).toEqual({ start: 0, partial: 'ta' })
    expect(shortcodeAt('yes :+1', 7)).toEqual({ start: 4, partial: '+1' })
    expect(shortcodeAt('yes :tada now', 8)).toEqual({ start: 4, partial: 'tad' })
    // A smiley, a time, an address and a finished shortcode are left alone.
    for (const typed of ['ok :)', 'ok :D', 'at 10:30', 'see http://x', 'done :tada:']) {
      expect(shortcodeAt(typed, typed.length), typed).toBeNull()
    }
  })

  it('turns a whole :shortcode: typed into its emoji, and leaves an unknown one as typed', () => {
    expect(typedShortcode(index, 'ship it :rocket:', 16)).toMatchObject({ start: 8, entry: { emoji: '🚀' } })
    expect(typedShortcode(index, ':+1:', 4)).toMatchObject({ start: 0, entry: { emoji: '👍' } })
    expect(typedShortcode(index, 'a :notanemoji:', 14)).toBeNull()
    expect(typedShortcode(index, 'ratio 1:rocket:', 15)).toBeNull()
  })
})

describe('skin tones', () => {
  const entry = (emoji: string) => index.find((candidate) => candidate.emoji === emoji)!

  it('knows the five tones of the emoji that have them, each one the server takes', () => {
    expect(entry('👍').skins).toEqual(['👍🏻', '👍🏼', '👍🏽', '👍🏾', '👍🏿'])
    // Two people: the variant where both have the tone.
    expect(entry('🧑‍🤝‍🧑').skins![2]).toBe('🧑🏽‍🤝‍🧑🏽')
    expect(entry('❤️').skins).toBeUndefined()
    const toned = index.filter((candidate) => candidate.skins)
    expect(toned.length).toBeGreaterThan(250)
    for (const skin of toned.flatMap((candidate) => candidate.skins!)) expect(isEmoji(skin), skin).toBe(true)
  })

  it('gives an emoji in the tone chosen, or as it is without one', () => {
    expect(inTone(entry('👋'), 4)).toBe('👋🏾')
    expect(inTone(entry('👋'), 0)).toBe('👋')
    expect(inTone(entry('🎉'), 4)).toBe('🎉')
  })
})

describe('one spelling per emoji', () => {
  it('drops U+FE0F where the emoji needs none, and adds it to a lone one drawn as text without it', () => {
    expect(canonicalEmoji('👍\uFE0F')).toBe('👍')
    expect(canonicalEmoji('👍')).toBe('👍')
    expect(canonicalEmoji('\u2764')).toBe('\u2764\uFE0F')
    expect(canonicalEmoji('\u2764\uFE0F')).toBe('\u2764\uFE0F')
    for (const joined of ['👍🏽', '👩‍💻', '🇫🇷', '🏳️‍🌈']) expect(canonicalEmoji(joined)).toBe(joined)
    expect(canonicalEmoji('1\u20E3')).toBe('1\uFE0F\u20E3')
  })
})

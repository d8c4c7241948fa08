import { defineStore } from 'pinia'
import { ref } from 'vue'
import { LIMITS, type EmojiPrefs } from '../../../protocol'
import type { SkinTone } from '../lib/emoji-search'
import { PASSING_ERRORS } from '../lib/passing-errors'
import { recentEmoji, saveRecentEmoji } from '../platform/recent-emoji'
import { loadSkinTone, saveSkinTone } from '../platform/skin-tone'
import { useConnectionStore } from './connection'

/**
 * The emoji picker's skin tone and the emoji used last. Kept on this device
 * (so they are there before a join, and offline) and by the server for the
 * person's name, so they follow them to every device: a change on one shows
 * on the others at once, and one made while the server is out of reach is
 * handed to it once back: with the next join, or as the connection recovers.
 */
export const useEmojiStore = defineStore('emoji', () => {
  const connection = useConnectionStore()
  const skinTone = ref<SkinTone>(loadSkinTone())
  const recent = ref<string[]>(recentEmoji())
  /** Changed here since the server last took them: the next join, or a recovered connection, hands them over. */
  let unsent = false

  function apply(prefs: EmojiPrefs): void {
    skinTone.value = prefs.skinTone as SkinTone
    recent.value = prefs.recent.slice(0, LIMITS.recentEmojiMax)
    saveSkinTone(skinTone.value)
    saveRecentEmoji(recent.value)
  }

  async function send(): Promise<void> {
    unsent = true
    const result = await connection.request('emoji:prefs', { skinTone: skinTone.value, recent: recent.value })
    // Taken, or refused for good (nothing to try again): only a passing error keeps it for the next join.
    if ('data' in result || !PASSING_ERRORS.has(result.error)) unsent = false
  }

  /**
   * On joining: the server's, unless this device changed them since (then
   * they go to the server), or the server has none yet and this device has
   * some (kept here before the server kept them).
   */
  function hydrate(kept: EmojiPrefs | undefined): void {
    const chosenHere = skinTone.value !== 0 || recent.value.length > 0
    if (unsent || (kept === undefined && chosenHere)) void send()
    else if (kept) apply(kept)
  }

  function setSkinTone(tone: SkinTone): void {
    if (tone === skinTone.value) return
    skinTone.value = tone
    saveSkinTone(tone)
    void send()
  }

  /** An emoji just used: first in the quick row, here and on the person's other devices. */
  function remember(emoji: string): void {
    // First already (the same reaction again and again): nothing changes, nothing to send.
    if (recent.value[0] === emoji) return
    recent.value = [emoji, ...recent.value.filter((other) => other !== emoji)].slice(0, LIMITS.recentEmojiMax)
    saveRecentEmoji(recent.value)
    void send()
  }

  // Chosen or used on another of this person's devices.
  connection.on('emoji:prefs', apply)
  // A connection recovered after a drop skips the join: a change made meanwhile is handed over now.
  connection.onConnect(({ recovered }) => {
    if (recovered && unsent) void send()
  })

  return { skinTone, recent, hydrate, setSkinTone, remember }
})

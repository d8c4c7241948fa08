import { describe, expect, it } from 'vitest'
import { emojiOnly } from '../../src-renderer/src/lib/emoji-only'

describe('messages of emoji only', () => {
  it('are one to three emoji, spaces aside, whatever their parts', () => {
    for (const text of ['👍', ' 🎉 ', '👍🏽👩‍💻🇫🇷', '❤️ 1️⃣']) expect(emojiOnly(text), text).toBe(true)
    for (const text of ['', '  ', 'ok 👍', '👍👍👍👍', ':)', '1', '<b>🎉</b>', '🎉!']) {
      expect(emojiOnly(text), text).toBe(false)
    }
  })
})

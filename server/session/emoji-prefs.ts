import { isEmoji, LIMITS, nameKey, type EmojiPrefs } from '../../protocol'
import { emojiPrefsSchema } from '../../protocol/schemas'
import { handlerOptions, personalRoom, type ServerContext } from '../context'
import { requestListener, type RequestListeners } from '../socket/handle'
import type { Db } from '../storage/database'

/**
 * The emoji picker's choices, kept by the server for each name so they follow
 * the person to every device: the skin tone chosen on the laptop is the
 * phone's, and so are the emoji used last.
 */
export interface EmojiPrefsStore {
  /** This person's, once a device of theirs gave them. */
  of(name: string): EmojiPrefs | undefined
  set(name: string, prefs: EmojiPrefs): void
}

export function createSqliteEmojiPrefs(db: Db): EmojiPrefsStore {
  const select = db.prepare<[string], { skin_tone: number; recent: string }>(
    'SELECT skin_tone, recent FROM emoji_prefs WHERE name_key = ?',
  )
  const upsert = db.prepare<[string, number, string]>(
    `INSERT INTO emoji_prefs (name_key, skin_tone, recent) VALUES (?, ?, ?)
     ON CONFLICT (name_key) DO UPDATE SET skin_tone = excluded.skin_tone, recent = excluded.recent`,
  )
  return {
    of(name) {
      const row = select.get(nameKey(name))
      if (!row) return undefined
      const recent: unknown = JSON.parse(row.recent)
      return {
        skinTone: row.skin_tone,
        recent: Array.isArray(recent)
          ? recent.filter((emoji): emoji is string => typeof emoji === 'string' && isEmoji(emoji))
          : [],
      }
    },
    set(name, { skinTone, recent }) {
      upsert.run(nameKey(name), skinTone, JSON.stringify(recent.slice(0, LIMITS.recentEmojiMax)))
    },
  }
}

export function emojiPrefsHandlers(ctx: ServerContext): RequestListeners {
  return {
    'emoji:prefs': requestListener(
      emojiPrefsSchema,
      (socket, prefs) => {
        const name = socket.data.name!
        ctx.emojiPrefs.set(name, prefs)
        // This device has the ack; the person's others follow at once.
        socket.to(personalRoom(name)).emit('emoji:prefs', prefs)
        return { data: prefs }
      },
      handlerOptions(ctx),
    ),
  }
}

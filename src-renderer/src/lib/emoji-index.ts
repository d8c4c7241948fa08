import { computed, shallowRef, type ComputedRef, type ShallowRef } from 'vue'
import { buildEmojiIndex, type EmojiEntry } from './emoji-search'

const index = shallowRef<readonly EmojiEntry[]>([])
let loading: Promise<void> | null = null

/**
 * Every emoji, to search: Emojibase's data is about half a megabyte, so it
 * comes in a chunk of its own the first time a picker opens or a `:word` is
 * typed, and is kept for the page's life. Until then the index is empty.
 */
export function emojiIndex(): ShallowRef<readonly EmojiEntry[]> {
  loading ??= Promise.all([
    import('emojibase-data/en/compact.json'),
    import('emojibase-data/en/shortcodes/github.json'),
  ]).then(
    ([data, shortcodes]) => {
      index.value = buildEmojiIndex(data.default, shortcodes.default)
    },
    (error: unknown) => {
      // Not loaded (a chunk missing from an old page after an update): the next need tries again.
      console.warn('Could not load the emoji list', error)
      loading = null
    },
  )
  return index
}

/** The same entries by their emoji, built once for the page however many pickers open (about 1,900). */
const byEmoji = computed<ReadonlyMap<string, EmojiEntry>>(
  () => new Map(index.value.map((entry) => [entry.emoji, entry])),
)

export function emojiByCharacter(): ComputedRef<ReadonlyMap<string, EmojiEntry>> {
  emojiIndex()
  return byEmoji
}

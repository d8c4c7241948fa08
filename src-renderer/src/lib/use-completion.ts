import { computed, nextTick, ref, watch, type Ref } from 'vue'
import { replaceToken, type TypedToken } from './completion'

/** One kind of word the composer completes: `@names`, `:emoji`. */
export interface CompletionSource<T> {
  /** The word being typed just before the caret, if it is one of this kind. */
  at(text: string, caret: number): TypedToken | null
  /** What to offer for it, best first. */
  suggest(partial: string): T[]
  /** What takes the word's place when `item` is taken. */
  insert(item: T): string
  /** Told of each item taken (the emoji used last come first next time). */
  taken?(item: T): void
}

/**
 * Completion for a textarea bound to `text`: the items offered for the word
 * before the caret, the one picked, and the keys that move through them,
 * take one or close the list. The caret and focus are shared (`typing`), so
 * that several kinds of completion can follow one textarea.
 */
export function useCompletion<T>(
  text: Ref<string>,
  input: Ref<HTMLTextAreaElement | null>,
  typing: { caret: Ref<number>; focused: Ref<boolean> },
  source: CompletionSource<T>,
) {
  const { caret, focused } = typing
  const picked = ref(0)
  /** The word whose list was closed with Escape. */
  const dismissedAt = ref<number | null>(null)
  const token = computed(() => source.at(text.value, caret.value))
  const suggestions = computed(() => {
    const typed = token.value
    if (!focused.value || !typed || typed.start === dismissedAt.value) return []
    return source.suggest(typed.partial)
  })
  watch(suggestions, () => {
    picked.value = 0
  })

  async function complete(item: T): Promise<void> {
    const typed = token.value
    if (!typed) return
    source.taken?.(item)
    const next = replaceToken(text.value, typed.start, caret.value, source.insert(item))
    text.value = next.text
    caret.value = next.caret
    await nextTick()
    input.value?.focus()
    input.value?.setSelectionRange(next.caret, next.caret)
  }

  /** Arrows move through the items offered, Enter or Tab takes one, Escape closes the list; whether it took the key. */
  function onKey(event: KeyboardEvent): boolean {
    const count = suggestions.value.length
    if (count === 0 || event.isComposing) return false
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      picked.value = (picked.value + (event.key === 'ArrowDown' ? 1 : count - 1)) % count
    } else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
      void complete(suggestions.value[picked.value]!)
    } else if (event.key === 'Escape') {
      dismissedAt.value = token.value!.start
      event.stopPropagation()
    } else {
      return false
    }
    event.preventDefault()
    return true
  }

  return { suggestions, picked, complete, onKey }
}

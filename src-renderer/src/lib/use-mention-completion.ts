import { computed, nextTick, ref, watch, type Ref } from 'vue'
import { insertMention, mentionAt, suggestNames } from './mention-completion'

/**
 * `@name` completion for a textarea bound to `text`: the names offered for
 * the `@` before the caret, the one picked, and the keys that move through
 * them, take one or close the list.
 */
export function useMentionCompletion(
  text: Ref<string>,
  input: Ref<HTMLTextAreaElement | null>,
  names: () => string[],
  self: () => string,
) {
  const caret = ref(0)
  const picked = ref(0)
  /** Whether the textarea has focus: the list shows only while one types. */
  const focused = ref(false)
  /** The `@` whose list was closed with Escape. */
  const dismissedAt = ref<number | null>(null)
  const mention = computed(() => mentionAt(text.value, caret.value))
  const suggestions = computed(() => {
    const typing = mention.value
    if (!focused.value || !typing || typing.start === dismissedAt.value) return []
    return suggestNames(names(), typing.partial, self())
  })
  watch(suggestions, () => {
    picked.value = 0
  })

  function trackCaret(): void {
    caret.value = input.value?.selectionStart ?? text.value.length
  }

  async function complete(name: string): Promise<void> {
    const typing = mention.value
    if (!typing) return
    const next = insertMention(text.value, typing.start, caret.value, name)
    text.value = next.text
    caret.value = next.caret
    await nextTick()
    input.value?.focus()
    input.value?.setSelectionRange(next.caret, next.caret)
  }

  /** Arrows move through the names offered, Enter or Tab takes one, Escape closes the list; whether it took the key. */
  function onKey(event: KeyboardEvent): boolean {
    const count = suggestions.value.length
    if (count === 0 || event.isComposing) return false
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      picked.value = (picked.value + (event.key === 'ArrowDown' ? 1 : count - 1)) % count
    } else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
      void complete(suggestions.value[picked.value]!)
    } else if (event.key === 'Escape') {
      dismissedAt.value = mention.value!.start
      event.stopPropagation()
    } else {
      return false
    }
    event.preventDefault()
    return true
  }

  return { suggestions, picked, focused, trackCaret, complete, onKey }
}

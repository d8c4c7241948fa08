import { nextTick, ref, useTemplateRef } from 'vue'
import type { AckError } from '../../../protocol'

/**
 * One line edited in place (a room's topic, one's status): Enter saves, Esc
 * cancels. A refusal keeps the field open with the text as typed, so nothing
 * is lost to it or to a dropped link, and says why. The field is the
 * component's element with `ref="input"`: an <input>, or an InlineField.
 */
export function useInlineEdit(
  current: () => string,
  store: (text: string) => Promise<AckError | null>,
  /** What a refusal starts with. */
  refused = 'Not saved',
) {
  const editing = ref(false)
  const draft = ref('')
  const busy = ref(false)
  const problem = ref('')
  // An <input>, or a component that exposes `select` (InlineField).
  const input = useTemplateRef<{ select(): void }>('input')

  function cancel(): void {
    editing.value = false
    problem.value = ''
  }

  async function edit(): Promise<void> {
    draft.value = current()
    problem.value = ''
    editing.value = true
    await nextTick()
    input.value?.select()
  }

  async function save(text = draft.value): Promise<void> {
    if (busy.value) return
    busy.value = true
    const failed = await store(text)
    busy.value = false
    if (failed) problem.value = `${refused}: ${failed.message}`
    else editing.value = false
  }

  function onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      // This Escape ends the edit only, not the panel or drawer around it.
      event.stopPropagation()
      cancel()
    } else if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault()
      void save()
    }
  }

  return { editing, draft, busy, problem, edit, cancel, save, onKeydown }
}

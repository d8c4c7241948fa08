import { onScopeDispose, ref, watch, type Ref } from 'vue'

/** A text this long, in characters or lines, may be taller than a message should be: it folds. */
export const FOLD_CHARS = 700
export const FOLD_LINES = 12

/** Whether a message's text may be too tall to show whole (a pasted log, a long post); most are not looked at further. */
export function mayFold(text: string): boolean {
  if (text.length > FOLD_CHARS) return true
  let lines = 1
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) if (++lines > FOLD_LINES) return true
  return false
}

/**
 * Whether `element`, while `folded` (held to its CSS max-height), hides some
 * of itself: measured when it is shown, when `content` changes, and when it
 * resizes (a narrower window wraps more lines). Unfolded, the answer stays
 * as it was, so what unfolded it can fold it again.
 */
export function useOverflow(
  element: Ref<HTMLElement | null>,
  folded: Ref<boolean>,
  content: () => unknown,
): Ref<boolean> {
  const overflowing = ref(false)
  let observer: ResizeObserver | null = null
  const measure = (): void => {
    const at = element.value
    if (at && folded.value) overflowing.value = at.scrollHeight > at.clientHeight + 1
  }
  watch(
    [element, folded, content],
    ([at, on]) => {
      observer?.disconnect()
      observer = null
      if (!at || !on) return
      if (typeof ResizeObserver !== 'undefined') {
        observer = new ResizeObserver(measure)
        observer.observe(at)
      }
      measure()
    },
    { flush: 'post', immediate: true },
  )
  onScopeDispose(() => observer?.disconnect())
  return overflowing
}

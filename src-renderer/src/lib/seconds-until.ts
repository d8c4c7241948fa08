import { computed, onScopeDispose, ref, watch, type Ref } from 'vue'

/**
 * Whole seconds from now until the time `until` gives (0 once it has passed,
 * or while there is none), ticking each second only while above 0. The clock
 * is this device's: a countdown to a time the server set shows any skew.
 */
export function useSecondsUntil(until: () => number | undefined): Readonly<Ref<number>> {
  const now = ref(Date.now())
  const seconds = computed(() => {
    const at = until()
    return at === undefined ? 0 : Math.max(0, Math.ceil((at - now.value) / 1000))
  })
  let ticker: ReturnType<typeof setInterval> | undefined
  const stop = (): void => {
    clearInterval(ticker)
    ticker = undefined
  }
  watch(
    until,
    () => {
      stop()
      now.value = Date.now()
      if (seconds.value === 0) return
      ticker = setInterval(() => {
        now.value = Date.now()
        if (seconds.value === 0) stop()
      }, 1000)
    },
    { immediate: true },
  )
  onScopeDispose(stop)
  return seconds
}

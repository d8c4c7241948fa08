import { onBeforeUnmount, ref, type Ref } from 'vue'

/**
 * The time, moved on just after each midnight: enough for "Today" to become
 * "Yesterday" in a window left open, without a timer ticking all day.
 */
export function useDayClock(): Ref<number> {
  const now = ref(Date.now())
  let timer: ReturnType<typeof setTimeout> | undefined
  const waitForMidnight = (): void => {
    const next = new Date()
    next.setHours(24, 0, 1, 0)
    timer = setTimeout(() => {
      now.value = Date.now()
      waitForMidnight()
    }, next.getTime() - Date.now())
  }
  waitForMidnight()
  onBeforeUnmount(() => clearTimeout(timer))
  return now
}

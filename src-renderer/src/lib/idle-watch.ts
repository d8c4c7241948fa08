/** Five minutes without a key, a click or a move: away, as in most messengers. */
export const AWAY_AFTER_MS = 5 * 60_000
/** How often a desktop app that went idle asks the system whether someone is back in another window. */
export const BACK_POLL_MS = 15_000

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focus'] as const

export interface IdleWatchOptions {
  afterMs?: number
  pollMs?: number
  /**
   * How long the whole computer has been idle, where the app can tell (the
   * desktop app): someone typing in another window is not away. Null where
   * it cannot; the page's own activity is all there is then.
   */
  systemIdleMs?: () => Promise<number | null>
}

/**
 * Calls `onChange(true)` when `target` has seen no activity for `afterMs`
 * (and, where it can tell, neither has the computer), and `onChange(false)`
 * at the first sign of someone back. Activity only stamps a time: a timer
 * checks it when the time could be up, so a moving mouse costs nothing more.
 * Returns the stop.
 */
export function watchIdle(
  target: EventTarget,
  onChange: (idle: boolean) => void,
  { afterMs = AWAY_AFTER_MS, pollMs = BACK_POLL_MS, systemIdleMs }: IdleWatchOptions = {},
): () => void {
  let lastActivity = Date.now()
  let idle = false
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined

  function schedule(ms: number): void {
    clearTimeout(timer)
    timer = setTimeout(() => void check(), ms)
  }

  function become(next: boolean): void {
    if (idle === next) return
    idle = next
    onChange(next)
  }

  function onActivity(): void {
    lastActivity = Date.now()
    if (!idle) return
    become(false)
    schedule(afterMs)
  }

  async function check(): Promise<void> {
    const pageIdle = Date.now() - lastActivity
    if (pageIdle < afterMs) return schedule(afterMs - pageIdle)
    const system = systemIdleMs ? await systemIdleMs().catch(() => null) : null
    if (stopped) return
    const idleFor = system === null ? pageIdle : Math.min(pageIdle, system)
    if (idleFor < afterMs) {
      become(false)
      return schedule(afterMs - idleFor)
    }
    become(true)
    // Back in another window shows only in the system's count: ask it again now and then.
    if (system !== null) schedule(pollMs)
  }

  for (const event of ACTIVITY) target.addEventListener(event, onActivity, { passive: true, capture: true })
  schedule(afterMs)
  return () => {
    stopped = true
    clearTimeout(timer)
    for (const event of ACTIVITY) target.removeEventListener(event, onActivity, { capture: true })
  }
}

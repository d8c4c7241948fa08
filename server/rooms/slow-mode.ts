import { nameKey, SLOW_MODE_SECONDS, type Room } from '../../protocol'

/**
 * Slow mode's clock: when each person last posted in each slow room, in
 * memory (a restart forgives one wait at most). Keyed by name, so a second
 * device does not double anyone's pace.
 */
export interface SlowMode {
  /**
   * Takes this person's turn to post in the room: 0 if they may now (and
   * the clock starts again), else the milliseconds still to wait.
   */
  take(room: Room, name: string, now?: number): number
}

/** How often entries too old to matter are swept out. */
const SWEEP_MS = 60_000

export function createSlowMode(): SlowMode {
  const lastPosted = new Map<string, number>()
  let sweptAt = 0

  function sweep(now: number, longestMs: number): void {
    if (now - sweptAt < SWEEP_MS) return
    sweptAt = now
    for (const [key, at] of lastPosted) if (now - at >= longestMs) lastPosted.delete(key)
  }

  return {
    take(room, name, now = Date.now()) {
      const intervalMs = (room.slowModeSeconds ?? 0) * 1000
      if (intervalMs === 0) return 0
      sweep(now, Math.max(...SLOW_MODE_SECONDS) * 1000)
      const key = `${room.id}\n${nameKey(name)}`
      const wait = (lastPosted.get(key) ?? -Infinity) + intervalMs - now
      if (wait > 0) return wait
      lastPosted.set(key, now)
      return 0
    },
  }
}

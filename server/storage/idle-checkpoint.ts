import type { Db } from './database'

export interface IdleCheckpoint {
  /** Call after each commit: the checkpoint waits until writes pause. */
  wrote(): void
  /** Stops waiting (before the database closes). */
  stop(): void
}

/**
 * A WAL checkpoint copies the log back into the database file: several
 * milliseconds here, and by default SQLite runs one inside whichever commit
 * takes the log past 1,000 pages, stalling that message and those queued
 * behind it. So the checkpoint runs once writes have paused for `idleMs`,
 * and the log rarely reaches that size. SQLite's own stays on at its default
 * for a server that never pauses: a larger log would only make that stall
 * longer (about 30 ms at 10,000 pages).
 */
export function idleCheckpoint(
  db: Db,
  { idleMs = 200, backstopPages = 1000, onIdle = (): void => {} } = {},
): IdleCheckpoint {
  db.pragma(`wal_autocheckpoint = ${backstopPages}`)
  let timer: NodeJS.Timeout | undefined
  const checkpoint = (): void => {
    timer = undefined
    if (!db.open) return
    // Other work that waits for a pause in writes (the search index) goes first.
    onIdle()
    // PASSIVE never waits for readers; what it cannot copy now waits for the next pause.
    db.pragma('wal_checkpoint(PASSIVE)')
  }
  return {
    wrote() {
      if (timer) timer.refresh()
      else timer = setTimeout(checkpoint, idleMs).unref()
    },
    stop() {
      clearTimeout(timer)
      timer = undefined
    },
  }
}
